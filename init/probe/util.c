/* util.c - byte order, CRC32, UUID and label formatting for the probes */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "probe.h"

/* CRC-32 (IEEE 802.3, reflected, as GPT uses it).  crc is the running
 * value: start with 0.  Bitwise: it runs over a few KiB at boot. */
uint32_t probe_crc32(uint32_t crc, const void *buf, size_t len)
{
	const unsigned char *p = buf;
	int k;

	crc = ~crc;
	while (len--) {
		crc ^= *p++;
		for (k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & (0u - (crc & 1)));
	}
	return ~crc;
}

static int all_zero(const unsigned char *u, size_t n)
{
	while (n--)
		if (*u++)
			return 0;
	return 1;
}

void probe_format_uuid(char *out, size_t size, const unsigned char *u)
{
	if (all_zero(u, 16)) {
		if (size)
			out[0] = '\0';
		return;
	}
	snprintf(out, size,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
		 "%02x%02x%02x%02x%02x%02x",
		 u[0], u[1], u[2], u[3], u[4], u[5], u[6], u[7], u[8], u[9],
		 u[10], u[11], u[12], u[13], u[14], u[15]);
}

void probe_format_guid(char *out, size_t size, const unsigned char *g)
{
	unsigned char u[16];

	/* time_low, time_mid, time_hi are stored little-endian */
	u[0] = g[3], u[1] = g[2], u[2] = g[1], u[3] = g[0];
	u[4] = g[5], u[5] = g[4];
	u[6] = g[7], u[7] = g[6];
	memcpy(u + 8, g + 8, 8);
	probe_format_uuid(out, size, u);
}

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
	       c == '\f';
}

static void rtrim(char *s)
{
	size_t n = strlen(s);

	while (n && is_space((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

void probe_set_label(char *dst, size_t size, const unsigned char *src, size_t n)
{
	size_t i;

	if (!size)
		return;
	for (i = 0; i < n && i + 1 < size && src[i]; i++)
		dst[i] = (char)src[i];
	dst[i] = '\0';
	rtrim(dst);
}

/* Append code point c as UTF-8 if it fits; returns the new length. */
static size_t put_utf8(char *dst, size_t size, size_t o, uint32_t c)
{
	unsigned char b[4];
	size_t n, i;

	if (c < 0x80) {
		b[0] = (unsigned char)c, n = 1;
	} else if (c < 0x800) {
		b[0] = (unsigned char)(0xc0 | c >> 6);
		b[1] = (unsigned char)(0x80 | (c & 0x3f)), n = 2;
	} else if (c < 0x10000) {
		b[0] = (unsigned char)(0xe0 | c >> 12);
		b[1] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		b[2] = (unsigned char)(0x80 | (c & 0x3f)), n = 3;
	} else {
		b[0] = (unsigned char)(0xf0 | c >> 18);
		b[1] = (unsigned char)(0x80 | (c >> 12 & 0x3f));
		b[2] = (unsigned char)(0x80 | (c >> 6 & 0x3f));
		b[3] = (unsigned char)(0x80 | (c & 0x3f)), n = 4;
	}
	if (o + n >= size)
		return o;
	for (i = 0; i < n; i++)
		dst[o + i] = (char)b[i];
	return o + n;
}

size_t probe_utf16_to_utf8(char *dst, size_t size, const unsigned char *src,
			   size_t n, int big_endian)
{
	size_t i, o = 0;

	if (!size)
		return 0;
	for (i = 0; i + 1 < n; i += 2) {
		uint32_t c =
			big_endian ? probe_be16(src + i) : probe_le16(src + i);

		if (!c)
			break;
		if (c >= 0xd800 && c < 0xdc00 && i + 3 < n) {
			uint32_t lo = big_endian ? probe_be16(src + i + 2)
						 : probe_le16(src + i + 2);

			if (lo >= 0xdc00 && lo < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (lo - 0xdc00);
				i += 2;
			} else {
				c = 0xfffd;
			}
		} else if (c >= 0xd800 && c < 0xe000) {
			c = 0xfffd; /* an unpaired surrogate */
		}
		o = put_utf8(dst, size, o, c);
	}
	dst[o] = '\0';
	rtrim(dst);
	return strlen(dst);
}

void probe_set_type(struct probe_result *r, const char *type,
		    enum probe_usage usage)
{
	snprintf(r->type, sizeof(r->type), "%s", type);
	r->usage = usage;
}

int probe_read(const struct probe_dev *dev, uint64_t off, void *buf, size_t len)
{
	if (off > dev->size || len > dev->size - off)
		return -ENOENT;
	return dev->read(dev->ctx, off, buf, len);
}
