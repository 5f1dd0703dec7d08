/* blockdev.h - the block devices the kernel has, from /sys/class/block,
 * and what is on them (filesystem, partition table entry).
 *
 * Everything takes directory descriptors: sysfd for the sysfs root
 * ("/sys") and devfd for the device directory ("/dev"), so the tests run
 * against tests/fixtures/ and images in build/.
 */
#ifndef NEWROOT_BLOCKDEV_H
#define NEWROOT_BLOCKDEV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "probe/probe.h"

#define BLOCKDEV_NAME_MAX 64
#define BLOCKDEV_MAX 256

/* blockdev_set.flags */
#define BLOCKDEV_MKNOD 1 /* create a missing /dev node (no devtmpfs) */

struct blockdev {
	char name[BLOCKDEV_NAME_MAX]; /* as in /sys/class/block: "sda1",
					 "cciss!c0d0p1" */
	char disk[BLOCKDEV_NAME_MAX]; /* the whole disk: "sda" for sda1, and
					 its own name for a disk */
	unsigned major, minor;
	int partition; /* partition number; 0 for a whole disk */
	char dm_name[BLOCKDEV_NAME_MAX]; /* dm-N: its dm/name, the name
					    in /dev/mapper/ */
	uint64_t size; /* bytes */

	/* The filesystem, once blockdev_probe_fs() has looked: fs_probed
	 * with fs_err 0 (fs filled in) or -ENOENT (nothing recognised); or
	 * not fs_probed with fs_err the -errno of opening or reading the
	 * device (tried again next time). */
	bool fs_probed;
	int fs_err;
	struct probe_result fs;

	/* Partitions: their entry in the disk's table, once the table has
	 * been read (blockdev_probe_table()).  Disks: the table's type and
	 * id ("gpt"/"dos", empty when none). */
	bool pt_probed;
	char partuuid[40]; /* lower case, as blkid's PARTUUID */
	char partlabel[PROBE_LABEL_MAX];
	char pttype[8];
	char ptuuid[40];

	bool seen; /* scratch for blockdev_scan() */
};

struct blockdev_set {
	unsigned flags; /* BLOCKDEV_MKNOD */
	int n;
	struct blockdev dev[BLOCKDEV_MAX]; /* disks, each followed by its
					      partitions in number order */
};

/*
 * Read /sys/class/block under sysfd into set: each entry's dev, size and
 * partition files, its disk from the symlink target (a partition's sysfs
 * directory sits inside its disk's).  Devices of size 0 (empty loop, ram,
 * CD drive without a disc) are left out.  What was already probed stays
 * probed when the entry has the same name, number and size, so a scan
 * after each uevent is cheap.  Returns the number of devices or -errno
 * (-ENOSPC when more than BLOCKDEV_MAX: the first ones are kept).
 */
int blockdev_scan(int sysfd, struct blockdev_set *set);

/* Open the device node devfd/NAME ('!' in the name read as '/')
 * read-only; with BLOCKDEV_MKNOD in flags a missing node is created
 * first.  A block node whose number is not the device's is refused
 * (-ENXIO).  Returns the fd or -errno. */
int blockdev_open(int devfd, const struct blockdev *bd, unsigned flags);

/* Identify the filesystem on bd (once; see fs_err).  Returns bd->fs_err. */
int blockdev_probe_fs(int devfd, struct blockdev_set *set, struct blockdev *bd);

/* Read the partition table of the disk bd (a whole disk) and fill in
 * partuuid/partlabel of its partitions in set.  Returns 0, -ENOENT when
 * the disk has no table, or -errno. */
int blockdev_probe_table(int devfd, struct blockdev_set *set,
			 struct blockdev *disk);

/* Probe every device and every disk's table, for the list printed when the
 * root is not found.  Errors stay in each entry. */
void blockdev_probe_all(int devfd, struct blockdev_set *set);

/* The device with this name, or major:minor; NULL when absent. */
struct blockdev *blockdev_find(struct blockdev_set *set, const char *name);
struct blockdev *blockdev_find_devnum(struct blockdev_set *set, unsigned major,
				      unsigned minor);

/*
 * One line for the "root not found" list, after the kernel's "Cannot
 * open root device" list:
 *   sda1 8:1 1.0G ext4 UUID=... LABEL="..." PARTUUID=... PARTLABEL="..."
 * (what is unknown or empty is left out).  Returns the length snprintf()
 * would.
 */
int blockdev_format(const struct blockdev *bd, char *buf, size_t size);

#endif
