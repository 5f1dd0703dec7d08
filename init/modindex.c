/* modindex.c - parse the image's module index (see modindex.h); a pure
 * function over a buffer, shared by the init and the tests */
#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "modindex.h"

int modindex_namecmp(const char *a, const char *b)
{
	for (;; a++, b++) {
		char ca = *a == '-' ? '_' : *a;
		char cb = *b == '-' ? '_' : *b;

		if (ca != cb)
			return (unsigned char)ca - (unsigned char)cb;
		if (!ca)
			return 0;
	}
}

static int cmp_mod(const void *a, const void *b)
{
	const struct modindex_mod *x = a, *y = b;

	return modindex_namecmp(x->name, y->name);
}

/* Cut the next space-separated field off *p; NULL when there is none. */
static char *field(char **p)
{
	char *s = *p, *e;

	while (*s == ' ')
		s++;
	if (!*s)
		return NULL;
	e = strchr(s, ' ');
	if (e) {
		*e = '\0';
		*p = e + 1;
	} else {
		*p = s + strlen(s);
	}
	return s;
}

static const char *list_or_empty(const char *s)
{
	return strcmp(s, "-") == 0 ? "" : s;
}

int modindex_grow(void **arr, int n, int *cap, size_t elem)
{
	int want;
	void *p;

	if (n < *cap)
		return 0;
	if (*cap > INT_MAX / 2 || (elem && (size_t)*cap * 2 > SIZE_MAX / elem))
		return -ENOMEM;
	want = *cap ? *cap * 2 : 64;
	p = realloc(*arr, (size_t)want * elem);
	if (!p)
		return -ENOMEM;
	/* Only now: a failed realloc leaves array and capacity as they
	 * were, so the next grow does not take room it never got. */
	*arr = p;
	*cap = want;
	return 0;
}

static int parse_line(char *line, struct modindex *idx, int *caps)
{
	char *p = line, *key = field(&p), *a, *b;
	struct modindex_mod *m;

	if (!key || key[1])
		return -EINVAL;
	a = field(&p);
	if (!a)
		return -EINVAL;
	switch (key[0]) {
	case 'k':
		idx->kver = a;
		return 0;
	case 'm':
	case 'b':
		if (modindex_grow((void **)&idx->mods, idx->n_mods, &caps[0],
				  sizeof(*idx->mods)))
			return -ENOMEM;
		m = &idx->mods[idx->n_mods];
		memset(m, 0, sizeof(*m));
		m->name = a;
		m->deps = m->pre = m->post = m->options = "";
		if (key[0] == 'm') {
			char *deps, *pre, *post;

			m->path = field(&p);
			deps = field(&p);
			pre = field(&p);
			post = field(&p);
			if (!m->path || !deps || !pre || !post)
				return -EINVAL;
			m->deps = list_or_empty(deps);
			m->pre = list_or_empty(pre);
			m->post = list_or_empty(post);
		}
		idx->n_mods++;
		return 0;
	case 'o':
		while (*p == ' ')
			p++;
		if (modindex_grow((void **)&idx->opts, idx->n_opts, &caps[3],
				  sizeof(*idx->opts)))
			return -ENOMEM;
		idx->opts[idx->n_opts].name = a;
		idx->opts[idx->n_opts].pattern = p;
		idx->n_opts++;
		return 0;
	case 'a':
		b = field(&p);
		if (!b)
			return -EINVAL;
		if (modindex_grow((void **)&idx->aliases, idx->n_aliases,
				  &caps[1], sizeof(*idx->aliases)))
			return -ENOMEM;
		idx->aliases[idx->n_aliases].pattern = a;
		idx->aliases[idx->n_aliases].name = b;
		idx->n_aliases++;
		return 0;
	case 'l':
		if (modindex_grow((void **)&idx->load, idx->n_load, &caps[2],
				  sizeof(*idx->load)))
			return -ENOMEM;
		idx->load[idx->n_load++] = a;
		return 0;
	}
	/* Unknown record types are skipped: newer writers may add some. */
	return 0;
}

/* Put the "o" records on their modules, now that those are sorted. */
static int attach_options(struct modindex *idx)
{
	int i;

	for (i = 0; i < idx->n_opts; i++) {
		struct modindex_mod *m = modindex_find(idx, idx->opts[i].name);

		if (!m)
			return -EINVAL;
		m->options = idx->opts[i].pattern;
	}
	return 0;
}

int modindex_parse(char *buf, size_t len, struct modindex *idx, int *bad_line)
{
	int caps[4] = { 0, 0, 0, 0 }, lineno = 0, r = 0;
	char *p = buf, *end = buf + len;

	memset(idx, 0, sizeof(*idx));
	if (bad_line)
		*bad_line = 0;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *line = p;

		if (!nl)
			nl = end;
		*nl = '\0'; /* buf[len] is the caller's terminator */
		p = nl + 1;
		lineno++;
		if (memchr(line, '\0', (size_t)(nl - line)))
			r = -EINVAL; /* a NUL inside a line */
		else if (lineno == 1)
			r = strcmp(line, MODINDEX_MAGIC) ? -EINVAL : 0;
		else if (line[0] && line[0] != '#')
			r = parse_line(line, idx, caps);
		if (r)
			goto bad;
	}
	if (lineno == 0) {
		r = -EINVAL;
		goto bad;
	}
	if (idx->n_mods)
		qsort(idx->mods, (size_t)idx->n_mods, sizeof(*idx->mods),
		      cmp_mod);
	r = attach_options(idx);
	if (r)
		goto bad;
	return 0;
bad:
	if (bad_line)
		*bad_line = lineno;
	modindex_free(idx);
	return r;
}

void modindex_free(struct modindex *idx)
{
	free(idx->mods);
	free(idx->aliases);
	free(idx->load);
	free(idx->opts);
	memset(idx, 0, sizeof(*idx));
}

struct modindex_mod *modindex_find(const struct modindex *idx, const char *name)
{
	int lo = 0, hi = idx->n_mods - 1;

	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		int c = modindex_namecmp(name, idx->mods[mid].name);

		if (c == 0)
			return &idx->mods[mid];
		if (c < 0)
			hi = mid - 1;
		else
			lo = mid + 1;
	}
	return NULL;
}

/* Most patterns start with a literal bus name ("pci:v00008086d..."):
 * compare that part first, it is far cheaper than fnmatch. */
static int prefix_may_match(const char *pat, const char *str)
{
	for (; *pat && !strchr("*?[\\", *pat); pat++, str++)
		if (*pat != *str)
			return 0;
	return 1;
}

int modindex_match(const struct modindex *idx, const char *str,
		   int (*fn)(const struct modindex_alias *a, void *ctx),
		   void *ctx)
{
	int i, r;

	for (i = 0; i < idx->n_aliases; i++) {
		if (!prefix_may_match(idx->aliases[i].pattern, str) ||
		    fnmatch(idx->aliases[i].pattern, str, 0) != 0)
			continue;
		r = fn(&idx->aliases[i], ctx);
		if (r)
			return r;
	}
	return 0;
}

const char *modindex_next(const char *list, char *out, size_t size)
{
	size_t n;

	if (!list || !*list)
		return NULL;
	n = strcspn(list, ",");
	if (n >= size)
		return NULL;
	memcpy(out, list, n);
	out[n] = '\0';
	list += n;
	return *list == ',' ? list + 1 : list;
}

const char *modindex_compression(const char *path)
{
	const char *dot = strrchr(path, '.');

	if (!dot)
		return NULL;
	if (!strcmp(dot, ".xz"))
		return "xz";
	if (!strcmp(dot, ".zst"))
		return "zstd";
	if (!strcmp(dot, ".gz"))
		return "gzip";
	return NULL;
}
