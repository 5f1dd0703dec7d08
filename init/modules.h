/* modules.h - kernel modules at boot: the image's list, modules-load=,
 * coldplug by modalias, and drivers for devices that appear later */
#ifndef NEWROOT_MODULES_H
#define NEWROOT_MODULES_H

#include "modindex.h"

struct cmdline;

/* The modules stage, into *m: read the image's index, load its list and
 * modules-load= in dependency order with options from the image and
 * MODULE.PARAM= from the command line, then coldplug (coldplug.c): when
 * listening (the caller subscribed to uevents first and hands the
 * devices new drivers add to modules_uevent()) queue the devices for
 * the wait to load root first, else load every driver until no new one
 * loads.  Failures are logged per module and do not stop the boot;
 * returns the number of modules that failed (>= 0), or -errno when the
 * index could not be read at all. */
struct modules;
int modules_stage(struct modules *m, const struct cmdline *cl, int listening);

/* A uevent announced a device with this MODALIAS: queue it for the wait
 * when listening, else load what matches (nothing when m is NULL or has
 * no index). */
int modules_uevent(struct modules *m, const char *modalias);

/* Make sure the driver for filesystem type fstype ("ext4") is loaded;
 * -ENOENT when m is NULL or has no index. */
int modules_load_fs(struct modules *m, const char *fstype);

/*
 * The loader's state.  The boot keeps one in struct boot for the real
 * system (root "/", sysfs "/sys", sys_finit_module), filled in by
 * modules_stage() and used by the uevent loop and the mount; tests
 * point root and sys at fixture trees and record the loads instead.
 */
/* A device whose driver is still to load (coldplug.c). */
struct coldplug_dev {
	char *modalias;
	int rank; /* COLDPLUG_*: which first */
	int done; /* its driver was loaded (or tried) */
};

/* Which drivers first: those of disks, of storage controllers, of slow
 * ones (IDE, USB hosts), then any other. */
enum { COLDPLUG_DISK, COLDPLUG_STORAGE, COLDPLUG_SLOW, COLDPLUG_OTHER };

struct modules {
	int ready; /* modules_open() read the index */
	int root; /* directory fd of the image's root */
	int sys; /* directory fd of sysfs */
	const struct cmdline *cl; /* for MODULE.PARAM=; may be NULL */
	struct modindex idx;
	char *buf; /* the index text idx points into */
	int kernel_decompress; /* /sys/module/compression exists */
	char kernel_comp[8]; /* and what it says: "xz", "zstd", "gzip" */
	/* Load one module file; 0 or -errno (sys_finit_module by default). */
	int (*load)(int fd, const char *params, int flags, void *ctx);
	void *load_ctx;
	int n_loaded; /* modules loaded by us */
	int n_failed;
	/* Uevents are being listened to: the devices new drivers add are
	 * announced there, so coldplug walks /sys/devices once. */
	int listening;
	int async_probe; /* set while loading drivers for devices */
	/* Devices queued by coldplug and uevents, in arrival order. */
	struct coldplug_dev *queue;
	int n_queue, cap_queue;
	/* The modules we loaded, in load order, for the boot report. */
	struct modindex_mod **loaded;
	int n_list, cap_list;
};

/* Read root's index; 0, or -errno (-ENOENT: the image has none). */
int modules_open(struct modules *m, int root, int sys,
		 const struct cmdline *cl);
void modules_close(struct modules *m);

/* Load one module by name or alias, with its dependencies and softdeps.
 * 0 (also when already loaded or built in), -ENOENT when the image has
 * no such module, or the -errno of the load that failed. */
int modules_load(struct modules *m, const char *name);

/* Load the modules whose aliases match modalias; returns how many
 * matched modules failed (>= 0).  Their probes run in the background
 * (async_probe) when listening, or with async set for the _async one. */
int modules_match(struct modules *m, const char *modalias);
int modules_match_async(struct modules *m, const char *modalias, int async);

/* Coldplug: walk sysfs's device lists for modalias files and queue the
 * devices the image has a driver for; when not listening, load them
 * all, walking again while new drivers add devices.  Returns how many
 * modules failed, or -ENOENT when sysfs lists nothing. */
int modules_coldplug(struct modules *m);

/* Which queue a device's modalias goes to (COLDPLUG_*): disks and USB
 * mass storage, storage controllers (PCI class 01), IDE and the hosts
 * of USB, FC and SD cards, anything else.  Pure. */
int coldplug_rank(const char *modalias);

/* Queue a device unless no module still to load matches it (or an
 * identical one waits): 1 queued, 0 not, -errno. */
int modules_queue(struct modules *m, const char *modalias);

/* Load the driver of the first device of the best rank that still
 * needs one: 1 when one was loaded (or tried), 0 when none is left. */
int modules_next(struct modules *m);

/* How many queued devices still wait for a driver. */
int modules_pending(struct modules *m);
void modules_queue_free(struct modules *m);

/* The modules the queued devices would still load, as a comma list in
 * buf (names that do not fit are left out); returns how many. */
int modules_left(const struct modules *m, char *buf, size_t size);

/* The modules we loaded, in load order, as a comma list in buf (names
 * that do not fit are left out); returns how many. */
int modules_loaded(const struct modules *m, char *buf, size_t size);

/* Load the driver for filesystem type fstype unless it is there. */
int modules_fs(struct modules *m, const char *fstype);

#endif
