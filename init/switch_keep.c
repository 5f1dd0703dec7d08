/* switch_keep.c - what the new root is built from: read from mountinfo
 *
 * An overlay new root can have its layers in plain directories of the
 * initramfs, and a directory of the initramfs can be bind-mounted into
 * the new root (an image handing its /lib/modules over).  Deleting the
 * initramfs would delete those too: they are found here, before anything
 * changes, and the delete walk keeps them (by device and inode).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "log.h"
#include "switch_keep.h"
#include "switch_path.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 02000000
#endif

int switch_keep_add(struct switch_keep *k, const struct stat *st)
{
	if (switch_keep_has(k, st))
		return 0;
	if (k->n >= SWITCH_KEEP_MAX)
		return -ENOSPC;
	k->dev[k->n] = st->st_dev;
	k->ino[k->n] = st->st_ino;
	k->n++;
	return 0;
}

int switch_keep_has(const struct switch_keep *k, const struct stat *st)
{
	unsigned i;

	for (i = 0; k && i < k->n; i++)
		if (k->dev[i] == st->st_dev && k->ino[i] == st->st_ino)
			return 1;
	return 0;
}

void switch_unescape(char *s)
{
	char *o = s;

	while (*s) {
		if (s[0] == '\\' && s[1] >= '0' && s[1] <= '3' && s[2] >= '0' &&
		    s[2] <= '7' && s[3] >= '0' && s[3] <= '7') {
			*o++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
				      (s[3] - '0'));
			s += 4;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
}

/* One layer list: split at ':' unless escaped ("\:"), drop the escapes. */
static int each_layer(const char *v, size_t n, int list,
		      int (*fn)(const char *path, void *arg), void *arg)
{
	char path[SWITCH_PATH_LEN];
	size_t i, l = 0;
	int r;

	for (i = 0; i <= n; i++) {
		if (i < n && v[i] == '\\' && i + 1 < n) {
			if (l + 1 >= sizeof(path))
				return -ENAMETOOLONG;
			path[l++] = v[++i];
			continue;
		}
		if (i < n && !(list && v[i] == ':')) {
			if (l + 1 >= sizeof(path))
				return -ENAMETOOLONG;
			path[l++] = v[i];
			continue;
		}
		path[l] = '\0';
		/* "::" sets the data-only layers apart: no path between. */
		if (l) {
			r = fn(path, arg);
			if (r)
				return r;
		}
		l = 0;
	}
	return 0;
}

int switch_overlay_layers(const char *opts,
			  int (*fn)(const char *path, void *arg), void *arg)
{
	static const char *const keys[] = { "lowerdir=", "lowerdir+=",
					    "datadir+=", "upperdir=",
					    "workdir=",	 NULL };
	char val[SWITCH_PATH_LEN * 2];
	const char *p = opts;
	size_t n, k;
	int i, r;

	while (*p) {
		n = strcspn(p, ",");
		for (i = 0; keys[i]; i++) {
			k = strlen(keys[i]);
			if (n < k || strncmp(p, keys[i], k))
				continue;
			if (n - k >= sizeof(val))
				return -ENAMETOOLONG;
			memcpy(val, p + k, n - k);
			val[n - k] = '\0';
			switch_unescape(val);
			r = each_layer(val, strlen(val), i == 0, fn, arg);
			if (r)
				return r;
		}
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

/* One line of mountinfo, split in place. */
struct mi_line {
	int id, parent;
	unsigned maj, min;
	char *root, *mnt, *fstype, *opts;
};

static char *field(char **p)
{
	char *s = *p, *e;

	if (!s || !*s)
		return NULL;
	e = strchr(s, ' ');
	if (e) {
		*e = '\0';
		*p = e + 1;
	} else {
		*p = NULL;
	}
	return s;
}

/* "MAJ:MIN" of a mountinfo line into *maj and *min; 0, or -1 when f is
 * not two decimal numbers around a colon. (strtoul, not sscanf: the
 * klibc link then leaves out the whole scanf family, 2.4 KB.) */
static int parse_majmin(const char *f, unsigned *maj, unsigned *min)
{
	char *end;

	if (*f < '0' || *f > '9')
		return -1;
	*maj = strtoul(f, &end, 10);
	if (*end != ':' || end[1] < '0' || end[1] > '9')
		return -1;
	*min = strtoul(end + 1, &end, 10);
	return 0;
}

/* The next line of the text at *p; 1 when one was read, 0 at the end,
 * -EINVAL for a line that is not mountinfo. */
static int next_line(char **p, struct mi_line *m)
{
	char *line = *p, *f, *nl;

	if (!line || !*line)
		return 0;
	nl = strchr(line, '\n');
	if (nl) {
		*nl = '\0';
		*p = nl + 1;
	} else {
		*p = NULL;
	}
	f = field(&line);
	m->id = f ? atoi(f) : -1;
	f = field(&line);
	m->parent = f ? atoi(f) : -1;
	f = field(&line);
	if (!f || parse_majmin(f, &m->maj, &m->min))
		return -EINVAL;
	m->root = field(&line);
	m->mnt = field(&line);
	/* Mount options and optional fields, up to "-". */
	while ((f = field(&line)) && strcmp(f, "-"))
		;
	m->fstype = field(&line);
	field(&line); /* the source */
	m->opts = field(&line);
	if (!m->root || !m->mnt || !m->fstype)
		return -EINVAL;
	if (!m->opts)
		m->opts = "";
	switch_unescape(m->root);
	switch_unescape(m->mnt);
	return 1;
}

struct layer_ctx {
	const char *mnt;
	dev_t rootdev;
	struct switch_keep *k;
};

static int keep_one(struct switch_keep *k, const struct stat *st,
		    const char *what, const char *path, const char *mnt)
{
	if (switch_keep_has(k, st))
		return 0;
	if (switch_keep_add(k, st) < 0) {
		log_err("%s at %s: more than %d of the new root's parts live "
			"on the initramfs; refusing to delete it",
			what, mnt, SWITCH_KEEP_MAX);
		return -ENOSPC;
	}
	log_info("keeping %s of the initramfs: %s at %s", path, what, mnt);
	return 0;
}

static int keep_layer(const char *path, void *arg)
{
	struct layer_ctx *c = arg;
	struct stat st;

	if (path[0] != '/') {
		log_err("overlay at %s: layer %s is not an absolute path, so "
			"it cannot be told whether it lives on the initramfs; "
			"refusing to delete the initramfs (mount it with "
			"absolute paths, or use --method=pivot)",
			c->mnt, path);
		return -EINVAL;
	}
	if (stat(path, &st) < 0) {
		int e = errno;

		log_err("overlay at %s: layer %s: %s; it cannot be told "
			"whether it lives on the initramfs, refusing to delete "
			"the initramfs",
			c->mnt, path, strerror(e));
		return -e;
	}
	if (st.st_dev != c->rootdev)
		return 0;
	return keep_one(c->k, &st, "overlay layer", path, c->mnt);
}

static int below(const char *mnt, const char *top)
{
	size_t n = strlen(top);

	if (!strcmp(top, "/"))
		return 1;
	return !strncmp(mnt, top, n) && (mnt[n] == '\0' || mnt[n] == '/');
}

int switch_keep_scan(char *mountinfo, const char *newroot, dev_t rootdev,
		     struct switch_keep *k)
{
	struct layer_ctx c = { NULL, rootdev, k };
	struct mi_line m;
	struct stat st;
	char *p = mountinfo;
	int r;

	while ((r = next_line(&p, &m)) > 0) {
		if (!below(m.mnt, newroot))
			continue;
		c.mnt = m.mnt;
		if (!strcmp(m.fstype, "overlay")) {
			r = switch_overlay_layers(m.opts, keep_layer, &c);
			if (r < 0)
				return r;
		}
		if (makedev(m.maj, m.min) != rootdev)
			continue;
		/* A bind mount from the initramfs: its mount point shows
		 * the directory (or file) it was bound from. */
		if (stat(m.mnt, &st) < 0 || st.st_dev != rootdev) {
			log_err("%s is bound from %s of the initramfs but is "
				"covered by another mount; refusing to delete "
				"the initramfs",
				m.mnt, m.root);
			return -EBUSY;
		}
		r = keep_one(k, &st, "bind-mounted", m.root, m.mnt);
		if (r < 0)
			return r;
	}
	if (r < 0)
		log_err("mountinfo: a line that cannot be read; refusing to "
			"delete the initramfs");
	return r;
}

int switch_root_unpivotable(char *mountinfo)
{
	struct mi_line m;
	char *p = mountinfo;
	int r, seen = 0, first = 0;

	while ((r = next_line(&p, &m)) > 0) {
		if (strcmp(m.mnt, "/"))
			continue;
		/* Stacked mounts: the last one is what "/" shows. */
		seen = 1;
		first = m.id == m.parent;
	}
	if (r < 0)
		return r;
	return !seen || first;
}

static char *read_all(const char *path)
{
	size_t cap = 16384, len = 0;
	char *buf = malloc(cap), *nb;
	ssize_t n;
	int fd, e;

	if (!buf)
		return NULL;
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		goto fail;
	for (;;) {
		if (cap - len < 4096) {
			nb = realloc(buf, cap * 2);
			if (!nb) {
				errno = ENOMEM;
				goto fail;
			}
			buf = nb;
			cap *= 2;
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		if (n == 0)
			break;
		len += n;
	}
	close(fd);
	buf[len] = '\0';
	return buf;
fail:
	e = errno;
	if (fd >= 0)
		close(fd);
	free(buf);
	errno = e;
	return NULL;
}

char *switch_read_mountinfo(const char *newroot)
{
	char path[SWITCH_PATH_LEN];
	char *s = read_all("/proc/self/mountinfo");

	if (s || !newroot)
		return s;
	snprintf(path, sizeof(path), "%s/proc/self/mountinfo", newroot);
	return read_all(path);
}
