/* mkimage.h - newroot-mkimage's parts: growing buffers, the cpio writer,
 * compressors, and the module closure computed with libkmod */
#ifndef NEWROOT_MKIMAGE_H
#define NEWROOT_MKIMAGE_H

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <sys/types.h>

/* Messages: "newroot-mkimage: ..." on stderr. */
void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
extern int verbose;

struct buf {
	unsigned char *p;
	size_t len, cap;
	int map; /* 0 malloc, BUF_ANON or BUF_FILE mapping */
};

#define BUF_ANON 1
#define BUF_FILE 2

/* Room for n more bytes; 0 or -ENOMEM. */
int buf_reserve(struct buf *b, size_t n);
int buf_add(struct buf *b, const void *data, size_t n);
int buf_printf(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);
/* Read a whole file (mapped: the contents are read-only until the
 * buffer grows); 0 or -errno. */
int buf_read_file(struct buf *b, const char *path);

/* ---- the archive ---- */
struct entry {
	char *path; /* in the image, no leading '/' */
	mode_t mode; /* type and permissions */
	unsigned rmajor, rminor; /* device nodes */
	struct buf data; /* file contents, or a symlink's target */
};

struct image {
	struct entry *e;
	int n, cap;
};

/* A path in the image as entries name it: no leading '/', "//" and "."
 * collapsed; -EINVAL for a ".." component, -ENOENT when nothing is
 * left, -ENAMETOOLONG when out (size bytes) is too small. */
int image_path_clean(const char *in, char *out, size_t size);

/* Each adds the missing parent directories (0755) too.  A file added
 * twice keeps the last contents; a directory is never replaced by a
 * non-directory nor the reverse (-EISDIR, -ENOTDIR, with a message).
 * data is taken over (freed later). */
int image_add_dir(struct image *im, const char *path, mode_t perm);
int image_add_file(struct image *im, const char *path, mode_t perm,
		   struct buf *data);
int image_add_symlink(struct image *im, const char *path, const char *target);
int image_add_node(struct image *im, const char *path, mode_t mode,
		   unsigned major, unsigned minor);
/* Add a file, symlink or directory tree from the host; 0 or -errno. */
int image_add_host(struct image *im, const char *src, const char *dst);
void image_free(struct image *im);

/* Every number in a newc header is 8 hex digits: file sizes and the
 * mtime stay at or below this. */
#define CPIO_MAX_SIZE 0xffffffffUL

/* The newc archive: entries sorted by path, inode numbers 1, 2, ... in
 * that order, uid/gid 0, every mtime = mtime, then TRAILER!!!.  -EFBIG
 * (with a message) for a file of 4 GiB or more, -ERANGE for an mtime
 * past CPIO_MAX_SIZE. */
int image_write_cpio(struct image *im, unsigned long mtime, struct buf *out);

/* Which permission bits the image may have given what it holds: a file
 * or directory not readable by others (a key) takes those bits away. */
mode_t image_mode_limit(const struct image *im);

/* ---- the output file ---- */
struct output {
	const char *name; /* as given (-o) */
	char path[PATH_MAX]; /* what is replaced: symlinks followed */
	mode_t mode; /* the replaced file's, or 0666 & ~umask */
	int fd; /* the temporary file */
};

/* Create the temporary file beside the output (removed at exit and on
 * SIGINT, SIGTERM, SIGHUP); 0 or -errno with the message printed. */
int output_open(struct output *out, const char *name);
/* Write p, set the mode (out->mode & limit), fsync, rename over the
 * output, fsync its directory; 0 or -errno with the message printed. */
int output_commit(struct output *out, const unsigned char *p, size_t len,
		  mode_t limit);
void output_abort(struct output *out);

/* ---- compression ---- */
enum comp { COMP_NONE, COMP_ZSTD, COMP_GZIP, COMP_XZ, COMP_LZ4 };

int comp_from_name(const char *name, enum comp *c);
const char *comp_name(enum comp c);
/* 0 or -errno; messages are printed here. */
int compress_buf(enum comp c, const struct buf *in, struct buf *out);
/* Decompress data whose format is told by its magic bytes (zstd, gzip,
 * xz, lz4 legacy); *used gets how many input bytes one stream took
 * (0 when unknown: the whole input).  -EINVAL for an unknown magic. */
int decompress_auto(const unsigned char *p, size_t len, struct buf *out,
		    size_t *used);

/* ---- modules ---- */
struct kmod_ctx;

struct kmodule {
	char *name; /* as the kernel calls it ('_') */
	char *src; /* file on the host; NULL when built in */
	char *dst; /* path in the image */
	char *deps, *pre, *post; /* comma lists in load order */
	char *options;
	int load; /* named on request: load at boot */
	int state; /* 0 new, 1 visiting, 2 done */
};

struct modset {
	struct kmod_ctx *ctx;
	char *moddir; /* BASEDIR/lib/modules/KVER */
	char *basedir;
	char *kver;
	int keep_compressed; /* the kernel decompresses: keep .ko.xz */
	char kernel_comp[8]; /* "xz", "zstd", "gzip" or "" */
	int have_firmware; /* BASEDIR/lib/firmware exists */
	int in_place; /* index the tree's files as they are: copy none */
	struct kmodule *m;
	int n, cap;
	char **load; /* names, in load order */
	int n_load, cap_load;
	char **firmware; /* names below lib/firmware */
	int n_fw, cap_fw;
};

/* 0, or -errno with the message printed. */
int modset_open(struct modset *s, const char *basedir, const char *kver,
		int decompress);
/* Add a module by name or alias with its whole closure; with MODSET_LOAD
 * the init loads it at boot (otherwise coldplug and the root's filesystem
 * type do).  -ENOENT (with a message unless MODSET_QUIET) for an unknown
 * module. */
#define MODSET_LOAD 1
#define MODSET_QUIET 2
int modset_add(struct modset *s, const char *name, int flags);
/* Add every module file of the tree (as modules.dep lists them). */
int modset_add_tree(struct modset *s);
/* Add the files and the index to the image; with s->in_place only the
 * index, naming the files where they are below BASEDIR. */
int modset_emit(struct modset *s, struct image *im);
void modset_close(struct modset *s);

/* The filesystem type of this machine's /; 0 or -errno (said). */
int host_root_type(char *type, size_t size);

/* --with fsck (with.c): util-linux fsck and the checkers, with their
 * libraries; with host_only also this machine's root and /usr checkers
 * (and without fsck, those alone when this machine has them).  0, or
 * -errno with the message printed. */
int with_fsck(struct image *im, int fsck, int host_only);

#endif
