/* switch_path.c - paths inside the new root, and which directories are mounts
 *
 * Nothing here changes anything: it answers where a path leads inside a
 * tree (as if that tree were "/") and whether a directory is a mount.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "switch_path.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 02000000
#endif

#define MAX_LINKS 40
#define PATH_LEN SWITCH_PATH_LEN

const char *const switch_fallback_inits[] = { "/sbin/init", "/etc/init",
					      "/bin/init", "/bin/sh", NULL };

/* Append one component to a relative path ("." is the empty path). */
static int path_push(char *out, size_t outlen, const char *name, size_t n)
{
	size_t l = strcmp(out, ".") ? strlen(out) : 0;

	if (l + (l > 0) + n + 1 > outlen)
		return -ENAMETOOLONG;
	if (l)
		out[l++] = '/';
	memcpy(out + l, name, n);
	out[l + n] = '\0';
	return 0;
}

static void path_pop(char *out)
{
	char *s = strrchr(out, '/');

	if (s)
		*s = '\0';
	else
		strcpy(out, ".");
}

int switch_resolve_in_root(int rootfd, const char *path, char *out,
			   size_t outlen)
{
	/* rest holds what is left to walk; a link's target is put in front
	 * of it. */
	char rest[PATH_LEN], link[PATH_LEN], tmp[PATH_LEN];
	struct stat st;
	const char *p;
	size_t n;
	ssize_t ln;
	int hops = 0, r;

	if (outlen < 2)
		return -ENAMETOOLONG;
	if (strlen(path) >= sizeof(rest))
		return -ENAMETOOLONG;
	strcpy(rest, path);
	strcpy(out, ".");
	p = rest;
	for (;;) {
		while (*p == '/')
			p++;
		if (!*p)
			return 0;
		n = strcspn(p, "/");
		if (n == 1 && p[0] == '.') {
			p += n;
			continue;
		}
		if (n == 2 && p[0] == '.' && p[1] == '.') {
			path_pop(out);
			p += n;
			continue;
		}
		r = path_push(out, outlen, p, n);
		if (r < 0)
			return r;
		p += n;
		if (fstatat(rootfd, out, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			return -errno;
		}
		if (S_ISLNK(st.st_mode)) {
			if (++hops > MAX_LINKS)
				return -ELOOP;
			ln = readlinkat(rootfd, out, link, sizeof(link) - 1);
			if (ln < 0)
				return -errno;
			link[ln] = '\0';
			if (link[0] == '/')
				strcpy(out, ".");
			else
				path_pop(out);
			n = strlen(p);
			if ((size_t)ln + 1 + n + 1 > sizeof(tmp))
				return -ENAMETOOLONG;
			memcpy(tmp, link, ln);
			tmp[ln] = '/';
			memcpy(tmp + ln + 1, p, n + 1);
			memcpy(rest, tmp, ln + n + 2);
			p = rest;
			continue;
		}
		while (*p == '/')
			p++;
		if (*p && !S_ISDIR(st.st_mode))
			return -ENOTDIR;
	}
}

int switch_check_exec(int rootfd, const char *rel, const char **why)
{
	struct stat st;

	if (fstatat(rootfd, rel, &st, 0) < 0) {
		*why = strerror(errno);
		return -errno;
	}
	if (S_ISDIR(st.st_mode)) {
		*why = "is a directory, not a program";
		return -EISDIR;
	}
	if (!S_ISREG(st.st_mode)) {
		*why = "is not a regular file";
		return -EINVAL;
	}
	if (!(st.st_mode & 0111)) {
		*why = "has no execute permission";
		return -EACCES;
	}
	return 0;
}

int switch_abs_path(const char *path, char *out, size_t outlen)
{
	char full[PATH_LEN], rel[PATH_LEN];
	int fd, r;

	if (path[0] == '/') {
		if (strlen(path) >= sizeof(full))
			return -ENAMETOOLONG;
		strcpy(full, path);
	} else {
		if (!getcwd(full, sizeof(full)))
			return -errno;
		if (strlen(full) + 1 + strlen(path) >= sizeof(full))
			return -ENAMETOOLONG;
		strcat(full, "/");
		strcat(full, path);
	}
	fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = switch_resolve_in_root(fd, full, rel, sizeof(rel));
	close(fd);
	if (r < 0)
		return r;
	r = snprintf(out, outlen, "/%s", strcmp(rel, ".") ? rel : "");
	if (r < 0 || (size_t)r >= outlen)
		return -ENAMETOOLONG;
	return 0;
}

/* The mount id of an open file, from /proc/self/fdinfo (Linux 3.15):
 * unlike st_dev it tells a bind mount from the filesystem it shows. */
static int fd_mnt_id(int fd)
{
	char path[48], buf[512], *s;
	ssize_t n;
	int f;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	f = open(path, O_RDONLY | O_CLOEXEC);
	if (f < 0)
		return -errno;
	n = read(f, buf, sizeof(buf) - 1);
	close(f);
	if (n <= 0)
		return -EIO;
	buf[n] = '\0';
	s = strstr(buf, "mnt_id:");
	if (!s)
		return -ENOSYS;
	return atoi(s + 7);
}

/* 1 when dir (relative to at) is the root of a mount, 0 when not,
 * -errno when it cannot be told. */
int switch_is_mount_point_at(int at, const char *dir)
{
	char up[PATH_LEN];
	struct stat a, b;
	int fa, fb, ma, mb, r;

	if ((size_t)snprintf(up, sizeof(up), "%s/..", dir) >= sizeof(up))
		return -ENAMETOOLONG;
	fa = openat(at, dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fa < 0)
		return -errno;
	fb = openat(at, up, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fb < 0) {
		r = -errno;
		close(fa);
		return r;
	}
	ma = fd_mnt_id(fa);
	mb = fd_mnt_id(fb);
	if (ma >= 0 && mb >= 0) {
		r = ma != mb;
	} else if (fstat(fa, &a) < 0 || fstat(fb, &b) < 0) {
		r = -errno;
	} else {
		/* No /proc: st_dev misses bind mounts of the same
		 * filesystem, and the root directory is its own parent. */
		r = a.st_dev != b.st_dev ||
		    (a.st_ino == b.st_ino && a.st_dev == b.st_dev);
	}
	close(fa);
	close(fb);
	return r;
}

int switch_is_mount_point(const char *dir)
{
	return switch_is_mount_point_at(AT_FDCWD, dir);
}
