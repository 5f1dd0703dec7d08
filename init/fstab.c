/* fstab.c - one line of /etc/fstab and its options (pure) */
#include <errno.h>
#include <string.h>
#include <sys/mount.h>

#include "fstab.h"

/* Not in every C library's <sys/mount.h>; the kernel's values. */
#ifndef MS_RELATIME
#define MS_RELATIME (1UL << 21)
#endif
#ifndef MS_STRICTATIME
#define MS_STRICTATIME (1UL << 24)
#endif
#ifndef MS_LAZYTIME
#define MS_LAZYTIME (1UL << 25)
#endif

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Copy one field of [p, end) to out, decoding \NNN as mount(8) does.
 * Returns a pointer past the field, or NULL when it does not fit. */
static const char *field(const char *p, const char *end, char *out, size_t size)
{
	size_t n = 0;

	while (p < end && !is_blank(*p)) {
		char c = *p++;

		if (c == '\\' && end - p >= 3 && p[0] >= '0' && p[0] <= '3' &&
		    p[1] >= '0' && p[1] <= '7' && p[2] >= '0' && p[2] <= '7') {
			c = (char)((p[0] - '0') * 64 + (p[1] - '0') * 8 +
				   (p[2] - '0'));
			p += 3;
		}
		if (n + 1 >= size)
			return NULL;
		out[n++] = c;
	}
	out[n] = '\0';
	return p;
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && is_blank(*p))
		p++;
	return p;
}

/* "/usr", "/usr/" and "/usr//" name the same directory. */
static int same_dir(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	while (la > 1 && a[la - 1] == '/')
		la--;
	while (lb > 1 && b[lb - 1] == '/')
		lb--;
	return la == lb && !memcmp(a, b, la);
}

/* The sixth field, fsck's pass number: 0 when absent or not a number,
 * as fsck(8) reads it. */
static int pass_field(const char *q, const char *end)
{
	int pass = 0;

	q = skip_blanks(q, end);
	while (q < end && !is_blank(*q)) /* the dump frequency */
		q++;
	q = skip_blanks(q, end);
	while (q < end && *q >= '0' && *q <= '9' && pass < 100000)
		pass = pass * 10 + (*q++ - '0');
	return q == end || is_blank(*q) ? pass : 0;
}

/* Parse the line [p, end) into e; 1 when it names dir, 0 when not,
 * -ENAMETOOLONG when it does but a field is too long. */
static int parse_line(const char *p, const char *end, const char *dir,
		      struct fstab_entry *e)
{
	const char *q;

	p = skip_blanks(p, end);
	if (p == end || *p == '#')
		return 0;
	/* The mount point first: a spec too long for us on another line
	 * is not our business. */
	for (q = p; q < end && !is_blank(*q); q++)
		;
	q = skip_blanks(q, end);
	if (q == end)
		return 0;
	q = field(q, end, e->dir, sizeof(e->dir));
	if (!q || !same_dir(e->dir, dir))
		return 0;
	if (!field(p, end, e->spec, sizeof(e->spec)))
		return -ENAMETOOLONG;
	q = skip_blanks(q, end);
	strcpy(e->type, "auto");
	if (q < end && !(q = field(q, end, e->type, sizeof(e->type))))
		return -ENAMETOOLONG;
	q = skip_blanks(q, end);
	strcpy(e->opts, "defaults");
	if (q < end && !(q = field(q, end, e->opts, sizeof(e->opts))))
		return -ENAMETOOLONG;
	e->pass = pass_field(q, end);
	return 1;
}

int fstab_find(const char *buf, size_t len, const char *dir,
	       struct fstab_entry *e)
{
	const char *p = buf, *end = buf + len, *nl;
	int line = 0, r;

	while (p < end) {
		nl = memchr(p, '\n', end - p);
		if (!nl)
			nl = end;
		line++;
		r = parse_line(p, nl, dir, e);
		if (r < 0)
			return r;
		if (r > 0) {
			size_t n = nl - p;

			if (n >= sizeof(e->text))
				n = sizeof(e->text) - 1;
			memcpy(e->text, p, n);
			e->text[n] = '\0';
			e->line = line;
			return 0;
		}
		p = nl + 1;
	}
	return -ENOENT;
}

static const struct {
	const char *name;
	unsigned long set, clear;
} vfs_opts[] = {
	{ "nosuid", MS_NOSUID, 0 },
	{ "suid", 0, MS_NOSUID },
	{ "nodev", MS_NODEV, 0 },
	{ "dev", 0, MS_NODEV },
	{ "noexec", MS_NOEXEC, 0 },
	{ "exec", 0, MS_NOEXEC },
	{ "sync", MS_SYNCHRONOUS, 0 },
	{ "async", 0, MS_SYNCHRONOUS },
	{ "dirsync", MS_DIRSYNC, 0 },
	{ "noatime", MS_NOATIME, 0 },
	{ "atime", 0, MS_NOATIME },
	{ "nodiratime", MS_NODIRATIME, 0 },
	{ "diratime", 0, MS_NODIRATIME },
	{ "relatime", MS_RELATIME, 0 },
	{ "norelatime", 0, MS_RELATIME },
	{ "strictatime", MS_STRICTATIME, 0 },
	{ "nostrictatime", 0, MS_STRICTATIME },
	{ "lazytime", MS_LAZYTIME, 0 },
	{ "nolazytime", 0, MS_LAZYTIME },
};

/* Read by mount(8), systemd or nobody: never the filesystem's. */
static int userspace_opt(const char *o, size_t n)
{
	static const char *const words[] = { "auto",  "noauto",	 "user",
					     "users", "nouser",	 "owner",
					     "group", "_netdev", NULL };
	int i;

	for (i = 0; words[i]; i++)
		if (strlen(words[i]) == n && !memcmp(o, words[i], n))
			return 1;
	return (n >= 2 && !memcmp(o, "x-", 2)) ||
	       (n >= 8 && !memcmp(o, "comment=", 8));
}

static int is_opt(const char *o, size_t n, const char *name)
{
	return strlen(name) == n && !memcmp(o, name, n);
}

int fstab_parse_opts(const char *opts, struct fstab_opts *o)
{
	size_t used = 0, n, i;

	memset(o, 0, sizeof(*o));
	for (; *opts; opts += n + (opts[n] == ',')) {
		n = strcspn(opts, ",");
		if (!n || is_opt(opts, n, "defaults") ||
		    is_opt(opts, n, "rw")) {
			if (n)
				o->ro = false;
			continue;
		}
		if (is_opt(opts, n, "ro")) {
			o->ro = true;
			continue;
		}
		if (is_opt(opts, n, "nofail")) {
			o->nofail = true;
			continue;
		}
		for (i = 0; i < sizeof(vfs_opts) / sizeof(vfs_opts[0]); i++)
			if (is_opt(opts, n, vfs_opts[i].name))
				break;
		if (i < sizeof(vfs_opts) / sizeof(vfs_opts[0])) {
			o->flags |= vfs_opts[i].set;
			o->flags &= ~vfs_opts[i].clear;
			continue;
		}
		if (userspace_opt(opts, n))
			continue;
		if (used + !!used + n + 1 > sizeof(o->data))
			return -ENAMETOOLONG;
		if (used)
			o->data[used++] = ',';
		memcpy(o->data + used, opts, n);
		used += n;
		o->data[used] = '\0';
	}
	return 0;
}
