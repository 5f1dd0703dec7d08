/* switch_handoff.h - what the new init gets: the API mounts, the console, the exec */
#ifndef NEWROOT_SWITCH_HANDOFF_H
#define NEWROOT_SWITCH_HANDOFF_H

#include <stddef.h>

#include "switchroot.h"

/* Move /dev /proc /sys /run into newroot (where it has a directory and
 * no mount of its own there; else detach ours).  Returns a bit per
 * switch_api_mounts[] entry moved, for switch_move_api_mounts_back(). */
unsigned switch_move_api_mounts(const char *newroot);

/* Before the point of no return only: put back what was moved. */
void switch_move_api_mounts_back(const char *newroot, unsigned moved);

/* Make console (a path in the new root) fds 0-2; keeps the old ones
 * when it cannot be opened. */
void switch_open_console(const char *console);

/* Execute o->init, then (unless o->exact_init) the kernel's fallbacks.
 * Returns the first failure's -errno when none ran. */
int switch_exec_init(const struct switch_opts *o);

/* The usermodehelper directory: /proc's, or newroot/proc's when /proc
 * was moved there already. */
const char *switch_umh_dir(const char *newroot, char *buf, size_t len);

#endif
