/* coldplug.c - the drivers of the devices that are there, root first.
 *
 * The walk reads the modalias of every device sysfs lists and queues
 * those the image has a driver for; uevents queue the devices new
 * drivers add.  The wait for the root (waitroot.c) loads one queued
 * device's driver at a time, disks' and storage controllers' first, and
 * looks for the root after each: once it is there, the rest is left to
 * the real system's udev, which coldplugs every device again (the boot
 * report names what was left).  Without uevents nothing would say what
 * the drivers brought up, so then everything is loaded at once, walking
 * again while new drivers add devices.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "modindex.h"
#include "modules.h"

#define COLDPLUG_PASSES 4

/* A PCI modalias's class and subclass ("...bc01sc06i01"): 0x0106, or
 * -1 when it has none. */
static int pci_class(const char *modalias)
{
	const char *bc = strstr(modalias, "bc");
	unsigned long c, s;
	char *end;

	if (!bc || strncmp(bc + 4, "sc", 2))
		return -1;
	c = strtoul(bc + 2, &end, 16);
	if (end != bc + 4)
		return -1;
	s = strtoul(bc + 6, &end, 16);
	if (end != bc + 8)
		return -1;
	return (int)(c << 8 | s);
}

/* A USB interface's class ("...ic08isc06ip50..."): 8, or -1. */
static int usb_iface_class(const char *modalias)
{
	const char *ic = strstr(modalias, "ic");
	unsigned long c;
	char *end;

	if (!ic)
		return -1;
	c = strtoul(ic + 2, &end, 16);
	return end == ic + 4 ? (int)c : -1;
}

int coldplug_rank(const char *modalias)
{
	static const char *const disks[] = {
		"virtio:d00000002v", /* virtio-blk */
		"virtio:d00000008v", /* virtio-scsi */
		"scsi:t-0x00", /* disk: sd_mod */
		"scsi:t-0x0e", /* reduced block commands: sd_mod */
		"scsi:t-0x05", /* CD/DVD: sr_mod */
		"mmc:block",	     "xen:vbd",
	};
	unsigned i;
	int c;

	for (i = 0; i < sizeof(disks) / sizeof(disks[0]); i++)
		if (!strncmp(modalias, disks[i], strlen(disks[i])))
			return COLDPLUG_DISK;
	if (!strncmp(modalias, "usb:", 4))
		return usb_iface_class(modalias) == 0x08 ? COLDPLUG_DISK
							 : COLDPLUG_OTHER;
	if (strncmp(modalias, "pci:", 4))
		return COLDPLUG_OTHER;
	c = pci_class(modalias);
	/* IDE probes slowly (libata's resets) and is where a root seldom
	 * is when a faster controller is there too. */
	if (c == 0x0101)
		return COLDPLUG_SLOW;
	if (c >> 8 == 0x01)
		return COLDPLUG_STORAGE;
	if (c == 0x0c03 || c == 0x0c04 || c == 0x0805) /* USB, FC, SD host */
		return COLDPLUG_SLOW;
	return COLDPLUG_OTHER;
}

struct pending_ctx {
	const struct modules *m;
	int n; /* matching modules not loaded (nor failed) yet */
	int (*each)(struct modindex_mod *mod, void *arg);
	void *arg;
};

static int count_new(const struct modindex_alias *a, void *arg)
{
	struct pending_ctx *c = arg;
	struct modindex_mod *mod = modindex_find(&c->m->idx, a->name);

	if (mod && mod->state == MOD_NEW && mod->path) {
		c->n++;
		if (c->each)
			return c->each(mod, c->arg);
	}
	return 0;
}

/* How many modules matching modalias are still to load. */
static int to_load(const struct modules *m, const char *modalias,
		   int (*each)(struct modindex_mod *mod, void *arg), void *arg)
{
	struct pending_ctx c = { m, 0, each, arg };

	modindex_match(&m->idx, modalias, count_new, &c);
	return c.n;
}

int modules_queue(struct modules *m, const char *modalias)
{
	struct coldplug_dev *d;
	int i;

	if (!m->ready || !to_load(m, modalias, NULL, NULL))
		return 0;
	for (i = 0; i < m->n_queue; i++)
		if (!m->queue[i].done &&
		    !strcmp(m->queue[i].modalias, modalias))
			return 0;
	if (modindex_grow((void **)&m->queue, m->n_queue, &m->cap_queue,
			  sizeof(*m->queue)) < 0)
		return modules_match(m, modalias) ? -EIO : 0;
	d = &m->queue[m->n_queue];
	d->modalias = strdup(modalias);
	if (!d->modalias)
		return modules_match(m, modalias) ? -EIO : 0;
	d->rank = coldplug_rank(modalias);
	d->done = 0;
	m->n_queue++;
	return 1;
}

int modules_next(struct modules *m)
{
	struct coldplug_dev *best;
	int i;

	for (;;) {
		best = NULL;
		for (i = 0; i < m->n_queue; i++)
			if (!m->queue[i].done &&
			    (!best || m->queue[i].rank < best->rank))
				best = &m->queue[i];
		if (!best)
			return 0;
		best->done = 1;
		if (to_load(m, best->modalias, NULL, NULL))
			break;
		/* Another device's driver drives this one too. */
	}
	log_debug("coldplug: %s", best->modalias);
	/* The disks' and controllers' drivers probe while they load, so
	 * the disks they find are announced when the load returns; a slow
	 * one probes in the background, holding up no other load. */
	modules_match_async(m, best->modalias,
			    m->listening && best->rank >= COLDPLUG_SLOW);
	return 1;
}

int modules_pending(struct modules *m)
{
	int i, n = 0;

	for (i = 0; i < m->n_queue; i++)
		if (!m->queue[i].done &&
		    to_load(m, m->queue[i].modalias, NULL, NULL))
			n++;
	return n;
}

void modules_queue_free(struct modules *m)
{
	int i;

	for (i = 0; i < m->n_queue; i++)
		free(m->queue[i].modalias);
	free(m->queue);
	m->queue = NULL;
	m->n_queue = m->cap_queue = 0;
}

struct names {
	char *buf;
	size_t size;
	size_t len;
	int n;
};

static int add_name(struct modindex_mod *mod, void *arg)
{
	struct names *s = arg;
	size_t need = strlen(mod->name) + (s->len ? 1 : 0);
	const char *p = s->buf;
	char name[64];

	while ((p = modindex_next(p, name, sizeof(name))))
		if (!strcmp(name, mod->name))
			return 0;
	if (s->len + need >= s->size)
		return 0;
	s->len += snprintf(s->buf + s->len, s->size - s->len, "%s%s",
			   s->len ? "," : "", mod->name);
	s->n++;
	return 0;
}

int modules_left(const struct modules *m, char *buf, size_t size)
{
	struct names s = { buf, size, 0, 0 };
	int i;

	if (!size)
		return 0;
	buf[0] = '\0';
	for (i = 0; m->ready && i < m->n_queue; i++)
		to_load(m, m->queue[i].modalias, add_name, &s);
	return s.n;
}

int modules_loaded(const struct modules *m, char *buf, size_t size)
{
	struct names s = { buf, size, 0, 0 };
	int i;

	if (!size)
		return 0;
	buf[0] = '\0';
	for (i = 0; i < m->n_list; i++)
		add_name(m->loaded[i], &s);
	return s.n;
}

/* Read the modalias file of one device and queue it. */
static void coldplug_file(struct modules *m, int dir, const char *dev)
{
	char buf[512], path[300];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/modalias", dev);
	fd = openat(dir, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	if (buf[0])
		modules_queue(m, buf);
}

/* Every device of one bus or class: the entries of dir (links to the
 * devices' directories). */
static void coldplug_devices(struct modules *m, int dir)
{
	struct dirent *de;
	DIR *d = dir >= 0 ? fdopendir(dir) : NULL;

	if (!d) {
		if (dir >= 0)
			close(dir);
		return;
	}
	while ((de = readdir(d)))
		if (de->d_name[0] != '.')
			coldplug_file(m, dirfd(d), de->d_name);
	closedir(d);
}

/* The devices that can have a driver are those of /sys/bus/B/devices,
 * plus the class devices with an alias of their own (input:...) and the
 * CPUs' root, whose alias names their features (cpu:type:x86,...:
 * crc32c_intel and the other accelerated ciphers).  Their
 * lists are flat: far fewer reads than walking /sys/devices, whose
 * every power/ and queue/ directory is a syscall or more (~150 ms of a
 * boot under emulation). */
static int coldplug_walk(struct modules *m)
{
	static const char *const kinds[] = { "bus", "class" };
	struct dirent *de;
	int found = 0;
	unsigned k;

	coldplug_file(m, m->sys, "devices/system/cpu");
	for (k = 0; k < 2; k++) {
		int top = openat(m->sys, kinds[k],
				 O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		DIR *d = top >= 0 ? fdopendir(top) : NULL;
		char sub[300];

		if (!d) {
			if (top >= 0)
				close(top);
			continue;
		}
		found++;
		while ((de = readdir(d))) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(sub, sizeof(sub), "%s%s", de->d_name,
				 k == 0 ? "/devices" : "");
			coldplug_devices(
				m, openat(dirfd(d), sub,
					  O_RDONLY | O_DIRECTORY | O_CLOEXEC));
		}
		closedir(d);
	}
	return found ? 0 : -ENOENT;
}

int modules_coldplug(struct modules *m)
{
	int pass, failed = 0, r;
	int passes = m->listening ? 1 : COLDPLUG_PASSES;

	for (pass = 0; pass < passes; pass++) {
		int before = m->n_loaded, f0 = m->n_failed;

		r = coldplug_walk(m);
		if (r < 0)
			return r;
		if (m->listening)
			break; /* the wait loads them, root first */
		while (modules_next(m))
			;
		failed += m->n_failed - f0;
		/* New drivers add devices (virtio_pci adds the virtio
		 * devices virtio_blk drives): without uevents to tell us,
		 * walk again. */
		if (m->n_loaded == before)
			break;
	}
	return failed;
}
