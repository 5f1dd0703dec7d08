/* fsready.c - is every device of the filesystem there?
 *
 * A filesystem on several devices (btrfs RAID) is found at its first
 * member, and mounting it then fails or comes up degraded: the wait goes
 * on until the filesystem says all its devices are present, as udev's
 * "btrfs ready" rule makes systemd wait.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "fsready.h"
#include "log.h"
#include "resolve.h"

/* <linux/btrfs.h>, which not every libc's headers carry */
#define BTRFS_PATH_NAME_MAX 4087
struct btrfs_ioctl_vol_args {
	int64_t fd;
	char name[BTRFS_PATH_NAME_MAX + 1];
};
#define BTRFS_IOC_SCAN_DEV _IOW(0x94, 4, struct btrfs_ioctl_vol_args)
#define BTRFS_IOC_DEVICES_READY _IOR(0x94, 39, struct btrfs_ioctl_vol_args)
#define BTRFS_CONTROL "/dev/btrfs-control"

int fs_same(const struct blockdev *a, const struct blockdev *b)
{
	return a->fs_probed && b->fs_probed && a->fs_err == 0 &&
	       b->fs_err == 0 && !strcmp(a->fs.type, b->fs.type) &&
	       a->fs.uuid[0] && !strcmp(a->fs.uuid, b->fs.uuid);
}

/* Tell the kernel about dev (SCAN_DEV), or ask whether all the devices
 * of its filesystem are known (DEVICES_READY: 0 when they are, 1 when
 * not).  Returns what the ioctl returns, or -errno. */
static int btrfs_ioctl(int ctl, unsigned long cmd, const struct blockdev *dev)
{
	static struct btrfs_ioctl_vol_args args;
	int r;

	memset(&args, 0, sizeof(args));
	if (resolve_devnode(dev, args.name, sizeof(args.name)) < 0)
		return -ENAMETOOLONG;
	r = ioctl(ctl, cmd, &args);
	return r < 0 ? -errno : r;
}

static int btrfs_ready(struct modules *mods, int devfd,
		       struct blockdev_set *set, struct blockdev *bd)
{
	int ctl, i, r;

	/* Its driver makes /dev/btrfs-control; the mount needs it too. */
	modules_load_fs(mods, "btrfs");
	ctl = open(BTRFS_CONTROL, O_RDWR | O_CLOEXEC);
	if (ctl < 0) {
		log_debug("cannot open %s (%s): not waiting for the other "
			  "devices of %s",
			  BTRFS_CONTROL, strerror(errno), bd->name);
		return 1;
	}
	/* Every member there so far, as udev's rule scans each. */
	for (i = 0; i < set->n; i++) {
		struct blockdev *d = &set->dev[i];

		if (d == bd)
			continue;
		if (!d->fs_probed)
			blockdev_probe_fs(devfd, set, d);
		if (fs_same(d, bd))
			btrfs_ioctl(ctl, BTRFS_IOC_SCAN_DEV, d);
	}
	r = btrfs_ioctl(ctl, BTRFS_IOC_DEVICES_READY, bd);
	close(ctl);
	if (r < 0)
		log_debug("%s: %s on %s failed (%s): not waiting for its "
			  "other devices",
			  BTRFS_CONTROL, "BTRFS_IOC_DEVICES_READY", bd->name,
			  strerror(-r));
	return r != 1;
}

int fs_ready(struct modules *mods, int devfd, struct blockdev_set *set,
	     struct blockdev *bd)
{
	if (!bd->fs_probed)
		blockdev_probe_fs(devfd, set, bd);
	if (bd->fs_err == 0 && !strcmp(bd->fs.type, "btrfs"))
		return btrfs_ready(mods, devfd, set, bd);
	return 1;
}
