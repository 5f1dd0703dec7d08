/* cpioread.h - reading newc archives from a buffer: the reader behind
 * newroot-mkimage --list, and a fuzz target (tests/fuzz) */
#ifndef NEWROOT_CPIOREAD_H
#define NEWROOT_CPIOREAD_H

#include <stddef.h>
#include <stdint.h>

struct cpio_entry {
	const char *name; /* NUL-terminated, inside the buffer */
	unsigned mode; /* type and permissions */
	uint32_t size; /* bytes of data (a symlink's target) */
	unsigned rmajor, rminor; /* device nodes */
	const uint8_t *data; /* size bytes, inside the buffer */
};

/* Called once per entry (the trailer excepted); a non-zero return stops
 * the walk and is returned by cpio_list. */
typedef int (*cpio_entry_fn)(const struct cpio_entry *e, void *ctx);

/* How deep compressed archives may nest inside each other.  An image is
 * a plain archive (early microcode) followed by a compressed one; more
 * than a few levels is a crafted file, not an image. */
#define CPIO_MAX_DEPTH 4

/*
 * Walk an image: newc archives one after the other, each plain or
 * compressed (zstd, gzip, xz, lz4 legacy), with zero padding between
 * them.  depth is 0 for the caller; each compressed archive is walked
 * at depth + 1.  Returns 0, -EINVAL for a damaged or unknown archive,
 * -ELOOP when compressed archives nest deeper than CPIO_MAX_DEPTH,
 * -ENOMEM, or the callback's non-zero return.  Never reads outside
 * buf[0..len).
 */
int cpio_list(const uint8_t *buf, size_t len, cpio_entry_fn fn, void *ctx,
	      int depth);

/* A cpio_entry_fn printing one line as cpio -tv does to the FILE *
 * ctx; control bytes in names are escaped as \ooo. */
int cpio_print_entry(const struct cpio_entry *e, void *file);

/* Exactly 8 hex digits (no sign, space or 0x) into *v; 0 or -EINVAL. */
int cpio_hex8(const uint8_t *p, uint32_t *v);

#endif
