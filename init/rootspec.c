/* rootspec.c - the root= grammar (see rootspec.h for the forms) */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rootspec.h"

/* Every form, for the message after a value that fits none. */
#define ROOT_FORMS                                                \
	"/dev/NAME, NAME, UUID=, LABEL=, PARTUUID=, PARTLABEL=, " \
	"/dev/disk/by-{uuid,label,partuuid,partlabel}/X, MAJ:MIN or hex"

static int bad(char *err, size_t size, int ret, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int bad(char *err, size_t size, int ret, const char *fmt, ...)
{
	va_list ap;

	if (err && size) {
		va_start(ap, fmt);
		vsnprintf(err, size, fmt, ap);
		va_end(ap);
	}
	return ret;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* n hex digits at s (n = 0: any number, at least one), nothing else. */
static int all_hex(const char *s, size_t n)
{
	size_t i;

	if (!*s)
		return 0;
	for (i = 0; s[i] && (!n || i < n); i++)
		if (hexval(s[i]) < 0)
			return 0;
	return !n || i == n;
}

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Copy the value without surrounding double quotes: LABEL="my disk"
 * arrives from the command line with its quotes (the kernel removes
 * only those at the start of the whole value). */
static int unquote(const char *in, char *out, size_t size)
{
	size_t n = strlen(in);

	if (n && in[0] == '"') {
		if (n < 2 || in[n - 1] != '"')
			return -EINVAL;
		in++;
		n -= 2;
	}
	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(out, in, n);
	out[n] = '\0';
	return 0;
}

/* udev's link names escape bytes as \xHH ("my\x20disk"); undo it. */
static void unescape_udev(char *s)
{
	char *o = s;

	while (*s) {
		if (s[0] == '\\' && s[1] == 'x' && hexval(s[2]) >= 0 &&
		    hexval(s[3]) >= 0) {
			*o++ = (char)(hexval(s[2]) << 4 | hexval(s[3]));
			s += 4;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
}

static void lower(char *s)
{
	for (; *s; s++)
		if (*s >= 'A' && *s <= 'Z')
			*s = (char)(*s - 'A' + 'a');
}

static int uuid_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (hexval(*s) < 0 && *s != '-')
			return 0;
	return 1;
}

/* GPT: 8-4-4-4-12; MBR: 8-2 (disk signature, partition number). */
static int partuuid_ok(const char *s)
{
	static const int gpt[] = { 8, 4, 4, 4, 12 };
	size_t i;

	if (strlen(s) == 11)
		return all_hex(s, 8) && s[8] == '-' && all_hex(s + 9, 2);
	if (strlen(s) != 36)
		return 0;
	for (i = 0; i < 5; i++) {
		if (!all_hex(s, (size_t)gpt[i]))
			return 0;
		s += gpt[i];
		if (i < 4 && *s++ != '-')
			return 0;
	}
	return 1;
}

/* "N" for PARTNROFF=N: a decimal int, maybe negative. */
static int parse_offset(const char *s, int *out)
{
	char *end;
	long v;

	if (!*s)
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < -4096 || v > 4096)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

/* The value after KEY= (or after /dev/disk/by-KEY/). */
static int parse_tagged(struct root_spec *spec, enum root_kind kind,
			const char *val, int from_link, char *err, size_t size)
{
	const char *key = root_kind_name(kind);
	char *slash;
	int r;

	r = unquote(val, spec->value, sizeof(spec->value));
	if (r == -ENAMETOOLONG)
		return bad(err, size, r, "%s longer than %d bytes", key,
			   ROOTSPEC_VALUE_MAX - 1);
	if (r < 0)
		return bad(err, size, r,
			   "unterminated quote; expected %s=\"VALUE\"", key);
	if (from_link)
		unescape_udev(spec->value);
	if (!spec->value[0])
		return bad(err, size, -EINVAL, "empty %s; expected %s=VALUE",
			   key, key);
	spec->kind = kind;
	switch (kind) {
	case ROOT_UUID:
		if (!uuid_ok(spec->value))
			return bad(err, size, -EINVAL,
				   "expected UUID= hex digits and dashes, as "
				   "blkid prints it");
		lower(spec->value);
		break;
	case ROOT_PARTUUID:
		slash = strchr(spec->value, '/');
		if (slash) {
			if (from_link || !starts(slash, "/PARTNROFF=") ||
			    parse_offset(slash + 11, &spec->partnroff) < 0)
				return bad(err, size, -EINVAL,
					   "expected PARTUUID=UUID/PARTNROFF=N "
					   "with N a (possibly negative) "
					   "number");
			spec->has_partnroff = true;
			*slash = '\0';
		}
		if (!partuuid_ok(spec->value))
			return bad(err, size, -EINVAL,
				   "expected PARTUUID= a GPT GUID (8-4-4-4-12 "
				   "hex digits) or an MBR SSSSSSSS-PP");
		lower(spec->value);
		break;
	default:
		break;
	}
	return 0;
}

static const struct {
	const char *prefix;
	enum root_kind kind;
	int from_link;
} tagged[] = {
	{ "UUID=", ROOT_UUID, 0 },
	{ "LABEL=", ROOT_LABEL, 0 },
	{ "PARTUUID=", ROOT_PARTUUID, 0 },
	{ "PARTLABEL=", ROOT_PARTLABEL, 0 },
	{ "/dev/disk/by-uuid/", ROOT_UUID, 1 },
	{ "/dev/disk/by-label/", ROOT_LABEL, 1 },
	{ "/dev/disk/by-partuuid/", ROOT_PARTUUID, 1 },
	{ "/dev/disk/by-partlabel/", ROOT_PARTLABEL, 1 },
};

/* MAJ:MIN in decimal, as the kernel's "%u:%u". */
static int parse_majmin(const char *s, struct root_spec *spec)
{
	unsigned long maj, min;
	char *end;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	maj = strtoul(s, &end, 10);
	if (*end != ':' || end[1] < '0' || end[1] > '9')
		return -EINVAL;
	min = strtoul(end + 1, &end, 10);
	if (*end || maj > 0xfff || min > 0xfffff)
		return -EINVAL;
	spec->kind = ROOT_DEVNUM;
	spec->major = (unsigned)maj;
	spec->minor = (unsigned)min;
	return 0;
}

/* The kernel's new_decode_dev() of a hex number: 801 is 8:1. */
static int parse_hexdev(const char *s, struct root_spec *spec)
{
	unsigned long x = 0;

	if (!all_hex(s, 0) || strlen(s) > 8)
		return -EINVAL;
	for (; *s; s++)
		x = x << 4 | (unsigned long)hexval(*s);
	spec->kind = ROOT_DEVNUM;
	spec->major = (unsigned)((x >> 8) & 0xfff);
	spec->minor = (unsigned)((x & 0xff) | ((x >> 12) & 0xfff00));
	return 0;
}

/* A udev link under /dev/disk/, without /dev/ ('/' or '!' as the kernel
 * writes it in sysfs names). */
static int udev_link(const char *name)
{
	return starts(name, "disk/") || starts(name, "disk!");
}

/* A kernel device name: printable, no spaces, quotes, '=' or ':'. */
static int parse_name(const char *name, struct root_spec *spec)
{
	char *p;

	if (!*name || strlen(name) >= sizeof(spec->value))
		return -EINVAL;
	for (p = (char *)name; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '=' ||
		    *p == ':' || *p == 0x7f)
			return -EINVAL;
	strcpy(spec->value, name);
	for (p = spec->value; *p; p++)
		if (*p == '/')
			*p = '!';
	spec->kind = ROOT_NAME;
	return 0;
}

int root_spec_parse(const char *text, struct root_spec *spec, char *err,
		    size_t size)
{
	size_t i;

	memset(spec, 0, sizeof(*spec));
	if (err && size)
		err[0] = '\0';
	if (!text || !*text)
		return bad(err, size, -EINVAL, "empty; expected %s",
			   ROOT_FORMS);
	for (i = 0; i < sizeof(tagged) / sizeof(tagged[0]); i++)
		if (starts(text, tagged[i].prefix))
			return parse_tagged(spec, tagged[i].kind,
					    text + strlen(tagged[i].prefix),
					    tagged[i].from_link, err, size);
	/* "disk/by-x/Y" and "/dev/disk!by-x!Y" name the same sysfs
	 * device as /dev/disk/by-x/Y: no block device is called that */
	if (starts(text, "/dev/disk/") || udev_link(text) ||
	    (starts(text, "/dev/") && udev_link(text + 5)))
		return bad(err, size, -EINVAL,
			   "without udev only /dev/disk/by-uuid, by-label, "
			   "by-partuuid and by-partlabel can be resolved; use "
			   "UUID=, LABEL=, PARTUUID= or PARTLABEL=");
	/* the limit is the value's, as for UUID= and the others: a name
	 * that fits fits with /dev/ before it */
	if (strlen(starts(text, "/dev/") ? text + 5 : text) >=
	    ROOTSPEC_VALUE_MAX)
		return bad(err, size, -ENAMETOOLONG, "longer than %d bytes",
			   ROOTSPEC_VALUE_MAX - 1);
	if (starts(text, "/dev/")) {
		if (parse_name(text + 5, spec) < 0)
			return bad(err, size, -EINVAL,
				   "expected /dev/NAME with NAME a block "
				   "device such as sda1");
		return 0;
	}
	if (strchr(text, ':')) {
		if (parse_majmin(text, spec) < 0)
			return bad(err, size, -EINVAL,
				   "expected MAJ:MIN in decimal, such as 8:1");
		return 0;
	}
	if (text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) {
		if (parse_hexdev(text + 2, spec) < 0)
			return bad(err, size, -EINVAL,
				   "expected a hexadecimal device number such "
				   "as 0x801 (8:1)");
		return 0;
	}
	if (parse_hexdev(text, spec) == 0)
		return 0;
	if (strchr(text, '=') || parse_name(text, spec) < 0)
		return bad(err, size, -EINVAL, "unknown form; expected %s",
			   ROOT_FORMS);
	return 0;
}

const char *root_kind_name(enum root_kind kind)
{
	switch (kind) {
	case ROOT_NONE:
		return "none";
	case ROOT_NAME:
		return "NAME";
	case ROOT_DEVNUM:
		return "MAJ:MIN";
	case ROOT_UUID:
		return "UUID";
	case ROOT_LABEL:
		return "LABEL";
	case ROOT_PARTUUID:
		return "PARTUUID";
	case ROOT_PARTLABEL:
		return "PARTLABEL";
	}
	return "?";
}

int root_spec_format(const struct root_spec *spec, char *buf, size_t size)
{
	char name[ROOTSPEC_VALUE_MAX];
	const char *q;
	size_t i;

	switch (spec->kind) {
	case ROOT_NAME:
		for (i = 0; spec->value[i] && i < sizeof(name) - 1; i++)
			name[i] = spec->value[i] == '!' ? '/' : spec->value[i];
		name[i] = '\0';
		return snprintf(buf, size, "/dev/%s", name);
	case ROOT_DEVNUM:
		return snprintf(buf, size, "%u:%u", spec->major, spec->minor);
	case ROOT_PARTUUID:
		if (spec->has_partnroff)
			return snprintf(buf, size, "PARTUUID=%s/PARTNROFF=%d",
					spec->value, spec->partnroff);
		return snprintf(buf, size, "PARTUUID=%s", spec->value);
	case ROOT_UUID:
	case ROOT_LABEL:
	case ROOT_PARTLABEL:
		/* quoted when the command line would split it, or when
		 * its own first quote would be taken for one */
		q = strchr(spec->value, ' ') || spec->value[0] == '"' ? "\""
								      : "";
		return snprintf(buf, size, "%s=%s%s%s",
				root_kind_name(spec->kind), q, spec->value, q);
	case ROOT_NONE:
		break;
	}
	return snprintf(buf, size, "(none)");
}
