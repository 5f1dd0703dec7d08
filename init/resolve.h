/* resolve.h - which block device a root= spec names
 *
 * No udev: UUID=, LABEL= and the /dev/disk/by-* links are answered by
 * our own probes, PARTUUID= and PARTLABEL= by reading the disks' partition
 * tables.  Only what the spec needs is read.
 */
#ifndef NEWROOT_RESOLVE_H
#define NEWROOT_RESOLVE_H

#include <stddef.h>

#include "blockdev.h"
#include "rootspec.h"

/*
 * Rescan /sys/class/block under sysfd into set (skipped when sysfd < 0),
 * then look for the device spec names, probing through devfd only what the
 * spec needs (NAME and MAJ:MIN: nothing; UUID/LABEL: filesystems;
 * PARTUUID/PARTLABEL: partition tables).  /dev/mapper/NAME is the dm-N
 * device whose dm/name is NAME, /dev/VG/LV the one whose dm/name is
 * LVM's "VG-LV" (resolve_dm_vglv()); any other /dev/NAME sysfs does not know
 * (/dev/md/root, /dev/vg/lv, /dev/root) is the device whose number the
 * block node devfd/NAME (followed if a link) carries.  PARTNROFF=N: the partition
 * numbered N after the PARTUUID one on the same disk.  When several match
 * (a cloned disk), the first in disk order wins and a warning names both
 * (not for the devices of one btrfs, which share its UUID and label).
 * Returns 0 with *out set, -ENOENT when it is not there (yet: call again
 * after the next uevent), -ENODEV when sysfd has no class/block (sysfs
 * not mounted), or another -errno when sysfs cannot be read.
 */
int resolve_root(const struct root_spec *spec, struct blockdev_set *set,
		 int sysfd, int devfd, struct blockdev **out);

/* Is dm_name the device-mapper name LVM gives the logical volume vglv
 * ("VG!LV" as a root= name holds it, or "VG/LV")?  LVM doubles each '-'
 * of both names and joins them with one: vg "my-vg", lv "root" is
 * "my--vg-root".  Pure. */
int resolve_dm_vglv(const char *dm_name, const char *vglv);

/* The node to mount: "/dev/sda1" ("/dev/cciss/c0d0p1" for "cciss!c0d0p1").
 * Returns 0, or -ENAMETOOLONG when buf is too small. */
int resolve_devnode(const struct blockdev *bd, char *buf, size_t size);

#endif
