/* waitroot.h - wait for the root device: uevents, rootdelay=, rootwait */
#ifndef NEWROOT_WAITROOT_H
#define NEWROOT_WAITROOT_H

#include "blockdev.h"
#include "boot.h"
#include "cmdline.h"
#include "rootspec.h"

/* How long to wait, in milliseconds (-1: forever), from rootwait,
 * rootwait=SECS and rd.timeout=SECS (which bounds
 * even rootwait); 30 s without any of them.  Pure. */
int wait_timeout_ms(const struct cmdline *cl);

/* How long rootdelay= sleeps before the first look, in milliseconds
 * (0 without it).  Pure. */
int wait_delay_ms(const struct cmdline *cl);

/*
 * With b->uevent_fd subscribed to uevents (opened here when it is -1),
 * sleep rootdelay= (loading drivers for what appears meanwhile), then
 * look for spec as wait_device() does, until it is there or the wait is
 * over.  The filesystem on the device found has been probed.  On timeout, logs which root= was asked for and every
 * block device that exists, and returns -ENODEV.
 */
int wait_root(struct boot *b, const struct root_spec *spec,
	      struct blockdev_set *set, struct blockdev **out);

/*
 * The wait itself, for any device a spec names (root=, resume=, /usr):
 * look now; while it is not there, load the driver of the next device
 * coldplug and uevents queued (b->mods, disks' and storage controllers'
 * first) and look again whenever a block device came; once no driver is
 * left to load, sleep on the uevent socket, for up to ms milliseconds
 * (-1: forever) counted from the start but never before every queued
 * driver was loaded.  A filesystem on several devices (btrfs) is there
 * when all its devices are (fsready.h); at the timeout without them it
 * is returned anyway, with a warning.  The filesystem of the device
 * found has been probed.  Returns 0 with *out set, -ENOENT when it did
 * not appear in time (nothing logged: the caller says what it was
 * waiting for), or another -errno.
 */
int wait_device(struct boot *b, const struct root_spec *spec,
		struct blockdev_set *set, int ms, struct blockdev **out);

/* The same wait with /sys and /dev given as directory fds (tests point
 * them at fixture trees; no device nodes are made unless set->flags
 * asks).  When reading b->uevent_fd fails for good, the wait says so
 * once, closes it (b->uevent_fd = -1) and looks once a second until
 * ms is over. */
int wait_device_in(struct boot *b, int sysfd, int devfd,
		   const struct root_spec *spec, struct blockdev_set *set,
		   int ms, struct blockdev **out);

/* Sleep ms (rootdelay=, the network's interfaces), loading the drivers
 * of every queued device meanwhile (nothing is looked for, so all of
 * them); with b->uevent_fd -1 hear of no new ones. */
void delay_with_uevents(struct boot *b, int ms);

/* Log every block device in set (probed through /dev), or that there
 * is none and what that usually means: after a wait that timed out. */
void wait_list_devices(struct blockdev_set *set);

#endif
