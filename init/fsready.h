/* fsready.h - is every device of a filesystem there (btrfs on several)? */
#ifndef NEWROOT_FSREADY_H
#define NEWROOT_FSREADY_H

#include "blockdev.h"
#include "modules.h"

/* Do a and b hold the same filesystem (type and UUID, both probed)? */
int fs_same(const struct blockdev *a, const struct blockdev *b);

/*
 * Is the filesystem on bd (probed here through devfd if it was not) on
 * all its devices?  btrfs: load its driver (with mods), register every
 * device of set that holds the same filesystem and ask the kernel
 * (BTRFS_IOC_DEVICES_READY).  1 when ready, also for every filesystem on
 * one device and when the kernel cannot be asked; 0 when members are
 * missing.
 */
int fs_ready(struct modules *mods, int devfd, struct blockdev_set *set,
	     struct blockdev *bd);

#endif
