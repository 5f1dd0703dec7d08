/* stackwalk.c - the device stack under the root, read from sysfs: each
 * block device says what it is (dm/uuid, md/level) and what it is made
 * of (slaves/).  Everything is read below the directory given, so tests
 * hand it a tree of their own in the real format. */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "stack.h"

#define MAX_DEPTH 16
#define MAX_NODES 64

/* The first line of a small sysfs file, without its newline. */
static int read_line(const char *dir, const char *name, char *out, size_t size)
{
	char path[PATH_MAX + 64];
	FILE *f;
	int r = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	if (!fgets(out, (int)size, f))
		r = -ENODATA;
	fclose(f);
	if (r == 0)
		out[strcspn(out, "\n")] = '\0';
	return r;
}

static int exists(const char *dir, const char *name)
{
	char path[PATH_MAX + 64];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return access(path, F_OK) == 0;
}

/* path resolved, and still below base (a link may point anywhere). */
static int resolve_below(const char *base, const char *path, char *out)
{
	size_t n = strlen(base);

	if (!realpath(path, out))
		return -errno;
	if (strncmp(out, base, n) || (out[n] != '/' && out[n] != '\0'))
		return -EXDEV;
	return 0;
}

void stack_crypt_uuid(const char *dm_uuid, char *out, size_t size)
{
	const char *h;
	char hex[33];
	int i;

	out[0] = '\0';
	if (size < 37 || strncmp(dm_uuid, "CRYPT-LUKS", 10) ||
	    (dm_uuid[10] != '1' && dm_uuid[10] != '2') || dm_uuid[11] != '-')
		return;
	h = dm_uuid + 12;
	for (i = 0; i < 32; i++) {
		char c = h[i];

		if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		      (c >= 'A' && c <= 'F')))
			return;
		hex[i] = c >= 'A' && c <= 'F' ? (char)(c - 'A' + 'a') : c;
	}
	if (h[32] != '-' && h[32] != '\0')
		return;
	hex[32] = '\0';
	snprintf(out, size, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12,
		 hex + 16, hex + 20);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir/slaves, sorted (the image must not depend on the
 * order readdir gives); how many, or -errno. */
static int slaves(const char *dir, char ***out)
{
	char path[PATH_MAX + 16];
	char **v = NULL;
	struct dirent *de;
	int n = 0, cap = 0;
	DIR *d;

	*out = NULL;
	snprintf(path, sizeof(path), "%s/slaves", dir);
	d = opendir(path);
	if (!d)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		if (n == cap) {
			char **nv =
				realloc(v, (size_t)(cap = cap ? cap * 2 : 4) *
						   sizeof(*v));
			if (!nv)
				break;
			v = nv;
		}
		if (!(v[n] = strdup(de->d_name)))
			break;
		n++;
	}
	closedir(d);
	if (de) { /* out of memory */
		while (n > 0)
			free(v[--n]);
		free(v);
		return -ENOMEM;
	}
	if (n)
		qsort(v, (size_t)n, sizeof(*v), name_cmp);
	*out = v;
	return n;
}

static void add_disk(struct stack *st, const char *dev)
{
	int i;

	for (i = 0; i < st->n_disks; i++)
		if (!strcmp(st->disks[i], dev))
			return;
	if (st->n_disks < STACK_MAX && strlen(dev) < sizeof(st->disks[0]))
		memcpy(st->disks[st->n_disks++], dev, strlen(dev) + 1);
}

/* What the device at dir (a directory below base) is, then its slaves. */
static int visit(const char *base, const char *dir, int depth, int *nodes,
		 struct stack *st)
{
	char d[PATH_MAX], buf[256], name[128], sub[PATH_MAX + 300],
		next[PATH_MAX];
	char **sl;
	int n, i, r = 0, special = 0;

	if (depth > MAX_DEPTH || ++*nodes > MAX_NODES)
		return -ELOOP;
	snprintf(d, sizeof(d), "%s", dir);
	/* A partition is made of what its disk is made of. */
	if (exists(d, "partition") && strrchr(d, '/') > d + strlen(base))
		*strrchr(d, '/') = '\0';
	if (read_line(d, "dm/uuid", buf, sizeof(buf)) == 0) {
		special = 1;
		if (read_line(d, "dm/name", name, sizeof(name)) < 0)
			snprintf(name, sizeof(name), "%s", strrchr(d, '/') + 1);
		if (!strncmp(buf, "CRYPT-", 6)) {
			st->kinds |= STACK_CRYPT;
			if (st->n_crypt < STACK_MAX) {
				snprintf(st->crypt_name[st->n_crypt],
					 sizeof(st->crypt_name[0]), "%s", name);
				stack_crypt_uuid(buf,
						 st->crypt_uuid[st->n_crypt],
						 sizeof(st->crypt_uuid[0]));
				st->n_crypt++;
			}
		} else if (!strncmp(buf, "LVM-", 4)) {
			st->kinds |= STACK_LVM;
		} else if (!st->unknown[0]) {
			snprintf(st->unknown, sizeof(st->unknown),
				 "device-mapper device %s (dm/uuid %.40s)",
				 name, buf[0] ? buf : "empty");
		}
	} else if (exists(d, "dm")) {
		special = 1;
		if (!st->unknown[0])
			snprintf(st->unknown, sizeof(st->unknown),
				 "device-mapper device %s (no dm/uuid)",
				 strrchr(d, '/') + 1);
	}
	if (read_line(d, "md/level", buf, sizeof(buf)) == 0) {
		special = 1;
		st->kinds |= STACK_MD;
		for (i = 0; i < st->n_md && strcmp(st->md_level[i], buf); i++)
			;
		if (i == st->n_md && st->n_md < STACK_MAX &&
		    strlen(buf) < sizeof(st->md_level[0]))
			memcpy(st->md_level[st->n_md++], buf, strlen(buf) + 1);
	}
	n = slaves(d, &sl);
	if (n < 0)
		return n;
	if (n == 0 && !special) {
		if (read_line(d, "dev", buf, sizeof(buf)) == 0)
			add_disk(st, buf);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (r == 0) {
			snprintf(sub, sizeof(sub), "%s/slaves/%s", d, sl[i]);
			r = resolve_below(base, sub, next);
			if (r == 0)
				r = visit(base, next, depth + 1, nodes, st);
			else if (r == -ENOENT)
				r = 0; /* gone meanwhile */
		}
		free(sl[i]);
	}
	free(sl);
	return r;
}

int stack_walk(const char *sys, const char *majmin, struct stack *st)
{
	char base[PATH_MAX], path[PATH_MAX + 64], dev[PATH_MAX];
	int nodes = 0, r;

	memset(st, 0, sizeof(*st));
	if (!realpath(sys, base))
		return -errno;
	snprintf(path, sizeof(path), "%s/dev/block/%s", base, majmin);
	r = resolve_below(base, path, dev);
	if (r < 0)
		return r == -EXDEV ? -ENOENT : r;
	return visit(base, dev, 0, &nodes, st);
}

int stack_of_root(const char *sys, const char *root_device, struct stack *st)
{
	char dev[32];
	struct stat sb;
	int r;

	if (root_device) {
		snprintf(dev, sizeof(dev), "%s", root_device);
	} else {
		if (stat("/", &sb) < 0) {
			r = -errno;
			say("--host-only: cannot stat /: %s", strerror(-r));
			return r;
		}
		snprintf(dev, sizeof(dev), "%u:%u", major(sb.st_dev),
			 minor(sb.st_dev));
	}
	r = stack_walk(sys, dev, st);
	if (r == -ELOOP)
		say("--host-only: the devices under %s in %s are stacked "
		    "deeper than %d or number over %d; build the image "
		    "without --host-only (--with crypt,lvm,md)",
		    dev, sys, MAX_DEPTH, MAX_NODES);
	else if (r < 0 && r != -ENOENT)
		say("--host-only: reading the devices under %s in %s: %s", dev,
		    sys, strerror(-r));
	return r;
}
