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

/* "MAJ:MIN" and the filesystem type of /.  The device is what stat("/")
 * says: that holds in a chroot and a container too, where mountinfo
 * shows no mount at "/" (the one holding this root is outside it).
 * mountinfo only names the type: the last mount at "/" of that device
 * (later mounts hide earlier ones), else any mount of that device, else
 * statfs()'s magic number. */
static int root_device(char *dev, size_t dsize, char *type, size_t tsize)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	struct stat st;
	struct statfs sf;
	int found = 0; /* 2: a mount at "/", 1: another mount of the device */

	if (stat("/", &st) < 0)
		return -errno;
	snprintf(dev, dsize, "%u:%u", major(st.st_dev), minor(st.st_dev));
	type[0] = '\0';
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

int host_only_modules(struct modset *s)
{
	char dev[32], type[64], path[PATH_MAX + 32], real[PATH_MAX];
	char *slash;
	int r = root_device(dev, sizeof(dev), type, sizeof(type));

	if (r < 0) {
		if (r != -ENOENT)
			say("--host-only: cannot stat /: %s", strerror(-r));
		return r;
	}
	if (verbose)
		say("--host-only: / is device %s, type %s", dev, type);
	try_add(s, type);
	snprintf(path, sizeof(path), "fs-%s", type);
	try_add(s, path);
	snprintf(path, sizeof(path), "/sys/dev/block/%s", dev);
	if (!realpath(path, real)) {
		/* Not a block device (overlay, a network filesystem):
		 * its type is all there is. */
		return 0;
	}
	while (strncmp(real, "/sys/devices/", 13) == 0) {
		char buf[512], link[PATH_MAX];
		FILE *f;
		ssize_t n;

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
		n = readlink(path, link, sizeof(link) - 1);
		if (n > 0) {
			link[n] = '\0';
			try_add(s, strrchr(link, '/') + 1);
		}
		slash = strrchr(real, '/');
		if (!slash)
			break;
		*slash = '\0';
	}
	return 0;
}
