/* compress.c - the image's compressors (zstd, gzip, xz, lz4 legacy) and
 * the decompressors --list and module decompression need */
#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include "mkimage.h"
#include "modindex.h"

static const char *const names[] = { "none", "zstd", "gzip", "xz", "lz4" };

int comp_from_name(const char *name, enum comp *c)
{
	unsigned i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i])) {
			*c = (enum comp)i;
			return 0;
		}
	return -EINVAL;
}

const char *comp_name(enum comp c)
{
	return names[c];
}

/* Level 19 costs seconds for a few percent.  Level 9 with smaller match
 * tables (hashLog, chainLog 18: 2 MiB to clear instead of 24) keeps
 * nearly all of level 9's ratio on modules at a third of its time, and
 * costs nothing on .ko.xz payloads, which no level shrinks. */
#define ZSTD_LEVEL 9
#define ZSTD_TABLE_LOG 18
/* Two workers on two cores; the output does not depend on their number
 * (zstd guarantees it for nbWorkers >= 1). */
#define ZSTD_WORKERS 2

static int zstd_compress(const struct buf *in, struct buf *out)
{
	size_t bound = ZSTD_compressBound(in->len), n;
	ZSTD_CCtx *cc = ZSTD_createCCtx();

	if (!cc)
		return -ENOMEM;
	out->len = 0;
	if (buf_reserve(out, bound)) {
		ZSTD_freeCCtx(cc);
		return -ENOMEM;
	}
	ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, ZSTD_LEVEL);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_hashLog, ZSTD_TABLE_LOG);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_chainLog, ZSTD_TABLE_LOG);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_nbWorkers, ZSTD_WORKERS);
	/* The kernel needs the checksum off or on, either works; the
	 * content size lets it decompress in one go. */
	ZSTD_CCtx_setParameter(cc, ZSTD_c_checksumFlag, 1);
	n = ZSTD_compress2(cc, out->p, bound, in->p, in->len);
	ZSTD_freeCCtx(cc);
	if (ZSTD_isError(n)) {
		say("zstd: %s", ZSTD_getErrorName(n));
		return -EIO;
	}
	out->len = n;
	return 0;
}

static int gzip_compress(const struct buf *in, struct buf *out)
{
	z_stream z;
	uLong bound;
	int r;

	memset(&z, 0, sizeof(z));
	/* windowBits 15 + 16: a gzip header with no name and mtime 0. */
	if (deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY))
		return -ENOMEM;
	bound = deflateBound(&z, in->len);
	out->len = 0;
	if (buf_reserve(out, bound)) {
		deflateEnd(&z);
		return -ENOMEM;
	}
	z.next_in = in->p;
	z.avail_in = in->len;
	z.next_out = out->p;
	z.avail_out = bound;
	r = deflate(&z, Z_FINISH);
	out->len = z.total_out;
	deflateEnd(&z);
	if (r != Z_STREAM_END) {
		say("gzip: deflate failed (%d)", r);
		return -EIO;
	}
	return 0;
}

static int xz_compress(const struct buf *in, struct buf *out)
{
	size_t bound = lzma_stream_buffer_bound(in->len), pos = 0;
	lzma_ret r;

	out->len = 0;
	if (buf_reserve(out, bound))
		return -ENOMEM;
	/* The kernel's xz decoder checks CRC32 or nothing: not CRC64. */
	r = lzma_easy_buffer_encode(6, LZMA_CHECK_CRC32, NULL, in->p, in->len,
				    out->p, &pos, bound);
	if (r != LZMA_OK) {
		say("xz: encoder failed (%d)", (int)r);
		return -EIO;
	}
	out->len = pos;
	return 0;
}

/* Run argv with in as its standard input; its standard output goes to
 * out. */
static int run_filter(char *const argv[], const unsigned char *in, size_t len,
		      struct buf *out)
{
	int mfd = memfd_create("newroot-mkimage", MFD_CLOEXEC), p[2], st;
	size_t off = 0;
	pid_t pid;

	if (mfd < 0)
		return -errno;
	while (off < len) {
		ssize_t n = write(mfd, in + off, len - off);

		if (n <= 0) {
			close(mfd);
			return -EIO;
		}
		off += (size_t)n;
	}
	lseek(mfd, 0, SEEK_SET);
	if (pipe2(p, O_CLOEXEC) < 0) {
		close(mfd);
		return -errno;
	}
	pid = fork();
	if (pid == 0) {
		dup2(mfd, 0);
		dup2(p[1], 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(mfd);
	close(p[1]);
	for (;;) {
		unsigned char tmp[65536];
		ssize_t n = read(p[0], tmp, sizeof(tmp));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (buf_add(out, tmp, (size_t)n))
			break;
	}
	close(p[0]);
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		return -ECHILD;
	if (!WIFEXITED(st) || WEXITSTATUS(st)) {
		say("%s failed (%s %d)%s", argv[0],
		    WIFEXITED(st) ? "exit status" : "signal",
		    WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st),
		    WIFEXITED(st) && WEXITSTATUS(st) == 127
			    ? "; install the lz4 package"
			    : "");
		return -EIO;
	}
	return 0;
}

int compress_buf(enum comp c, const struct buf *in, struct buf *out)
{
	/* The kernel reads only the legacy lz4 frame format (lz4 -l). */
	static char *const lz4[] = { "lz4", "-l", "-9", "-q", "-c", NULL };

	out->len = 0;
	switch (c) {
	case COMP_NONE:
		return buf_add(out, in->p, in->len);
	case COMP_ZSTD:
		return zstd_compress(in, out);
	case COMP_GZIP:
		return gzip_compress(in, out);
	case COMP_XZ:
		return xz_compress(in, out);
	case COMP_LZ4:
		return run_filter(lz4, in->p, in->len, out);
	}
	return -EINVAL;
}

static int zstd_decompress(const unsigned char *p, size_t len, struct buf *out,
			   size_t *used)
{
	ZSTD_DStream *ds = ZSTD_createDStream();
	ZSTD_inBuffer ib = { p, len, 0 };
	size_t r = 1;

	if (!ds)
		return -ENOMEM;
	while (r != 0 && ib.pos < ib.size) {
		ZSTD_outBuffer ob;

		if (out->cap - out->len < 65536 && buf_reserve(out, 1 << 20))
			break;
		ob.dst = out->p + out->len;
		ob.size = out->cap - out->len;
		ob.pos = 0;
		r = ZSTD_decompressStream(ds, &ob, &ib);
		out->len += ob.pos;
		if (ZSTD_isError(r)) {
			say("zstd: %s", ZSTD_getErrorName(r));
			ZSTD_freeDStream(ds);
			return -EINVAL;
		}
	}
	ZSTD_freeDStream(ds);
	*used = ib.pos;
	return r == 0 ? 0 : -EINVAL;
}

static int gzip_decompress(const unsigned char *p, size_t len, struct buf *out,
			   size_t *used)
{
	z_stream z;
	int r = Z_OK;

	memset(&z, 0, sizeof(z));
	if (inflateInit2(&z, 15 + 32))
		return -ENOMEM;
	z.next_in = (unsigned char *)p;
	z.avail_in = len;
	while (r == Z_OK) {
		unsigned char tmp[65536];

		z.next_out = tmp;
		z.avail_out = sizeof(tmp);
		r = inflate(&z, Z_NO_FLUSH);
		if (buf_add(out, tmp, sizeof(tmp) - z.avail_out))
			r = Z_MEM_ERROR;
		if (r == Z_BUF_ERROR && z.avail_in == 0)
			break;
	}
	*used = z.total_in;
	inflateEnd(&z);
	return r == Z_STREAM_END ? 0 : -EINVAL;
}

static int xz_decompress(const unsigned char *p, size_t len, struct buf *out,
			 size_t *used)
{
	lzma_stream s = LZMA_STREAM_INIT;
	lzma_ret r;

	if (lzma_stream_decoder(&s, UINT64_MAX, 0) != LZMA_OK)
		return -ENOMEM;
	s.next_in = p;
	s.avail_in = len;
	do {
		unsigned char tmp[65536];

		s.next_out = tmp;
		s.avail_out = sizeof(tmp);
		r = lzma_code(&s, LZMA_FINISH);
		if (buf_add(out, tmp, sizeof(tmp) - s.avail_out))
			r = LZMA_MEM_ERROR;
	} while (r == LZMA_OK);
	*used = (size_t)s.total_in;
	lzma_end(&s);
	return r == LZMA_STREAM_END ? 0 : -EINVAL;
}

int decompress_auto(const unsigned char *p, size_t len, struct buf *out,
		    size_t *used)
{
	static const unsigned char zst[] = { 0x28, 0xb5, 0x2f, 0xfd };
	static const unsigned char gz[] = { 0x1f, 0x8b };
	static const unsigned char xz[] = { 0xfd, '7', 'z', 'X', 'Z', 0 };
	static const unsigned char lz4l[] = { 0x02, 0x21, 0x4c, 0x18 };
	static char *const lz4[] = { "lz4", "-d", "-q", "-c", NULL };

	*used = 0;
	if (len >= 4 && !memcmp(p, zst, 4))
		return zstd_decompress(p, len, out, used);
	if (len >= 2 && !memcmp(p, gz, 2))
		return gzip_decompress(p, len, out, used);
	if (len >= 6 && !memcmp(p, xz, 6))
		return xz_decompress(p, len, out, used);
	if (len >= 4 && !memcmp(p, lz4l, 4))
		return run_filter(lz4, p, len, out); /* takes it all */
	return -EINVAL;
}
