/* modules.h - kernel modules at boot: the image's list, modules-load=,
 * coldplug by modalias, and drivers for devices that appear later */
#ifndef NEWROOT_MODULES_H
#define NEWROOT_MODULES_H

struct cmdline;

/* The modules stage: read the image's index, load its list and
 * modules-load= in dependency order with options from the image and
 * MODULE.PARAM= from the command line, then coldplug /sys/devices.
 * Failures are logged per module and do not stop the boot; returns the
 * number of modules that failed (>= 0), or -errno when the index could
 * not be read at all. */
int modules_stage(const struct cmdline *cl);

/* A uevent announced a device with this MODALIAS: load what matches. */
int modules_uevent(const char *modalias);

/* Make sure the driver for filesystem type fstype ("ext4") is loaded. */
int modules_load_fs(const char *fstype);

#endif
