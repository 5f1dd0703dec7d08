/* cpioread.c - walk the newc archives of an image held in a buffer.
 *
 * The input is untrusted (--list runs on whatever sits in /boot), so
 * every number is exactly 8 hex digits and every bounds check is written
 * as "x > len - off" with off <= len known, which cannot wrap. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cpioread.h"
#include "mkimage.h"

#define HDR 110 /* "070701" and 13 fields of 8 hex digits */

int cpio_hex8(const uint8_t *p, uint32_t *v)
{
	uint32_t x = 0;
	int i;

	for (i = 0; i < 8; i++) {
		unsigned c = p[i], d;

		if (c >= '0' && c <= '9')
			d = c - '0';
		else if (c >= 'a' && c <= 'f')
			d = c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			d = c - 'A' + 10;
		else
			return -EINVAL;
		x = x << 4 | d;
	}
	*v = x;
	return 0;
}

/* off rounded up to 4, or len + 1 when that passes the end. */
static size_t align4(size_t off, size_t len)
{
	size_t pad = (4 - off % 4) % 4;

	return pad > len - off ? len + 1 : off + pad;
}

/* One archive at p; *took gets its length through the trailer. */
static int walk_one(const uint8_t *p, size_t len, cpio_entry_fn fn, void *ctx,
		    size_t *took)
{
	size_t off = 0;

	for (;;) {
		struct cpio_entry e;
		uint32_t f[13];
		int i, r;

		if (off > len || len - off < HDR ||
		    (memcmp(p + off, "070701", 6) &&
		     memcmp(p + off, "070702", 6)))
			return -EINVAL;
		for (i = 0; i < 13; i++)
			if (cpio_hex8(p + off + 6 + 8 * i, &f[i]))
				return -EINVAL;
		/* f: ino mode uid gid nlink mtime filesize devmajor
		 * devminor rdevmajor rdevminor namesize check */
		off += HDR;
		if (f[11] == 0 || f[11] > len - off || p[off + f[11] - 1])
			return -EINVAL;
		e.name = (const char *)p + off;
		e.mode = f[1];
		e.size = f[6];
		e.rmajor = f[9];
		e.rminor = f[10];
		off = align4(off + f[11], len);
		if (!strcmp(e.name, "TRAILER!!!")) {
			*took = off > len ? len : off;
			return 0;
		}
		if (off > len || e.size > len - off)
			return -EINVAL;
		e.data = p + off;
		r = fn(&e, ctx);
		if (r)
			return r;
		off = align4(off + e.size, len);
	}
}

int cpio_list(const uint8_t *buf, size_t len, cpio_entry_fn fn, void *ctx,
	      int depth)
{
	size_t off = 0;

	if (depth > CPIO_MAX_DEPTH)
		return -ELOOP;
	while (off < len) {
		struct buf dec = { 0 };
		size_t used = 0;
		int r;

		if (buf[off] == 0) { /* padding between archives */
			off++;
			continue;
		}
		if (len - off >= 6 && !memcmp(buf + off, "0707", 4)) {
			r = walk_one(buf + off, len - off, fn, ctx, &used);
			if (r)
				return r;
			off += used;
			continue;
		}
		r = decompress_auto(buf + off, len - off, &dec, &used);
		if (r == 0)
			r = cpio_list(dec.p, dec.len, fn, ctx, depth + 1);
		buf_free(&dec);
		if (r)
			return r;
		if (!used || used > len - off)
			break;
		off += used;
	}
	return 0;
}

static void mode_string(unsigned mode, char *s)
{
	static const char rwx[] = "rwxrwxrwx";
	int i;

	s[0] = S_ISDIR(mode)	? 'd'
	       : S_ISLNK(mode)	? 'l'
	       : S_ISCHR(mode)	? 'c'
	       : S_ISBLK(mode)	? 'b'
	       : S_ISFIFO(mode) ? 'p'
	       : S_ISSOCK(mode) ? 's'
				: '-';
	for (i = 0; i < 9; i++)
		s[i + 1] = mode & (0400 >> i) ? rwx[i] : '-';
	s[10] = '\0';
}

/* Names come from the image: control bytes are escaped, so a name cannot
 * forge a line of the listing. */
static void put_escaped(const uint8_t *p, size_t n, FILE *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\')
			fprintf(out, "\\%03o", p[i]);
		else
			fputc(p[i], out);
}

int cpio_print_entry(const struct cpio_entry *e, void *file)
{
	FILE *out = file;
	char ms[11];

	mode_string(e->mode, ms);
	if (S_ISCHR(e->mode) || S_ISBLK(e->mode))
		fprintf(out, "%s %4u,%-4u ", ms, e->rmajor, e->rminor);
	else
		fprintf(out, "%s %9lu ", ms, (unsigned long)e->size);
	put_escaped((const uint8_t *)e->name, strlen(e->name), out);
	if (S_ISLNK(e->mode)) {
		fputs(" -> ", out);
		put_escaped(e->data, e->size, out);
	}
	fputc('\n', out);
	return 0;
}
