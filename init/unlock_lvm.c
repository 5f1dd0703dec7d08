/* unlock_lvm.c - LVM physical volumes: record the PV, and activate its
 * volume group once complete (only what rd.lvm.vg=/rd.lvm.lv= name) */
#include <errno.h>

#include "boot.h"
#include "log.h"
#include "resolve.h"
#include "unlock.h"

int unlock_lvm(struct boot *b, const struct blockdev *bd,
	       const struct unlock_plan *p)
{
	char dev[BLOCKDEV_NAME_MAX + 8];
	const char *args[8];
	int n = 0;

	static const char *const need[] = { "dm_mod", NULL };
	static const char *const may[] = { NULL };

	unlock_modules(b, need, may);
	resolve_devnode(bd, dev, sizeof(dev));
	/* pvscan activates a volume group when its last PV comes: the
	 * others wait for it, whatever the order they appear in. */
	args[n++] = "pvscan";
	args[n++] = "--cache";
	args[n++] = "--activate";
	args[n++] = "ay";
	if (p->lvm_config[0]) {
		args[n++] = "--config";
		args[n++] = p->lvm_config;
	}
	args[n++] = dev;
	args[n] = NULL;
	log_info("%s is an LVM physical volume: lvm pvscan --cache "
		 "--activate ay%s%s",
		 dev,
		 p->lvm_config[0] ? " limited by rd.lvm.vg=/rd.lvm.lv=: " : "",
		 p->lvm_config);
	return unlock_run_check("lvm", args, "lvm", dev,
				"its volume group is not active");
}
