/* unlock_md.c - md RAID members: mdadm --incremental, and the arrays
 * still incomplete when the wait's time is up started degraded */
#include <errno.h>

#include "boot.h"
#include "log.h"
#include "resolve.h"
#include "unlock.h"

/* md itself, and the RAID levels the kernel would ask for when an
 * array starts. */
static void md_modules(struct boot *b)
{
	static const char *const need[] = { "md_mod", NULL };
	static const char *const may[] = { "md-level-1", "md-level-0",
					   "md-level-10", "md-level-5", NULL };

	unlock_modules(b, need, may);
}

int unlock_md(struct boot *b, const struct blockdev *bd,
	      const struct unlock_plan *p)
{
	char dev[BLOCKDEV_NAME_MAX + 8];
	const char *args[] = { "--incremental", dev, NULL };

	md_modules(b);
	resolve_devnode(bd, dev, sizeof(dev));
	log_info("%s is a RAID member (array %s): mdadm --incremental %s", dev,
		 bd->fs.uuid, dev);
	return unlock_run_check("mdadm", args, "md", dev,
				"the array may still start with its other "
				"members");
}

int unlock_md_degraded(struct boot *b)
{
	const char *args[] = { "--incremental", "--run", "--scan", NULL };

	log_warn("a RAID array is still missing members when the wait for "
		 "the root is over: starting it degraded (mdadm --incremental "
		 "--run --scan); replace the missing disk and re-add it with "
		 "mdadm --add");
	return unlock_run_check("mdadm", args, "md", "--run --scan",
				"no degraded array could start");
}
