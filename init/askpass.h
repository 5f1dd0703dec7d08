/* askpass.h - ask for a passphrase on every console, without echo */
#ifndef NEWROOT_ASKPASS_H
#define NEWROOT_ASKPASS_H

#include <stddef.h>

#include "cmdline.h"

#define ASKPASS_MAX 512 /* bytes of a passphrase, as cryptsetup's default */
#define ASKPASS_CONSOLES (CMDLINE_MAX_CONSOLES + 1)

/* The device node of one console= value: "ttyS0,115200n8" gives
 * "/dev/ttyS0".  Returns 0, or -EINVAL for a value that names no node
 * ("", "null", "uart8250,io,0x3f8" ...: those with no letters-and-digits
 * name before the comma, or a name that is not a plain one).  Pure. */
int askpass_console_path(const char *console, char *buf, size_t size);

/* Open /dev/console and each console= node (character devices, each
 * once: the one /dev/console stands for is not opened twice) into fds.
 * Returns how many. */
int askpass_open(const struct cmdline *cl, int *fds, int max);
void askpass_close(int *fds, int n);

/*
 * Write prompt to each fd, turn its echo off, and read one line from
 * whichever answers first; echo is restored on all before returning.
 * The line (without its newline) goes to buf, NUL ended.  Returns its
 * length, -E2BIG when it was longer than size - 1 (buf is wiped), -EIO
 * when every console is gone.  The caller wipes buf (runprog_wipe).
 */
int askpass_read(const int *fds, int n, const char *prompt, char *buf,
		 size_t size);

#endif
