/* blkid.c - "newroot probe DEV...": print what the probes see, in the
 * shape of blkid's output so the two can be compared field by field:
 *
 *   DEV: LABEL="root" UUID="..." TYPE="ext4" USAGE="filesystem"
 *   DEV: PTUUID="..." PTTYPE="gpt"
 *   DEV:1 PARTUUID="..." PARTLABEL="boot" START=2048 SIZE=4096
 *
 * Empty fields are left out, as blkid does; in values '"' and '\' are
 * escaped with a backslash and control characters written as \xHH.  A
 * device holding both a filesystem and a partition table (a hybrid ISO)
 * gets both on its line.
 * START and SIZE are in 512-byte sectors (blkid's PART_ENTRY_OFFSET and
 * PART_ENTRY_SIZE); PARTTYPE (the MBR type byte) only for "dos". */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "blkid.h"
#include "log.h"
#include "probe/probe.h"

static const char *usage_name(enum probe_usage u)
{
	switch (u) {
	case PROBE_USAGE_FS:
		return "filesystem";
	case PROBE_USAGE_RAID:
		return "raid";
	case PROBE_USAGE_CRYPTO:
		return "crypto";
	case PROBE_USAGE_OTHER:
		return "other";
	default:
		return "";
	}
}

/* One output line is built here and written whole: stdio would cost the
 * boot binary more than the probe command's output is worth. */
static char line[4096];
static size_t line_len;

static void put(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void put(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line + line_len, sizeof(line) - 1 - line_len, fmt, ap);
	va_end(ap);
	if (n > 0)
		line_len += n;
	if (line_len > sizeof(line) - 2)
		line_len = sizeof(line) - 2;
}

static void put_line_end(void)
{
	line[line_len++] = '\n';
	(void)!write(1, line, line_len);
	line_len = 0;
}

size_t blkid_escape(const char *val, char *out, size_t size)
{
	static const char hex[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)val;
	size_t n = 0;

	for (; *p && n + 5 <= size; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			out[n++] = '\\';
			out[n++] = 'x';
			out[n++] = hex[*p >> 4];
			out[n++] = hex[*p & 15];
		} else {
			if (*p == '"' || *p == '\\')
				out[n++] = '\\';
			out[n++] = (char)*p;
		}
	}
	if (size)
		out[n] = '\0';
	return n;
}

/* KEY="value", nothing when empty, escaped by blkid_escape(). */
static void put_field(const char *key, const char *val)
{
	char esc[BLKID_ESCAPED_MAX];

	if (!val || !*val)
		return;
	blkid_escape(val, esc, sizeof(esc));
	put(" %s=\"%s\"", key, esc);
}

static void print_parts(const char *dev, const struct part_table *t)
{
	int i;

	for (i = 0; i < t->n; i++) {
		const struct part_entry *p = &t->part[i];
		char type[8];

		put("%s:%d", dev, p->number);
		put_field("PARTUUID", p->uuid);
		put_field("PARTLABEL", p->name);
		put(" START=%llu SIZE=%llu", (unsigned long long)p->start,
		    (unsigned long long)p->size);
		if (strcmp(t->type, "dos") == 0) {
			snprintf(type, sizeof(type), "0x%x", p->type & 0xff);
			put_field("PARTTYPE", type);
		}
		put_line_end();
	}
}

/* Returns 0 (something found), 1 (nothing found) or -1 (an error: the
 * message is printed). */
static int probe_one(const char *path)
{
	struct probe_dev dev;
	struct probe_result r;
	static struct part_table t;
	int fd, efs, ept, e;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		e = -errno;
		log_err("probe: cannot open %s: %s", path, strerror(-e));
		return -1;
	}
	e = probe_dev_from_fd(&dev, &fd);
	if (e < 0) {
		log_err("probe: cannot get the size of %s: %s", path,
			strerror(-e));
		close(fd);
		return -1;
	}
	efs = probe_filesystem(&dev, &r);
	ept = probe_partitions(&dev, &t);
	close(fd);
	if ((efs && efs != -ENOENT) || (ept && ept != -ENOENT)) {
		e = efs && efs != -ENOENT ? efs : ept;
		log_err("probe: cannot read %s: %s", path, strerror(-e));
		return -1;
	}
	if (efs && ept)
		return 1;
	put("%s:", path);
	if (!efs) {
		put_field("LABEL", r.label);
		put_field("UUID", r.uuid);
		put_field("TYPE", r.type);
		put_field("USAGE", usage_name(r.usage));
	}
	if (!ept) {
		put_field("PTUUID", t.uuid);
		put_field("PTTYPE", t.type);
	}
	put_line_end();
	if (!ept)
		print_parts(path, &t);
	return 0;
}

static void usage(int fd)
{
	log_puts(fd, "usage: newroot probe DEVICE|IMAGE...\n"
		     "Print the filesystem (LABEL, UUID, TYPE, USAGE), the "
		     "partition table\n(PTUUID, PTTYPE) and the partitions "
		     "(DEV:N PARTUUID, PARTLABEL, START,\nSIZE in 512-byte "
		     "sectors) newroot sees, in blkid's format.\n"
		     "Exit status: 0 found, 2 nothing found, 1 read error.\n");
}

int cmd_probe(int argc, char **argv)
{
	int i, found = 0, failed = 0;

	if (argc < 2) {
		usage(2);
		return 100;
	}
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
			usage(1);
			return 0;
		}
		if (argv[i][0] == '-' && argv[i][1]) {
			log_err("probe: unknown option %s", argv[i]);
			usage(2);
			return 100;
		}
	}
	for (i = 1; i < argc; i++) {
		int e = probe_one(argv[i]);

		if (e == 0)
			found++;
		else if (e < 0)
			failed++;
	}
	if (failed)
		return 1;
	return found ? 0 : 2;
}
