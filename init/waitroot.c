/* waitroot.c - wait for root=, driven by the kernel's uevents.
 *
 * The socket is opened before the first look, so a device that appears
 * between the look and the wait still wakes us: no polling loop, no fixed
 * sleep (but the one rootdelay= asks for).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <unistd.h>

#include "fsready.h"
#include "log.h"
#include "modules.h"
#include "resolve.h"
#include "sys.h"
#include "uevent.h"
#include "unlock.h"
#include "waitroot.h"

#define DEFAULT_WAIT_SECS 30

int wait_timeout_ms(const struct cmdline *cl)
{
	int secs = DEFAULT_WAIT_SECS;

	if (cl->rootwait && cl->rootwait_secs < 0)
		secs = -1;
	else if (cl->rootwait)
		secs = cl->rootwait_secs;
	/* rd.timeout= bounds every wait, rootwait's too. */
	if (cl->timeout >= 0)
		secs = cl->timeout;
	if (secs < 0)
		return -1;
	if (secs > 86400)
		secs = 86400;
	return cmdline_secs_ms(secs);
}

int wait_delay_ms(const struct cmdline *cl)
{
	return cl->rootdelay > 0 ? cmdline_secs_ms(cl->rootdelay) : 0;
}

/* The socket failed for good: close it and say so, once; the waits
 * look once a second from now on. */
static void stop_listening(struct boot *b, int err)
{
	log_warn("reading uevents failed (%s); no longer listening: looking "
		 "for the device once a second instead",
		 strerror(-err));
	close(b->uevent_fd);
	b->uevent_fd = -1;
}

/* Read every waiting uevent: load drivers for what they announce.
 * Returns 1 when a block device came or changed, or when the socket
 * failed for good (any error but EAGAIN, EINTR and ENOBUFS): then it is
 * closed and the caller, listening no more, looks again. */
static int drain_uevents(struct boot *b)
{
	char buf[8192];
	struct uevent ev;
	int r, block = 0;

	for (;;) {
		r = uevent_recv(b->uevent_fd, buf, sizeof(buf), &ev);
		if (r == -EAGAIN)
			break;
		if (r == -ENOBUFS) {
			/* Events were lost: look at everything again. */
			block = 1;
			continue;
		}
		if (r == -EBADMSG || r == -EINTR)
			continue; /* a message to ignore */
		if (r < 0) {
			/* Trying again would fail again, forever. */
			stop_listening(b, r);
			return 1;
		}
		if (strcmp(ev.action, "add") && strcmp(ev.action, "change"))
			continue;
		if (ev.modalias)
			modules_uevent(&b->mods, ev.modalias);
		if (ev.subsystem && !strcmp(ev.subsystem, "block"))
			block = 1;
	}
	return block;
}

void delay_with_uevents(struct boot *b, int ms)
{
	uint64_t end = sys_now_ms() + ms;

	for (;;) {
		uint64_t now = sys_now_ms();
		struct pollfd p = { b->uevent_fd, POLLIN, 0 };

		if (now >= end)
			break;
		/* Nothing is looked for: every device gets its driver. */
		if (modules_next(&b->mods)) {
			if (b->uevent_fd >= 0)
				drain_uevents(b);
			continue;
		}
		if (b->uevent_fd < 0) {
			sys_sleep_ms(end - now);
			break;
		}
		if (poll(&p, 1, (int)(end - now)) > 0)
			drain_uevents(b);
	}
}

static void list_devices(int devfd, struct blockdev_set *set)
{
	char line[1024]; /* as long as a log line */
	int i;

	blockdev_probe_all(devfd, set);
	if (set->n == 0) {
		log_err("there are no block devices at all: the driver for "
			"the disk controller is probably missing from the "
			"image (newroot-mkimage -m MODULE adds it)");
		return;
	}
	log_err("the block devices that exist:");
	for (i = 0; i < set->n; i++) {
		blockdev_format(&set->dev[i], line, sizeof(line));
		log_err("  %s", line);
	}
}

void wait_list_devices(struct blockdev_set *set)
{
	int devfd = open("/dev", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	list_devices(devfd, set);
	if (devfd >= 0)
		close(devfd);
}

static void say_timeout(const struct cmdline *cl, int ms,
			struct blockdev_set *set)
{
	log_err("root device root=%s did not appear within %d s; check the "
		"root= value against the list below, or wait longer with "
		"rootwait or rootwait=SECS",
		cl->root, ms / 1000);
	wait_list_devices(set);
}

/* Subscribe to uevents once (the modules stage normally did, before
 * its first driver); -errno when that is impossible. */
static int subscribe(int *ufdp)
{
	if (*ufdp < 0) {
		*ufdp = uevent_open();
		if (*ufdp < 0)
			log_warn("unable to listen to uevents (%s); looking "
				 "once a second instead",
				 strerror(-*ufdp));
	}
	return *ufdp;
}

/* A disk is listed in sysfs a moment before it can be opened (7.x adds
 * it, then scans it; the open in between fails with ENXIO, and the size
 * can still read 0): such a device is there but not ready, so the wait
 * goes on instead of handing the mount a device it cannot open. */
#define OPEN_RETRY_MS 50
static bool openable(int devfd, struct blockdev_set *set, struct blockdev *bd)
{
	int e = bd->fs_probed ? bd->fs_err : blockdev_probe_fs(devfd, set, bd);

	if (e == -ENXIO)
		log_debug("/dev/%s is listed but cannot be opened yet",
			  bd->name);
	return e != -ENXIO;
}

int wait_device_in(struct boot *b, int sysfd, int devfd,
		   const struct root_spec *spec, struct blockdev_set *set,
		   int ms, struct blockdev **out)
{
	uint64_t start = sys_now_ms(), end = ms < 0 ? 0 : start + ms;
	int r, look = 1, expired, unready = 0, said = 0;

	for (;;) {
		struct pollfd p = { b->uevent_fd, POLLIN, 0 };
		uint64_t now;
		int left;

		/* Look (rescan /sys/class/block, probe what is new) only
		 * first and after a block device came or changed. */
		if (look) {
			r = resolve_root(spec, set, sysfd, devfd, out);
			if (r == 0 && !openable(devfd, set, *out))
				r = -EAGAIN;
			/* Found, but its filesystem waits for more of its
			 * devices: as if not there yet. */
			unready =
				r == 0 && !fs_ready(&b->mods, devfd, set, *out);
			if (r != -ENOENT && r != -EAGAIN && !unready)
				break;
			if (unready && !said++)
				log_info("%s holds %s %s on several devices: "
					 "waiting for the others",
					 (*out)->name, (*out)->fs.type,
					 (*out)->fs.uuid);
		}
		now = sys_now_ms();
		/* What appeared may be a RAID member, an LVM PV or a LUKS
		 * container: its unlocker makes the next device appear,
		 * as a uevent (docs/devices.md); their time is not ours,
		 * nor is it up while drivers are still queued. */
		expired = (ms < 0 ? now >= start + UNLOCK_DEGRADED_MS
				  : now >= end) &&
			  !modules_pending(&b->mods);
		if (unlock_devices(b, set, devfd, look, expired) > 0) {
			uint64_t after = sys_now_ms();

			/* The time they took (a passphrase typed) is not
			 * the wait's; what they started at its end (a
			 * degraded array) gets a moment to appear. */
			end += after - now;
			if (expired && end < after + UNLOCK_GRACE_MS)
				end = after + UNLOCK_GRACE_MS;
			now = after;
		}
		/* Root first: not there yet, so the next device's driver;
		 * the disks it finds are announced by the time it loaded.
		 * Loading is not waiting: the time is up only once every
		 * device there has its driver, as when coldplug loaded them
		 * all before the wait. */
		if (modules_next(&b->mods)) {
			look = b->uevent_fd < 0 || drain_uevents(b) ||
			       r == -EAGAIN;
			continue;
		}
		if (ms >= 0 && now >= end) {
			if (r == -EAGAIN)
				r = 0; /* the mount says what is wrong */
			break; /* else r is -ENOENT, or 0 with unready */
		}
		left = ms < 0 ? -1 : (int)(end - now);
		if (r == -EAGAIN) {
			/* No uevent says "openable now": look again soon. */
			if (left < 0 || left > OPEN_RETRY_MS)
				left = OPEN_RETRY_MS;
			if (b->uevent_fd >= 0 && poll(&p, 1, left) > 0)
				drain_uevents(b);
			else if (b->uevent_fd < 0)
				sys_sleep_ms(left);
			look = 1;
		} else if (b->uevent_fd < 0) {
			sys_sleep_ms(left < 0 || left > 1000 ? 1000 : left);
			look = 1;
		} else {
			look = poll(&p, 1, left) > 0 && drain_uevents(b);
		}
	}
	if (r == 0 && unready)
		log_warn("%s holds %s %s, and not all of its devices appeared "
			 "within %d s; mounting it anyway (rootflags=degraded "
			 "mounts it without them)",
			 (*out)->name, (*out)->fs.type, (*out)->fs.uuid,
			 ms / 1000);
	if (r == 0 && !(*out)->fs_probed)
		blockdev_probe_fs(devfd, set, *out);
	return r;
}

int wait_device(struct boot *b, const struct root_spec *spec,
		struct blockdev_set *set, int ms, struct blockdev **out)
{
	int sysfd, devfd, r;

	subscribe(&b->uevent_fd);
	sysfd = open("/sys", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	devfd = open("/dev", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (sysfd < 0 || devfd < 0) {
		r = -errno;
		log_err("unable to open %s: %s", sysfd < 0 ? "/sys" : "/dev",
			strerror(-r));
	} else {
		set->flags |= BLOCKDEV_MKNOD;
		r = wait_device_in(b, sysfd, devfd, spec, set, ms, out);
	}
	if (sysfd >= 0)
		close(sysfd);
	if (devfd >= 0)
		close(devfd);
	return r;
}

int wait_root(struct boot *b, const struct root_spec *spec,
	      struct blockdev_set *set, struct blockdev **out)
{
	const struct cmdline *cl = &b->cl;
	int r, ms = wait_timeout_ms(cl);

	if (cl->rootdelay > 0) {
		log_info("waiting %d s (rootdelay=%d)", cl->rootdelay,
			 cl->rootdelay);
		subscribe(&b->uevent_fd);
		delay_with_uevents(b, wait_delay_ms(cl));
	}
	r = wait_device(b, spec, set, ms, out);
	if (r == -ENOENT) {
		say_timeout(cl, ms, set);
		return -ENODEV;
	}
	if (r < 0)
		log_err("unable to look for root=%s: %s", cl->root,
			strerror(-r));
	return r;
}
