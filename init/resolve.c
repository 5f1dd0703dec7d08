/* resolve.c - match a root= spec against the block devices */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>

#include "fsready.h"
#include "log.h"
#include "resolve.h"

/* Compare the escaped form of the n bytes at name with *dm, moving it
 * on; 0 at the first difference. */
static int eat_escaped(const char **dm, const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (*(*dm)++ != name[i])
			return 0;
		if (name[i] == '-' && *(*dm)++ != '-')
			return 0;
	}
	return 1;
}

int resolve_dm_vglv(const char *dm_name, const char *vglv)
{
	size_t vg = strcspn(vglv, "!/");
	const char *lv = vglv + vg;

	if (!vg || !*lv || !lv[1] || strpbrk(lv + 1, "!/"))
		return 0;
	lv++;
	return eat_escaped(&dm_name, vglv, vg) && *dm_name++ == '-' &&
	       eat_escaped(&dm_name, lv, strlen(lv)) && !*dm_name;
}

/* Does bd carry what spec asks for?  Probes bd (or its disk's table) the
 * first time it is needed. */
static int matches(const struct root_spec *spec, struct blockdev_set *set,
		   int devfd, struct blockdev *bd)
{
	struct blockdev *disk;

	switch (spec->kind) {
	case ROOT_NAME:
		/* /dev/mapper/NAME is dm-N whose dm/name is NAME. */
		if (bd->dm_name[0] && !strncmp(spec->value, "mapper!", 7))
			return !strcmp(bd->dm_name, spec->value + 7);
		/* /dev/VG/LV: an LVM volume, by its mapper name */
		if (bd->dm_name[0] && resolve_dm_vglv(bd->dm_name, spec->value))
			return 1;
		return !strcmp(bd->name, spec->value);
	case ROOT_DEVNUM:
		return bd->major == spec->major && bd->minor == spec->minor;
	case ROOT_UUID:
		return blockdev_probe_fs(devfd, set, bd) == 0 &&
		       !strcasecmp(bd->fs.uuid, spec->value);
	case ROOT_LABEL:
		return blockdev_probe_fs(devfd, set, bd) == 0 &&
		       !strcmp(bd->fs.label, spec->value);
	case ROOT_PARTUUID:
	case ROOT_PARTLABEL:
		if (!bd->partition)
			return 0;
		if (!bd->pt_probed) {
			disk = blockdev_find(set, bd->disk);
			if (!disk || blockdev_probe_table(devfd, set, disk) < 0)
				return 0;
		}
		if (spec->kind == ROOT_PARTUUID)
			return !strcasecmp(bd->partuuid, spec->value);
		return !strcmp(bd->partlabel, spec->value);
	case ROOT_NONE:
		break;
	}
	return 0;
}

/* PARTNROFF=N: the partition N numbers after (or before) found. */
static struct blockdev *offset_partition(struct blockdev_set *set,
					 const struct blockdev *found, int off)
{
	int i, want = found->partition + off;

	for (i = 0; i < set->n; i++)
		if (set->dev[i].partition == want && want > 0 &&
		    !strcmp(set->dev[i].disk, found->disk))
			return &set->dev[i];
	return NULL;
}

/* /dev/NAME that sysfs does not know by that name (a link such as
 * /dev/md/root or /dev/vg/root, made by a hook): the node's number. */
static struct blockdev *by_node(struct blockdev_set *set, int devfd,
				const char *name)
{
	char path[ROOTSPEC_VALUE_MAX];
	struct stat st;
	size_t i;

	for (i = 0; name[i] && i < sizeof(path) - 1; i++)
		path[i] = name[i] == '!' ? '/' : name[i];
	path[i] = '\0';
	if (fstatat(devfd, path, &st, 0) < 0 || !S_ISBLK(st.st_mode))
		return NULL;
	return blockdev_find_devnum(set, (unsigned)major(st.st_rdev),
				    (unsigned)minor(st.st_rdev));
}

int resolve_root(const struct root_spec *spec, struct blockdev_set *set,
		 int sysfd, int devfd, struct blockdev **out)
{
	struct blockdev *found = NULL;
	char want[ROOTSPEC_VALUE_MAX + 32];
	int i, r;

	*out = NULL;
	if (sysfd >= 0) {
		r = blockdev_scan(sysfd, set);
		if (r == -ENOENT) {
			/* Not "not there yet": there is nothing to wait for. */
			log_err("cannot read /sys/class/block: is sysfs "
				"mounted on /sys?");
			return -ENODEV;
		}
		if (r < 0 && r != -ENOSPC)
			return r;
	}
	for (i = 0; i < set->n; i++) {
		struct blockdev *bd = &set->dev[i];

		if (!matches(spec, set, devfd, bd))
			continue;
		if (!found) {
			found = bd;
			/* A name or number is unique: no need to go on. */
			if (spec->kind == ROOT_NAME ||
			    spec->kind == ROOT_DEVNUM)
				break;
			continue;
		}
		/* The devices of one btrfs share its UUID and label: not a
		 * clone; fsready.c waits for all of them. */
		if (fs_same(found, bd) && !strcmp(bd->fs.type, "btrfs"))
			continue;
		root_spec_format(spec, want, sizeof(want));
		log_warn("root=%s matches both %s and %s; using %s", want,
			 found->name, bd->name, found->name);
	}
	if (!found && spec->kind == ROOT_NAME && devfd >= 0)
		found = by_node(set, devfd, spec->value);
	if (found && spec->kind == ROOT_PARTUUID && spec->has_partnroff)
		found = offset_partition(set, found, spec->partnroff);
	if (!found)
		return -ENOENT;
	*out = found;
	return 0;
}

int resolve_devnode(const struct blockdev *bd, char *buf, size_t size)
{
	size_t i, n = strlen(bd->name);

	if (n + 6 > size)
		return -ENAMETOOLONG;
	memcpy(buf, "/dev/", 5);
	for (i = 0; i <= n; i++)
		buf[5 + i] = bd->name[i] == '!' ? '/' : bd->name[i];
	return 0;
}
