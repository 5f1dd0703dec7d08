/* hostonly.c - the modules this machine's root device and filesystem
 * need: the device of / (stat, so a chroot works), its filesystem type,
 * then every parent in sysfs with its modalias and bound driver */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "mkimage.h"
#include "stack.h"

/* The filesystem type for a statfs() magic, for when mountinfo does
 * not show the root (a chroot: the mount holding it lies outside). */
static const char *type_of_magic(unsigned long magic)
{
	static const struct {
		unsigned long magic;
		const char *type;
	} t[] = {
		{ 0xEF53, "ext4" }, /* ext2/3/4: Debian's ext4 mounts all three */
		{ 0x58465342, "xfs" },	    { 0x9123683E, "btrfs" },
		{ 0xF2F52010, "f2fs" },	    { 0x73717368, "squashfs" },
		{ 0xE0F5E1E2, "erofs" },    { 0x4d44, "vfat" },
		{ 0x3153464a, "jfs" },	    { 0x794c7630, "overlay" },
		{ 0x6969, "nfs" },	    { 0x01021994, "tmpfs" },
		{ 0x858458f6, "ramfs" },    { 0xFE534D42, "cifs" },
		{ 0x65735546, "fuse" },	    { 0x2fc12fc1, "zfs" },
		{ 0x5346544e, "ntfs3" },    { 0x2011BAB0, "exfat" },
		{ 0x52654973, "reiserfs" }, { 0xCA451A4E, "bcachefs" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].magic == (magic & 0xffffffffUL))
			return t[i].type;
	return NULL;
}

/* The filesystem type of device dev (MAJ:MIN) as mountinfo names it:
 * the last mount at "/" of that device (later mounts hide earlier ones),
 * else any mount of it.  2 (a mount at "/"), 1 (another) or 0 (none). */
static int fstype_of(const char *dev, char *type, size_t tsize)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	int found = 0; /* 2: a mount at "/", 1: another mount of the device */

	while (f && fgets(line, sizeof(line), f)) {
		char mnt[PATH_MAX], mm[32], fstype[64], *sep;
		int rank;

		if (sscanf(line, "%*u %*u %31s %*s %4095s", mm, mnt) != 2 ||
		    strcmp(mm, dev))
			continue;
		rank = strcmp(mnt, "/") ? 1 : 2;
		sep = strstr(line, " - ");
		if (rank < found || !sep ||
		    sscanf(sep + 3, "%63s", fstype) != 1)
			continue;
		snprintf(type, tsize, "%s", fstype);
		found = rank;
	}
	if (f)
		fclose(f);
	return found;
}

/* "MAJ:MIN" and the filesystem type of /.  The device is what stat("/")
 * says: that holds in a chroot and a container too, where mountinfo
 * shows no mount at "/" (the one holding this root is outside it).  The
 * type: fstype_of(), else statfs()'s magic number. */
static int root_device(char *dev, size_t dsize, char *type, size_t tsize)
{
	struct stat st;
	struct statfs sf;
	int found;

	if (stat("/", &st) < 0)
		return -errno;
	snprintf(dev, dsize, "%u:%u", major(st.st_dev), minor(st.st_dev));
	type[0] = '\0';
	found = fstype_of(dev, type, tsize);
	if (!found && statfs("/", &sf) == 0 && type_of_magic(sf.f_type))
		snprintf(type, tsize, "%s", type_of_magic(sf.f_type));
	if (!type[0]) {
		say("--host-only: / is device %s, but neither "
		    "/proc/self/mountinfo nor statfs() names its filesystem "
		    "type: give it with -m (for example -m ext4)",
		    dev);
		return -ENOENT;
	}
	return 0;
}

int host_root_type(char *type, size_t size)
{
	char dev[32];

	return root_device(dev, sizeof(dev), type, size);
}

/* Add what one modalias or driver names, to be loaded at boot; unknown
 * ones are fine: the kernel may have the driver built in. */
static void try_add(struct modset *s, const char *what)
{
	modset_add(s, what, MODSET_LOAD | MODSET_QUIET);
}

/* The drivers of block device majmin and of every parent of it in the
 * sysfs tree at sys (each modalias, each bound driver's module). */
static void drivers_of(struct modset *s, const char *sys, const char *majmin)
{
	char base[PATH_MAX], path[PATH_MAX + 32], real[PATH_MAX];
	char *slash;
	size_t n;

	if (!realpath(sys, base))
		return;
	n = strlen(base);
	snprintf(path, sizeof(path), "%s/dev/block/%s", base, majmin);
	if (!realpath(path, real))
		return;
	while (strncmp(real, base, n) == 0 &&
	       strncmp(real + n, "/devices/", 9) == 0) {
		char buf[512], link[PATH_MAX];
		FILE *f;
		ssize_t len;

		snprintf(path, sizeof(path), "%s/modalias", real);
		f = fopen(path, "re");
		if (f) {
			if (fgets(buf, sizeof(buf), f)) {
				buf[strcspn(buf, "\n")] = '\0';
				if (verbose)
					say("--host-only: %s", buf);
				try_add(s, buf);
			}
			fclose(f);
		}
		snprintf(path, sizeof(path), "%s/driver/module", real);
		len = readlink(path, link, sizeof(link) - 1);
		if (len > 0) {
			link[len] = '\0';
			try_add(s, strrchr(link, '/') ? strrchr(link, '/') + 1
						      : link);
		}
		slash = strrchr(real, '/');
		if (!slash)
			break;
		*slash = '\0';
	}
}

int host_only_modules(struct modset *s, const char *sys, const char *rootdev,
		      struct stack *st)
{
	char dev[32], type[64], path[PATH_MAX + 32];
	int r, i;

	if (rootdev) {
		snprintf(dev, sizeof(dev), "%s", rootdev);
		type[0] = '\0';
		fstype_of(dev, type, sizeof(type));
		if (!type[0])
			say("--host-only: no mount of %s in "
			    "/proc/self/mountinfo "
			    "names its filesystem type: add it with -m",
			    dev);
	} else {
		r = root_device(dev, sizeof(dev), type, sizeof(type));
		if (r < 0) {
			if (r != -ENOENT)
				say("--host-only: cannot stat /: %s",
				    strerror(-r));
			return r;
		}
	}
	if (verbose)
		say("--host-only: / is device %s, type %s", dev,
		    type[0] ? type : "unknown");
	if (type[0]) {
		try_add(s, type);
		snprintf(path, sizeof(path), "fs-%s", type);
		try_add(s, path);
	}
	r = stack_of_root(sys, dev, st);
	if (r == -ENOENT) {
		/* Not a block device (overlay, a network filesystem):
		 * its type is all there is. */
		memset(st, 0, sizeof(*st));
		return 0;
	}
	if (r < 0)
		return r;
	if (st->unknown[0])
		say("warning: --host-only: the root lies on %s, which newroot "
		    "does not assemble; the image may not find the root",
		    st->unknown);
	if (verbose)
		say("--host-only: the root's stack:%s%s%s, %d disk(s)",
		    st->kinds & STACK_CRYPT ? " dm-crypt" : "",
		    st->kinds & STACK_LVM ? " lvm" : "",
		    st->kinds & STACK_MD ? " md" : "", st->n_disks);
	for (i = 0; i < st->n_disks; i++)
		drivers_of(s, sys, st->disks[i]);
	return 0;
}
