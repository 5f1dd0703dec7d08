/* boot.h - what the stages of a boot share */
#ifndef NEWROOT_BOOT_H
#define NEWROOT_BOOT_H

#include <stdint.h>

#include "cmdline.h"
#include "modules.h"
#include "stage.h"
#include "unlock.h"

/* Where the real root is mounted before the switch. */
#define NEWROOT_DIR "/new-root"
#define NEWROOT_REPORT_DIR "/run/newroot"
#define NEWROOT_REPORT NEWROOT_REPORT_DIR "/report"
/* The initramfs's own directory on the real system, as initramfs-tools,
 * dracut and systemd know it; the report is linked there too. */
#define INITRAMFS_DIR "/run/initramfs"
#define INITRAMFS_REPORT INITRAMFS_DIR "/newroot.report"

struct boot {
	struct cmdline cl;
	int argc; /* what the kernel passed to /init */
	char **argv;
	char **envp;

	/* Subscribed to uevents before the first module is loaded, so no
	 * device the drivers bring up is missed; -1 until then. */
	int uevent_fd;

	/* The module loader: filled in by the modules stage, then used
	 * for the drivers uevents announce and for the root's type. */
	struct modules mods;

	/* The unlockers' rules and the devices they saw (unlock.c). */
	struct unlock_state unlock;

	/* Filled in by the mount stage. */
	char root_dev[288]; /* "/dev/sda1", "10.0.2.2:/srv/root" (nfsspec.h) */
	char root_type[24];

	/* Milliseconds at the start of each stage, and at the handover. */
	uint64_t t_start[STAGE_COUNT + 1];
	uint64_t t_end[STAGE_COUNT + 1];
};

#endif
