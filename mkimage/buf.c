/* buf.c - growing byte buffers and messages for newroot-mkimage */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mkimage.h"

int verbose;

void say(const char *fmt, ...)
{
	va_list ap;

	fputs("newroot-mkimage: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/*
 * Big buffers (the archive, its compressed form) are mappings filled in
 * one go (MADV_POPULATE_WRITE): in a virtual machine every page fault
 * traps to the host, and faulting 20 MiB page by page took a third of
 * the build.
 */
#define BUF_BIG (1u << 20)

static void populate(unsigned char *p, size_t len)
{
#ifdef MADV_POPULATE_WRITE
	madvise(p, len, MADV_POPULATE_WRITE); /* best effort */
#else
	(void)p;
	(void)len;
#endif
}

int buf_reserve(struct buf *b, size_t n)
{
	size_t cap = b->cap ? b->cap : 4096;
	unsigned char *p;

	if (b->len + n <= b->cap)
		return 0;
	while (cap < b->len + n)
		cap *= 2;
	if (cap < BUF_BIG && !b->map) {
		p = realloc(b->p, cap);
		if (!p)
			return -ENOMEM;
	} else if (b->map == BUF_ANON) {
		p = mremap(b->p, b->cap, cap, MREMAP_MAYMOVE);
		if (p == MAP_FAILED)
			return -ENOMEM;
		populate(p + b->cap, cap - b->cap);
	} else {
		p = mmap(NULL, cap, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			return -ENOMEM;
		populate(p, cap);
		if (b->len)
			memcpy(p, b->p, b->len);
		if (b->map == BUF_FILE)
			munmap(b->p, b->cap);
		else
			free(b->p);
		b->map = BUF_ANON;
	}
	b->p = p;
	b->cap = cap;
	return 0;
}

int buf_add(struct buf *b, const void *data, size_t n)
{
	if (buf_reserve(b, n))
		return -ENOMEM;
	if (n)
		memcpy(b->p + b->len, data, n);
	b->len += n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_reserve(b, (size_t)n + 1))
		return -ENOMEM;
	va_start(ap, fmt);
	vsnprintf((char *)b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

void buf_free(struct buf *b)
{
	if (b->map && b->p)
		munmap(b->p, b->cap);
	else
		free(b->p);
	memset(b, 0, sizeof(*b));
}

int buf_read_file(struct buf *b, const char *path)
{
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC), e;

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		goto fail;
	/* A file into an empty buffer is mapped, read ahead in one go. */
	if (!b->cap && S_ISREG(st.st_mode) && st.st_size > 0) {
		void *p = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_POPULATE, fd, 0);

		if (p != MAP_FAILED) {
			close(fd);
			b->p = p;
			b->len = b->cap = (size_t)st.st_size;
			b->map = BUF_FILE;
			return 0;
		}
	}
	if (buf_reserve(b, (size_t)st.st_size + 1)) {
		close(fd);
		return -ENOMEM;
	}
	for (;;) {
		ssize_t n;

		/* Sized from fstat: grows only for files that grow. */
		if (b->len == b->cap && buf_reserve(b, 65536)) {
			close(fd);
			return -ENOMEM;
		}
		n = read(fd, b->p + b->len, b->cap - b->len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			goto fail;
		if (n == 0)
			break;
		b->len += (size_t)n;
	}
	close(fd);
	return 0;
fail:
	e = -errno;
	close(fd);
	return e;
}
