/* crypttab.c - read /etc/crypttab: "NAME DEVICE [KEYFILE [OPTIONS]]" */
#include <ctype.h>
#include <errno.h>
#include <string.h>

#include "crypttab.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

/* Cut one field off *p (within the line ending at end), unescaping
 * "\NNN" octal in place; NULL when the line has no more fields. */
static char *next_field(char **p, char *end)
{
	char *s = *p, *w, *start;

	while (s < end && is_blank(*s))
		s++;
	if (s >= end)
		return NULL;
	start = w = s;
	while (s < end && !is_blank(*s)) {
		if (s[0] == '\\' && end - s >= 4 && s[1] >= '0' &&
		    s[1] <= '3' && s[2] >= '0' && s[2] <= '7' && s[3] >= '0' &&
		    s[3] <= '7') {
			*w++ = (char)((s[1] - '0') * 64 + (s[2] - '0') * 8 +
				      (s[3] - '0'));
			s += 4;
			continue;
		}
		*w++ = *s++;
	}
	*p = s < end ? s + 1 : s;
	*w = '\0';
	return start;
}

/* "none" and "-" mean: no key file, ask. */
static const char *key_field(const char *k)
{
	if (!k || !*k || !strcmp(k, "none") || !strcmp(k, "-"))
		return NULL;
	return k;
}

static void add_line(struct crypttab *ct, char *line, char *end, int no,
		     int *ret)
{
	char *p = line, *name, *dev, *key, *opts;
	struct crypttab_entry *e;

	name = next_field(&p, end);
	if (!name || name[0] == '#')
		return;
	dev = next_field(&p, end);
	key = next_field(&p, end);
	opts = next_field(&p, end);
	if (!dev || strchr(name, '/')) {
		if (!ct->n_bad++)
			ct->bad_line = no;
		return;
	}
	if (ct->n == CRYPTTAB_MAX) {
		*ret = -E2BIG;
		return;
	}
	e = &ct->e[ct->n++];
	e->name = name;
	e->device = dev;
	e->key = key_field(key);
	e->opts = opts ? opts : "";
	e->line = no;
}

int crypttab_parse(const char *text, size_t len, struct crypttab *ct)
{
	char *p, *end, *nl;
	int ret = 0, no = 0;

	memset(ct, 0, offsetof(struct crypttab, buf));
	if (len >= sizeof(ct->buf)) {
		/* Cut at the last whole line that fits. */
		len = sizeof(ct->buf) - 1;
		while (len > 0 && text[len - 1] != '\n')
			len--;
		ret = -E2BIG;
	}
	memcpy(ct->buf, text, len);
	ct->buf[len] = '\0';
	/* A NUL inside the text ends it. */
	end = ct->buf + strlen(ct->buf);
	for (p = ct->buf; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			nl = end;
		*nl = '\0';
		add_line(ct, p, nl, ++no, &ret);
	}
	return ret < 0 ? ret : ct->n;
}

/* The next digit of a UUID, skipping dashes (and mdadm's colons); 0 at
 * the end. */
static int next_hex(const char **s)
{
	while (**s == '-' || **s == ':')
		(*s)++;
	if (!**s)
		return 0;
	return tolower((unsigned char)*(*s)++);
}

int crypttab_uuid_eq(const char *want, const char *uuid, int prefix)
{
	int a, b, n = 0;

	if (!want || !uuid || !*uuid)
		return 0;
	if (!strncasecmp(want, "luks-", 5))
		want += 5;
	for (;;) {
		a = next_hex(&want);
		b = next_hex(&uuid);
		if (!a)
			return n > 0 && (!b || (prefix && n >= 8));
		if (a != b)
			return 0;
		n++;
	}
}

static int eq(const char *a, const char *b)
{
	return a && b && *a && *b && !strcmp(a, b);
}

/* /dev/NAME against the sysfs name, whose '/' are '!'. */
static int same_node(const char *dev, const char *name)
{
	if (!name || !*name)
		return 0;
	for (; *dev && *name; dev++, name++)
		if (*dev != *name && !(*dev == '/' && *name == '!'))
			return 0;
	return !*dev && !*name;
}

const struct crypttab_entry *crypttab_find(const struct crypttab *ct,
					   const char *uuid, const char *name,
					   const char *partuuid,
					   const char *partlabel)
{
	static const char by_uuid[] = "/dev/disk/by-uuid/";
	int i;

	for (i = 0; i < ct->n; i++) {
		const char *d = ct->e[i].device;

		if ((!strncmp(d, "UUID=", 5) &&
		     crypttab_uuid_eq(d + 5, uuid, 0)) ||
		    (!strncmp(d, by_uuid, sizeof(by_uuid) - 1) &&
		     crypttab_uuid_eq(d + sizeof(by_uuid) - 1, uuid, 0)) ||
		    (!strncmp(d, "PARTUUID=", 9) && partuuid &&
		     !strcasecmp(d + 9, partuuid) && *partuuid) ||
		    (!strncmp(d, "PARTLABEL=", 10) && eq(d + 10, partlabel)) ||
		    (!strncmp(d, "/dev/", 5) && same_node(d + 5, name)))
			return &ct->e[i];
	}
	return NULL;
}
