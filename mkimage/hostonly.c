/* hostonly.c - the modules this machine's root device and filesystem
 * need: the device of / from mountinfo, then every parent in sysfs with
 * its modalias and bound driver */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mkimage.h"

/* "MAJ:MIN" and the filesystem type of the mount at / (the last one:
 * later mounts hide earlier ones). */
static int root_device(char *dev, size_t dsize, char *type, size_t tsize)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char line[4096];
	int found = 0;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		char mnt[PATH_MAX], mm[32], fstype[64], *sep;

		if (sscanf(line, "%*u %*u %31s %*s %4095s", mm, mnt) != 2 ||
		    strcmp(mnt, "/"))
			continue;
		sep = strstr(line, " - ");
		if (!sep || sscanf(sep + 3, "%63s", fstype) != 1)
			continue;
		snprintf(dev, dsize, "%s", mm);
		snprintf(type, tsize, "%s", fstype);
		found = 1;
	}
	fclose(f);
	return found ? 0 : -ENOENT;
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
		say("--host-only: cannot find the root mount in "
		    "/proc/self/mountinfo: %s",
		    strerror(-r));
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
