/* mountroot.h - mount the real root at NEWROOT_DIR */
#ifndef NEWROOT_MOUNTROOT_H
#define NEWROOT_MOUNTROOT_H

#include <stddef.h>

#include "boot.h"
#include "cmdline.h"

/* The mount stage: resolve root=, wait for it, mount it at NEWROOT_DIR.
 * Fills in b->root_dev and b->root_type. */
int stage_mount(struct boot *b);

/*
 * Mount dev at dir (loading each type's driver with mods, when not NULL): with each type of rootfstype= in turn when given,
 * otherwise with probed (the type the superblock says), otherwise with
 * every type in /proc/filesystems, as the kernel does.  rootflags= is the
 * data, read-only unless rw.  The type that worked is copied to used.
 * Returns 0, or -errno of the last attempt after logging what was tried
 * and what to do.
 */
int mount_root(const struct cmdline *cl, struct modules *mods, const char *dev,
	       const char *probed, const char *dir, char *used,
	       size_t used_size);

/* The next type of a comma list: copies it to out and returns a pointer
 * past it, or NULL at the end.  Pure. */
const char *fstype_next(const char *list, char *out, size_t size);

#endif
