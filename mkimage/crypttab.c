/* crypttab.c - the host's /etc/crypttab lines the root needs: those
 * that open a dm-crypt device under the root (the rest belong to the
 * real system's own boot) */
#include <errno.h>
#include <string.h>
#include <strings.h>

#include "stack.h"

/* Field i (0-based) of the line [p, end) into out; 0 when present. */
static int field(const char *p, const char *end, int i, char *out, size_t size)
{
	const char *s;
	size_t n;

	for (;;) {
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p == end)
			return -1;
		s = p;
		while (p < end && *p != ' ' && *p != '\t')
			p++;
		if (i-- == 0)
			break;
	}
	n = (size_t)(p - s);
	if (n >= size)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* Whether a crypttab source (UUID=..., /dev/disk/by-uuid/...) names
 * the LUKS UUID u. */
static int source_is(const char *src, const char *u)
{
	if (!u[0])
		return 0;
	if (!strncasecmp(src, "UUID=", 5))
		return !strcasecmp(src + 5, u);
	if (!strncmp(src, "/dev/disk/by-uuid/", 18))
		return !strcasecmp(src + 18, u);
	return 0;
}

int crypttab_filter(const char *text, size_t len, const struct stack *st,
		    struct buf *out, int (*keyfile)(const char *, void *),
		    void *arg)
{
	const char *p = text, *end = text + len;
	char name[256], src[512], key[1024];

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		int i, keep = 0;

		if (field(p, le, 0, name, sizeof(name)) == 0 &&
		    name[0] != '#' && field(p, le, 1, src, sizeof(src)) == 0)
			for (i = 0; i < st->n_crypt && !keep; i++)
				keep = !strcmp(name, st->crypt_name[i]) ||
				       source_is(src, st->crypt_uuid[i]);
		if (keep) {
			if (buf_add(out, p, (size_t)(le - p)) < 0 ||
			    buf_add(out, "\n", 1) < 0)
				return -ENOMEM;
			if (keyfile && field(p, le, 2, key, sizeof(key)) == 0 &&
			    key[0] == '/') {
				int r = keyfile(key, arg);

				if (r < 0)
					return r;
			}
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}
