/* blockdev.c - the block devices from /sys/class/block, and what is on them
 *
 * No udev and no libblkid: sysfs says which devices exist (dev, size,
 * partition), our probes say what they hold.  Results are cached in the
 * set so the scan after each uevent reads only a few small files.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "blkid.h"
#include "blockdev.h"
#include "log.h"

/* Read a small sysfs file into buf, without the trailing newline. */
static int read_small(int dirfd, const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = openat(dirfd, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	if (n < 0)
		n = -errno;
	close(fd);
	if (n < 0)
		return (int)n;
	buf[n] = '\0';
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == ' '))
		buf[--n] = '\0';
	return 0;
}

/* NAME/FILE under the class directory. */
static int read_attr(int classfd, const char *name, const char *file, char *buf,
		     size_t size)
{
	char path[BLOCKDEV_NAME_MAX + 32];
	int n = snprintf(path, sizeof(path), "%s/%s", name, file);

	if (n < 0 || (size_t)n >= sizeof(path))
		return -ENAMETOOLONG;
	return read_small(classfd, path, buf, size);
}

static int parse_ulong(const char *s, unsigned long long *out)
{
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	*out = strtoull(s, &end, 10);
	return *end ? -EINVAL : 0;
}

/* The disk a partition belongs to: the directory its sysfs directory is
 * in (class/block/sda1 -> ../../devices/.../block/sda/sda1). */
static int parent_disk(int classfd, const char *name, char *disk, size_t size)
{
	char target[512], *slash, *base;
	ssize_t n;

	n = readlinkat(classfd, name, target, sizeof(target) - 1);
	if (n < 0)
		return -errno;
	target[n] = '\0';
	slash = strrchr(target, '/');
	if (!slash)
		return -EINVAL;
	*slash = '\0';
	base = strrchr(target, '/');
	base = base ? base + 1 : target;
	if (!*base || strlen(base) >= size)
		return -EINVAL;
	strcpy(disk, base);
	return 0;
}

/* Read one entry of class/block into *bd (identity only). */
static int read_entry(int classfd, const char *name, struct blockdev *bd)
{
	char buf[64];
	unsigned long long maj, min, sectors, part = 0;
	char *colon;
	int r;

	memset(bd, 0, sizeof(*bd));
	if (strlen(name) >= sizeof(bd->name))
		return -ENAMETOOLONG;
	strcpy(bd->name, name);
	r = read_attr(classfd, name, "dev", buf, sizeof(buf));
	if (r < 0)
		return r;
	colon = strchr(buf, ':');
	if (!colon)
		return -EINVAL;
	*colon = '\0';
	if (parse_ulong(buf, &maj) < 0 || parse_ulong(colon + 1, &min) < 0)
		return -EINVAL;
	r = read_attr(classfd, name, "size", buf, sizeof(buf));
	if (r < 0)
		return r;
	if (parse_ulong(buf, &sectors) < 0)
		return -EINVAL;
	r = read_attr(classfd, name, "partition", buf, sizeof(buf));
	if (r == 0 && parse_ulong(buf, &part) < 0)
		return -EINVAL;
	bd->major = (unsigned)maj;
	bd->minor = (unsigned)min;
	bd->size = sectors * 512; /* sysfs size is in 512-byte sectors */
	bd->partition = (int)part;
	if (!strncmp(name, "dm-", 3))
		read_attr(classfd, name, "dm/name", bd->dm_name,
			  sizeof(bd->dm_name));
	if (!part) {
		strcpy(bd->disk, name);
		return 0;
	}
	return parent_disk(classfd, name, bd->disk, sizeof(bd->disk));
}

struct blockdev *blockdev_find(struct blockdev_set *set, const char *name)
{
	int i;

	for (i = 0; i < set->n; i++)
		if (!strcmp(set->dev[i].name, name))
			return &set->dev[i];
	return NULL;
}

struct blockdev *blockdev_find_devnum(struct blockdev_set *set, unsigned major,
				      unsigned minor)
{
	int i;

	for (i = 0; i < set->n; i++)
		if (set->dev[i].major == major && set->dev[i].minor == minor)
			return &set->dev[i];
	return NULL;
}

/* Keep what is known about an entry that did not change; else replace. */
static int merge_entry(struct blockdev_set *set, const struct blockdev *nb)
{
	struct blockdev *old = blockdev_find(set, nb->name);

	if (old && old->major == nb->major && old->minor == nb->minor &&
	    old->size == nb->size && old->partition == nb->partition) {
		old->seen = true;
		return 0;
	}
	if (!old) {
		if (set->n >= BLOCKDEV_MAX)
			return -ENOSPC;
		old = &set->dev[set->n++];
	}
	*old = *nb;
	old->seen = true;
	return 0;
}

/* Disks in name order, each followed by its partitions by number. */
static int compare_dev(const void *a, const void *b)
{
	const struct blockdev *x = a, *y = b;
	int c = strcmp(x->disk, y->disk);

	if (c)
		return c;
	return x->partition - y->partition;
}

int blockdev_scan(int sysfd, struct blockdev_set *set)
{
	struct blockdev nb;
	struct dirent *de;
	DIR *dir;
	int classfd, i, j, r, ret = 0;

	classfd = openat(sysfd, "class/block",
			 O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (classfd < 0)
		return -errno;
	dir = fdopendir(classfd);
	if (!dir) {
		r = -errno;
		close(classfd);
		return r;
	}
	for (i = 0; i < set->n; i++)
		set->dev[i].seen = false;
	while ((de = readdir(dir)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		r = read_entry(classfd, de->d_name, &nb);
		if (r < 0) {
			/* Half-registered, or gone meanwhile: the next
			 * uevent brings it back. */
			log_debug("skipping /sys/class/block/%s: %s",
				  de->d_name, strerror(-r));
			continue;
		}
		if (nb.size == 0)
			continue;
		if (merge_entry(set, &nb) < 0)
			ret = -ENOSPC;
	}
	closedir(dir);
	for (i = j = 0; i < set->n; i++)
		if (set->dev[i].seen && j++ != i)
			set->dev[j - 1] = set->dev[i];
	set->n = j;
	qsort(set->dev, (size_t)set->n, sizeof(set->dev[0]), compare_dev);
	return ret ? ret : set->n;
}

/* devfd-relative path of the node: "cciss!c0d0p1" is "cciss/c0d0p1". */
static void node_path(const struct blockdev *bd, char *path, size_t size)
{
	size_t i;

	for (i = 0; bd->name[i] && i < size - 1; i++)
		path[i] = bd->name[i] == '!' ? '/' : bd->name[i];
	path[i] = '\0';
}

int blockdev_open(int devfd, const struct blockdev *bd, unsigned flags)
{
	char path[BLOCKDEV_NAME_MAX];
	struct stat st;
	int fd;

	node_path(bd, path, sizeof(path));
	fd = openat(devfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0 && errno == ENOENT && (flags & BLOCKDEV_MKNOD) &&
	    !strchr(path, '/')) {
		/* No devtmpfs: make the node from the numbers sysfs gave. */
		if (mknodat(devfd, path, S_IFBLK | 0600,
			    makedev(bd->major, bd->minor)) < 0 &&
		    errno != EEXIST)
			return -errno;
		fd = openat(devfd, path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	}
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0) {
		close(fd);
		return -errno;
	}
	/* A stale node for another device would give another answer. */
	if (S_ISBLK(st.st_mode) && ((unsigned)major(st.st_rdev) != bd->major ||
				    (unsigned)minor(st.st_rdev) != bd->minor)) {
		close(fd);
		return -ENXIO;
	}
	return fd;
}

int blockdev_probe_fs(int devfd, struct blockdev_set *set, struct blockdev *bd)
{
	struct probe_dev dev;
	int fd, r;

	if (bd->fs_probed)
		return bd->fs_err;
	memset(&bd->fs, 0, sizeof(bd->fs));
	fd = blockdev_open(devfd, bd, set->flags);
	if (fd < 0) {
		log_debug("cannot open /dev/%s to probe it: %s", bd->name,
			  strerror(-fd));
		return bd->fs_err = fd;
	}
	r = probe_dev_from_fd(&dev, &fd);
	if (r == 0 && dev.size == 0)
		r = -ENXIO; /* listed, not yet sized: not ready */
	if (r == 0)
		r = probe_filesystem(&dev, &bd->fs);
	close(fd);
	if (r < 0 && r != -ENOENT) {
		log_debug("cannot read /dev/%s: %s", bd->name, strerror(-r));
		return bd->fs_err = r; /* try again next time */
	}
	bd->fs_probed = true;
	return bd->fs_err = r;
}

/* Fill in one partition from its table entry (or leave it empty). */
static void set_part(struct blockdev *p, const struct part_table *t)
{
	int i;

	p->pt_probed = true;
	p->partuuid[0] = p->partlabel[0] = '\0';
	for (i = 0; i < t->n; i++) {
		if (t->part[i].number != p->partition)
			continue;
		snprintf(p->partuuid, sizeof(p->partuuid), "%s",
			 t->part[i].uuid);
		snprintf(p->partlabel, sizeof(p->partlabel), "%s",
			 t->part[i].name);
		return;
	}
}

int blockdev_probe_table(int devfd, struct blockdev_set *set,
			 struct blockdev *disk)
{
	/* 40 KiB: too much for the stack of a PID 1 that may nest. */
	static struct part_table t;
	struct probe_dev dev;
	int fd, r, i;

	fd = blockdev_open(devfd, disk, set->flags);
	if (fd < 0)
		return fd;
	r = probe_dev_from_fd(&dev, &fd);
	if (r == 0)
		r = probe_partitions(&dev, &t);
	close(fd);
	if (r < 0 && r != -ENOENT)
		return r;
	if (r == -ENOENT)
		t.n = 0, t.type[0] = t.uuid[0] = '\0';
	disk->pt_probed = true;
	snprintf(disk->pttype, sizeof(disk->pttype), "%s", t.type);
	snprintf(disk->ptuuid, sizeof(disk->ptuuid), "%s", t.uuid);
	for (i = 0; i < set->n; i++)
		if (set->dev[i].partition &&
		    !strcmp(set->dev[i].disk, disk->name))
			set_part(&set->dev[i], &t);
	return r;
}

void blockdev_probe_all(int devfd, struct blockdev_set *set)
{
	int i;

	for (i = 0; i < set->n; i++) {
		struct blockdev *bd = &set->dev[i];

		if (!bd->partition && !bd->pt_probed)
			blockdev_probe_table(devfd, set, bd);
		blockdev_probe_fs(devfd, set, bd);
	}
}

/* 1.0G, 512M, 16K: the size the way lsblk shows it. */
static void format_size(uint64_t bytes, char *buf, size_t size)
{
	static const char units[] = "BKMGTPE";
	uint64_t whole = bytes, rest = 0;
	int u = 0;

	while (whole >= 1024 && units[u + 1]) {
		rest = whole % 1024;
		whole /= 1024;
		u++;
	}
	if (whole < 10 && u > 0)
		snprintf(buf, size, "%u.%u%c", (unsigned)whole,
			 (unsigned)(rest * 10 / 1024), units[u]);
	else
		snprintf(buf, size, "%u%c", (unsigned)whole, units[u]);
}

/* Append " KEY=value" when value is set, escaped as newroot probe prints
 * it (a label is any bytes the superblock holds), and quoted when it
 * holds a space or anything escaped. */
static void add_tag(char *buf, size_t size, size_t *len, const char *key,
		    const char *value)
{
	char esc[BLKID_ESCAPED_MAX];
	const char *q;
	int n;

	if (!*value || *len >= size)
		return;
	blkid_escape(value, esc, sizeof(esc));
	q = strcmp(esc, value) || strchr(value, ' ') ? "\"" : "";
	n = snprintf(buf + *len, size - *len, " %s=%s%s%s", key, q, esc, q);
	if (n > 0)
		*len += (size_t)n;
}

int blockdev_format(const struct blockdev *bd, char *buf, size_t size)
{
	char human[16];
	size_t len;
	int n;

	format_size(bd->size, human, sizeof(human));
	n = snprintf(buf, size, "%s %u:%u %s", bd->name, bd->major, bd->minor,
		     human);
	if (n < 0 || (size_t)n >= size)
		return n;
	len = (size_t)n;
	if (bd->fs_probed && bd->fs_err == 0)
		n = snprintf(buf + len, size - len, " %s", bd->fs.type);
	else if (bd->fs_probed && !bd->pttype[0])
		n = snprintf(buf + len, size - len, " (no filesystem)");
	else if (!bd->fs_probed && bd->fs_err)
		n = snprintf(buf + len, size - len, " (cannot read: %s)",
			     strerror(-bd->fs_err));
	else
		n = 0;
	if (n > 0)
		len += (size_t)n;
	if (bd->fs_probed && bd->fs_err == 0) {
		add_tag(buf, size, &len, "UUID", bd->fs.uuid);
		add_tag(buf, size, &len, "LABEL", bd->fs.label);
	}
	if (!bd->partition)
		add_tag(buf, size, &len, "PTTYPE", bd->pttype);
	add_tag(buf, size, &len, "PARTUUID", bd->partuuid);
	add_tag(buf, size, &len, "PARTLABEL", bd->partlabel);
	return (int)len;
}
