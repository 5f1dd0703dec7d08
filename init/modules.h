/* modules.h - kernel modules at boot: the image's list, modules-load=,
 * coldplug by modalias, and drivers for devices that appear later */
#ifndef NEWROOT_MODULES_H
#define NEWROOT_MODULES_H

#include "modindex.h"

struct cmdline;

/* The modules stage, into *m: read the image's index, load its list and
 * modules-load= in dependency order with options from the image and
 * MODULE.PARAM= from the command line, then coldplug /sys/devices:
 * once when listening (the caller subscribed to uevents first and hands
 * the devices new drivers add to modules_uevent()), else until no new
 * driver loads.  Failures are logged per module and do not stop the
 * boot; returns the number of modules that failed (>= 0), or -errno
 * when the index could not be read at all. */
struct modules;
int modules_stage(struct modules *m, const struct cmdline *cl, int listening);

/* A uevent announced a device with this MODALIAS: load what matches
 * (nothing when m is NULL or has no index). */
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
 * matched modules failed (>= 0). */
int modules_match(struct modules *m, const char *modalias);

/* Walk sys/devices for modalias files and load what matches, again
 * while new modules appear (they add devices); returns failures. */
int modules_coldplug(struct modules *m);

/* Load the driver for filesystem type fstype unless it is there. */
int modules_fs(struct modules *m, const char *fstype);

#endif
