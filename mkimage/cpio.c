/* cpio.c - the image's files and the newc archive, written
 * deterministically: the same entries give the same bytes */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "mkimage.h"

static struct entry *find(struct image *im, const char *path)
{
	int i;

	for (i = im->n - 1; i >= 0; i--)
		if (!strcmp(im->e[i].path, path))
			return &im->e[i];
	return NULL;
}

static int add_parents(struct image *im, const char *path);

static int entry_at(struct image *im, const char *path, mode_t mode,
		    struct entry **out);

/* The entry for path, new or (for a non-directory) replaced.  A
 * directory is never replaced by anything else, nor the reverse: what it
 * holds would be cut off (-EISDIR, -ENOTDIR, with a message). */
static int entry_for(struct image *im, const char *path, mode_t mode,
		     struct entry **out)
{
	char clean[PATH_MAX];
	int r;

	/* Every name in the archive is clean: no "..", "." or "//" for an
	 * unpacker to follow out of its directory. */
	r = image_path_clean(path, clean, sizeof(clean));
	if (r == -EINVAL)
		say("%s: '..' has no place in the image", path);
	if (r)
		return r == -ENOENT ? -EINVAL : r;
	return entry_at(im, clean, mode, out);
}

/* entry_for for a clean path. */
static int entry_at(struct image *im, const char *path, mode_t mode,
		    struct entry **out)
{
	struct entry *e;
	int r;

	r = add_parents(im, path);
	if (r)
		return r;
	e = find(im, path);
	if (e && S_ISDIR(e->mode) != S_ISDIR(mode)) {
		say("%s: is a %s in the image; a %s cannot replace it", path,
		    S_ISDIR(e->mode) ? "directory" : "file",
		    S_ISDIR(mode) ? "directory" : "file");
		return S_ISDIR(e->mode) ? -EISDIR : -ENOTDIR;
	}
	if (e) {
		*out = e;
		if (S_ISDIR(mode))
			return 0;
		buf_free(&e->data);
	} else {
		if (im->n == im->cap) {
			int cap = im->cap ? im->cap * 2 : 256;
			struct entry *p = realloc(im->e, cap * sizeof(*p));

			if (!p)
				return -ENOMEM;
			im->e = p;
			im->cap = cap;
		}
		e = &im->e[im->n++];
		memset(e, 0, sizeof(*e));
		e->path = strdup(path);
		if (!e->path) {
			im->n--;
			return -ENOMEM;
		}
	}
	e->mode = mode;
	*out = e;
	return 0;
}

static int add_parents(struct image *im, const char *path)
{
	char dir[PATH_MAX], *slash;
	struct entry *e;

	if (strlen(path) >= sizeof(dir))
		return -ENAMETOOLONG;
	strcpy(dir, path);
	slash = strrchr(dir, '/');
	if (!slash)
		return 0;
	*slash = '\0';
	e = find(im, dir);
	if (e && !S_ISDIR(e->mode)) {
		say("%s: is a file in the image; %s cannot go below it", dir,
		    path);
		return -ENOTDIR;
	}
	return e ? 0 : entry_at(im, dir, S_IFDIR | 0755, &e);
}

int image_path_clean(const char *in, char *out, size_t size)
{
	size_t n = 0;

	while (*in) {
		size_t len = strcspn(in, "/");

		if (len == 2 && !strncmp(in, "..", 2))
			return -EINVAL;
		if (len && !(len == 1 && *in == '.')) {
			if (n + !!n + len >= size)
				return -ENAMETOOLONG;
			if (n)
				out[n++] = '/';
			memcpy(out + n, in, len);
			n += len;
		}
		in += len;
		in += strspn(in, "/");
	}
	if (!n)
		return -ENOENT;
	out[n] = '\0';
	return 0;
}

int image_add_dir(struct image *im, const char *path, mode_t perm)
{
	struct entry *e;

	return entry_for(im, path, S_IFDIR | perm, &e);
}

int image_add_file(struct image *im, const char *path, mode_t perm,
		   struct buf *data)
{
	struct entry *e;
	int r = entry_for(im, path, S_IFREG | perm, &e);

	if (r)
		return r;
	e->data = *data;
	memset(data, 0, sizeof(*data));
	return 0;
}

int image_add_symlink(struct image *im, const char *path, const char *target)
{
	struct entry *e;
	int r = entry_for(im, path, S_IFLNK | 0777, &e);

	return r ? r : buf_add(&e->data, target, strlen(target));
}

int image_add_node(struct image *im, const char *path, mode_t mode,
		   unsigned major, unsigned minor)
{
	struct entry *e;
	int r = entry_for(im, path, mode, &e);

	if (r)
		return r;
	e->rmajor = major;
	e->rminor = minor;
	return 0;
}

int image_add_host(struct image *im, const char *src, const char *dst)
{
	struct stat st;
	struct buf b = { 0 };
	int r;

	if (lstat(src, &st) < 0)
		return -errno;
	if (S_ISLNK(st.st_mode)) {
		char target[PATH_MAX];
		ssize_t n = readlink(src, target, sizeof(target) - 1);

		if (n < 0)
			return -errno;
		target[n] = '\0';
		return image_add_symlink(im, dst, target);
	}
	if (S_ISREG(st.st_mode)) {
		if ((unsigned long long)st.st_size > CPIO_MAX_SIZE) {
			say("%s: %lld bytes; a newc archive holds files below "
			    "4 GiB",
			    src, (long long)st.st_size);
			return -EFBIG;
		}
		r = buf_read_file(&b, src);
		if (r == 0)
			r = image_add_file(im, dst, st.st_mode & 07777, &b);
		buf_free(&b);
		return r;
	}
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		return image_add_node(im, dst, st.st_mode, major(st.st_rdev),
				      minor(st.st_rdev));
	if (S_ISDIR(st.st_mode)) {
		struct dirent **names;
		int i, n;

		r = image_add_dir(im, dst, st.st_mode & 07777);
		n = scandir(src, &names, NULL, alphasort);
		if (n < 0)
			return -errno;
		for (i = 0; i < n; i++) {
			char s[PATH_MAX], d[PATH_MAX];
			const char *nm = names[i]->d_name;

			if (r == 0 && strcmp(nm, ".") && strcmp(nm, "..")) {
				if (snprintf(s, sizeof(s), "%s/%s", src, nm) >=
					    (int)sizeof(s) ||
				    snprintf(d, sizeof(d), "%s/%s", dst, nm) >=
					    (int)sizeof(d))
					r = -ENAMETOOLONG;
				else
					r = image_add_host(im, s, d);
			}
			free(names[i]);
		}
		free(names);
		return r;
	}
	return -EINVAL; /* sockets and fifos have no place in an image */
}

void image_free(struct image *im)
{
	int i;

	for (i = 0; i < im->n; i++) {
		free(im->e[i].path);
		buf_free(&im->e[i].data);
	}
	free(im->e);
	memset(im, 0, sizeof(*im));
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct entry *)a)->path,
		      ((const struct entry *)b)->path);
}

static int pad4(struct buf *out)
{
	static const char zero[4];

	return buf_add(out, zero, (4 - out->len % 4) % 4);
}

static int header(struct buf *out, unsigned ino, unsigned mode, unsigned nlink,
		  unsigned long mtime, size_t size, unsigned rmaj,
		  unsigned rmin, const char *name)
{
	size_t namesize = strlen(name) + 1;
	int r;

	r = buf_printf(out,
		       "070701%08X%08X%08X%08X%08X%08lX%08zX%08X%08X%08X%08X"
		       "%08zX%08X",
		       ino, mode, 0, 0, nlink, mtime, size, 0, 0, rmaj, rmin,
		       namesize, 0);
	if (r == 0)
		r = buf_add(out, name, namesize);
	return r ? r : pad4(out);
}

int image_write_cpio(struct image *im, unsigned long mtime, struct buf *out)
{
	size_t total = 512;
	int i, r = 0;

	if (mtime > CPIO_MAX_SIZE)
		return -ERANGE;
	/* One allocation for the whole archive: no copies as it grows. */
	for (i = 0; i < im->n; i++) {
		if (im->e[i].data.len > CPIO_MAX_SIZE) {
			say("%s: %zu bytes; a newc archive holds files below "
			    "4 GiB",
			    im->e[i].path, im->e[i].data.len);
			return -EFBIG;
		}
		total += 120 + strlen(im->e[i].path) + im->e[i].data.len + 8;
	}
	if (buf_reserve(out, total))
		return -ENOMEM;
	/* Sorted, a directory comes before what it holds: the kernel
	 * creates no parents while it unpacks. */
	qsort(im->e, (size_t)im->n, sizeof(*im->e), cmp_entry);
	for (i = 0; i < im->n && r == 0; i++) {
		struct entry *e = &im->e[i];
		int has_data = S_ISREG(e->mode) || S_ISLNK(e->mode);

		r = header(out, (unsigned)i + 1, e->mode,
			   S_ISDIR(e->mode) ? 2 : 1, mtime,
			   has_data ? e->data.len : 0, e->rmajor, e->rminor,
			   e->path);
		if (r == 0 && has_data)
			r = buf_add(out, e->data.p, e->data.len);
		if (r == 0)
			r = pad4(out);
	}
	if (r == 0)
		r = header(out, 0, 0, 1, 0, 0, 0, 0, "TRAILER!!!");
	return r;
}
