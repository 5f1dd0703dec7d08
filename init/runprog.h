/* runprog.h - run one of the image's programs (mdadm, lvm, cryptsetup)
 * with some bytes on its stdin and its output kept for the log */
#ifndef NEWROOT_RUNPROG_H
#define NEWROOT_RUNPROG_H

#include <stddef.h>

/* Where the image's programs are looked for, in order. */
#define RUNPROG_PATH "/usr/sbin:/usr/bin:/sbin:/bin"

/* The program's path in buf (the first of RUNPROG_PATH's directories
 * where name is executable); -ENOENT when the image has none. */
int runprog_find(const char *name, char *buf, size_t size);

/*
 * Run argv (argv[0] a path) with in (len bytes; NULL: /dev/null) on its
 * stdin and its stdout and stderr together in out (cut to size, NUL
 * ended, trailing newlines dropped).  Returns its exit status (0-255),
 * 128 + the signal that killed it, or -errno when it could not run.
 * The bytes of in are not kept anywhere but the pipe.
 */
int runprog(char *const argv[], const void *in, size_t len, char *out,
	    size_t size);

/* Overwrite n bytes at p with zeros, in a way the compiler keeps. */
void runprog_wipe(void *p, size_t n);

#endif
