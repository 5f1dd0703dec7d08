/* fuzzdev.h - the device the probe harnesses fuzz: a disk of any size,
 * up to 16 TiB, that holds the fuzzer's bytes at its start and its end
 * and zeros between.  md 0.90/1.0 superblocks and the GPT backup header
 * sit at the end of a disk, so a fuzzer that can only grow a buffer from
 * byte 0 would never reach them on a disk of realistic size.
 *
 * Input layout (little endian):
 *
 *   bytes 0..7    the device size in bytes (modulo 16 TiB; never less
 *                 than the head and the tail together)
 *   bytes 8..11   how many of the bytes that follow are the head
 *   bytes 12..    the head (at offset 0), then the tail (at size - its
 *                 length)
 *
 * An input shorter than 12 bytes is a device of exactly those bytes.
 * tests/fuzz/seeds.sh writes real images in this form. */
#ifndef NEWROOT_FUZZDEV_H
#define NEWROOT_FUZZDEV_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe/probe.h"

#define FUZZDEV_HDR 12
#define FUZZDEV_MAX_SIZE (1ULL << 44)

struct fuzzdev {
	const uint8_t *head, *tail;
	size_t head_len, tail_len;
	uint64_t size;
};

/* Copy the part of [lo, lo + n) that falls in [off, off + len) into buf,
 * which holds the device bytes from off. */
static inline void fuzzdev_copy(uint8_t *buf, uint64_t off, size_t len,
				const uint8_t *src, uint64_t lo, size_t n)
{
	uint64_t a = off > lo ? off : lo;
	uint64_t b = off + len < lo + n ? off + len : lo + n;

	if (a < b)
		memcpy(buf + (a - off), src + (a - lo), (size_t)(b - a));
}

static inline int fuzzdev_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	const struct fuzzdev *d = ctx;

	if (off > d->size || len > d->size - off)
		return -EIO;
	memset(buf, 0, len);
	fuzzdev_copy(buf, off, len, d->head, 0, d->head_len);
	fuzzdev_copy(buf, off, len, d->tail, d->size - d->tail_len,
		     d->tail_len);
	return 0;
}

static inline uint64_t fuzzdev_le(const uint8_t *p, int n)
{
	uint64_t v = 0;

	while (n--)
		v = v << 8 | p[n];
	return v;
}

static inline void fuzzdev_init(struct probe_dev *dev, struct fuzzdev *d,
				const uint8_t *data, size_t size)
{
	if (size < FUZZDEV_HDR) {
		d->head = data;
		d->head_len = size;
		d->tail = data + size;
		d->tail_len = 0;
		d->size = size;
	} else {
		size_t n = size - FUZZDEV_HDR;
		uint64_t h = fuzzdev_le(data + 8, 4);

		d->head = data + FUZZDEV_HDR;
		d->head_len = h < n ? (size_t)h : n;
		d->tail = d->head + d->head_len;
		d->tail_len = n - d->head_len;
		d->size = fuzzdev_le(data, 8) % FUZZDEV_MAX_SIZE;
		if (d->size < n)
			d->size = n;
	}
	dev->read = fuzzdev_read;
	dev->ctx = d;
	dev->size = d->size;
}

/* Under FUZZ_SHOW=1, say what each input was recognised as
 * (tests/fuzz/run.sh checks the seeds reach every probe). */
static inline void fuzzdev_show(const char *harness, const char *type)
{
	static int show = -1;

	if (show < 0)
		show = getenv("FUZZ_SHOW") != NULL;
	if (show)
		fprintf(stderr, "%s: TYPE=%s\n", harness, type);
}

#endif
