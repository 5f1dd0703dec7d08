/* unlock_lvm.c - LVM physical volumes: record the PV, and activate its
 * volume group once complete (only what rd.lvm.vg=/rd.lvm.lv= name) */
#include <errno.h>
#include <stdio.h>

#include "boot.h"
#include "log.h"
#include "resolve.h"
#include "unlock.h"

/* pvscan --cache -aay is an "event" activation: an lvm.conf written for
 * a system without udev may turn those off (global/event_activation=0),
 * and pvscan would then do nothing at all.  Here newroot is the event. */
#define LVM_EVENTS "global { event_activation = 1 }"

int unlock_lvm(struct boot *b, const struct blockdev *bd,
	       const struct unlock_plan *p)
{
	static const char *const need[] = { "dm_mod", NULL };
	static const char *const may[] = { NULL };
	char dev[BLOCKDEV_NAME_MAX + 8];
	char config[sizeof(p->lvm_config) + sizeof(LVM_EVENTS) + 1];
	const char *args[] = { "pvscan",   "--cache", "--activate", "ay",
			       "--config", config,    dev,	    NULL };

	unlock_modules(b, need, may);
	resolve_devnode(bd, dev, sizeof(dev));
	snprintf(config, sizeof(config), "%s %s", LVM_EVENTS, p->lvm_config);
	/* pvscan activates a volume group when its last PV comes: the
	 * others wait for it, whatever the order they appear in. */
	log_info("%s is an LVM physical volume: lvm pvscan --cache "
		 "--activate ay%s%s",
		 dev,
		 p->lvm_config[0] ? " limited by rd.lvm.vg=/rd.lvm.lv=: " : "",
		 p->lvm_config);
	return unlock_run_check("lvm", args, "lvm", dev,
				"its volume group is not active");
}
