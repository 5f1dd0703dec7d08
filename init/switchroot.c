/* switchroot.c - from the initramfs (or any root) to the real root
 *
 * Everything that can be checked is checked before anything changes:
 * a refusal leaves the system exactly as it was.  The point of no return
 * is the pivot (or the first deletion of the move method); after it the
 * only way out is an exec.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "caps.h"
#include "log.h"
#include "switchroot.h"
#include "sys.h"

#ifndef MS_MOVE
#define MS_MOVE 8192
#endif
#ifndef MS_REC
#define MS_REC 16384
#endif
#ifndef MS_PRIVATE
#define MS_PRIVATE (1 << 18)
#endif
#ifndef MS_SLAVE
#define MS_SLAVE (1 << 19)
#endif
#ifndef MNT_DETACH
#define MNT_DETACH 2
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 02000000
#endif

#define RAMFS_MAGIC_ 0x858458f6
#define TMPFS_MAGIC_ 0x01021994
#define MAX_LINKS 40
#define PATH_LEN 4096

extern char **environ;

static const char *const method_names[] = { "auto", "pivot", "pivot-olddir",
					    "move" };

/* The kernel's own list, after init= (init/main.c). */
static const char *const fallback_inits[] = { "/sbin/init", "/etc/init",
					      "/bin/init", "/bin/sh", NULL };

static const char *const api_mounts[] = { "dev", "proc", "sys", "run", NULL };

const char *switch_method_name(enum switch_method m)
{
	if ((unsigned)m < sizeof(method_names) / sizeof(method_names[0]))
		return method_names[m];
	return "?";
}

int switch_method_parse(const char *s)
{
	unsigned i;

	for (i = 0; i < sizeof(method_names) / sizeof(method_names[0]); i++)
		if (!strcmp(s, method_names[i]))
			return (int)i;
	return -1;
}

/* ---- pure pieces ---------------------------------------------------- */

int switch_move_policy(long fs_magic, int pid)
{
	if ((unsigned long)fs_magic != RAMFS_MAGIC_ &&
	    (unsigned long)fs_magic != TMPFS_MAGIC_)
		return -EXDEV;
	if (pid != 1)
		return -EPERM;
	return 0;
}

int switch_auto_falls_back(enum switch_method m, int err)
{
	return m == SWITCH_AUTO && err == -EINVAL;
}

int switch_console_path(const char *newroot, const char *console, int dev_moves,
			int newroot_has_dev, char *buf, size_t len)
{
	int n;

	while (console[0] == '/' && console[1] == '/')
		console++;
	if (dev_moves && !newroot_has_dev && !strncmp(console, "/dev/", 5))
		n = snprintf(buf, len, "%s", console);
	else
		n = snprintf(buf, len, "%s%s%s", newroot,
			     console[0] == '/' ? "" : "/", console);
	if (n < 0 || (size_t)n >= len)
		return -ENAMETOOLONG;
	return n;
}

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

/* ---- reading the system --------------------------------------------- */

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
static int is_mount_point_at(int at, const char *dir)
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

static int is_mount_point(const char *dir)
{
	return is_mount_point_at(AT_FDCWD, dir);
}

/* Would "console" open as a terminal-like character device? */
static int check_console(const char *path)
{
	struct stat st;
	int fd, r = 0;

	fd = open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0)
		r = -errno;
	else if (!S_ISCHR(st.st_mode))
		r = -ENOTTY;
	close(fd);
	return r;
}

/* Is init (a path inside the new root) a program?  Logs why not when
 * loud. */
static int check_one_init(const struct switch_opts *o, int rootfd,
			  const char *init, int loud)
{
	char rel[PATH_LEN];
	const char *why;
	int r;

	r = switch_resolve_in_root(rootfd, init, rel, sizeof(rel));
	if (r < 0) {
		if (loud)
			log_err("init %s in %s: %s; check init= and that the "
				"root filesystem is complete",
				init, o->newroot,
				r == -ELOOP
					? "too many levels of symbolic links"
					: strerror(-r));
		return r;
	}
	r = switch_check_exec(rootfd, rel, &why);
	if (r < 0 && loud) {
		if (strcmp(rel, init[0] == '/' ? init + 1 : init))
			log_err("init %s in %s (%s/%s) %s", init, o->newroot,
				o->newroot, rel, why);
		else
			log_err("init %s/%s %s", o->newroot, rel, why);
	}
	return r;
}

static int check_init(const struct switch_opts *o, int rootfd)
{
	int i, r;

	r = check_one_init(o, rootfd, o->init, 1);
	if (r == 0 || o->exact_init)
		return r;
	/* Nobody named this init: the kernel's list will be tried after
	 * it, so one of those is enough. */
	for (i = 0; fallback_inits[i]; i++) {
		if (check_one_init(o, rootfd, fallback_inits[i], 0) == 0) {
			log_warn("%s will be tried instead", fallback_inits[i]);
			return 0;
		}
	}
	log_err("no init in %s: none of %s, /sbin/init, /etc/init, /bin/init, "
		"/bin/sh is a program",
		o->newroot, o->init);
	return r;
}

static int check_console_opt(const struct switch_opts *o)
{
	char path[PATH_LEN], nd[PATH_LEN];
	int dev_moves, has_dev, r;

	if (!o->console)
		return 0;
	snprintf(nd, sizeof(nd), "%s/dev", o->newroot);
	/* Our /dev moves only where the new root has a directory for it. */
	dev_moves = is_mount_point("/dev") == 1 && is_mount_point(nd) >= 0;
	has_dev = is_mount_point(nd) == 1;
	r = switch_console_path(o->newroot, o->console, dev_moves, has_dev,
				path, sizeof(path));
	if (r < 0) {
		log_err("console %s: path too long", o->console);
		return r;
	}
	r = check_console(path);
	if (r < 0)
		log_err("console %s (looked for at %s): %s", o->console, path,
			r == -ENOTTY ? "not a character device" : strerror(-r));
	return r;
}

static int check_old_root(const struct switch_opts *o, int rootfd,
			  const char **dir)
{
	const char *d = o->old_root ? o->old_root : "old-root";
	struct stat st;

	while (*d == '/')
		d++;
	*dir = d;
	if (!*d || !strcmp(d, ".") || strstr(d, "..")) {
		log_err("--old-root=%s: give a directory inside the new root",
			o->old_root);
		return -EINVAL;
	}
	if (fstatat(rootfd, d, &st, AT_SYMLINK_NOFOLLOW) == 0) {
		if (!S_ISDIR(st.st_mode)) {
			log_err("old root %s/%s: not a directory", o->newroot,
				d);
			return -ENOTDIR;
		}
		return 0;
	}
	if (errno != ENOENT) {
		log_err("old root %s/%s: %s", o->newroot, d, strerror(errno));
		return -errno;
	}
	/* It will be created: the new root must be writable. */
	if (faccessat(rootfd, ".", W_OK, 0) < 0) {
		log_err("old root %s/%s is missing and %s is not writable (%s);"
			" create it or use --method=pivot",
			o->newroot, d, o->newroot, strerror(errno));
		return -errno;
	}
	return 0;
}

static int check_move(const struct switch_opts *o, const struct stat *nst,
		      int verbose)
{
	struct statfs sfs;
	struct stat rst;
	int r;

	if (o->keep_initramfs)
		return 0;
	if (statfs("/", &sfs) < 0 || stat("/", &rst) < 0) {
		r = -errno;
		log_err("statfs /: %s", strerror(-r));
		return r;
	}
	r = switch_move_policy(sfs.f_type, o->dry_run ? 1 : getpid());
	if (r == -EXDEV) {
		if (verbose)
			log_err("/ is not ramfs or tmpfs (type 0x%lx): the "
				"move "
				"method would delete its contents, refusing; "
				"use --method=pivot",
				(unsigned long)sfs.f_type);
		return r;
	}
	if (r == -EPERM) {
		if (verbose)
			log_err("the move method deletes the initramfs and "
				"runs only as PID 1 (this is PID %d)",
				(int)getpid());
		return r;
	}
	if (nst->st_dev == rst.st_dev) {
		/* A bind mount of a directory of the initramfs: deleting
		 * the initramfs would delete the new root too. */
		if (verbose)
			log_err("%s is on the same filesystem as /: the move "
				"method would delete it, refusing",
				o->newroot);
		return -EXDEV;
	}
	return 0;
}

int switch_check(const struct switch_opts *o)
{
	struct stat st, rst;
	const char *old;
	char bad[40];
	uint64_t mask;
	int rootfd, r;

	if (!o->newroot || !*o->newroot || !o->init || !*o->init) {
		log_err("switch root: NEWROOT and INIT are required");
		return -EINVAL;
	}
	if (stat(o->newroot, &st) < 0) {
		r = -errno;
		log_err("new root %s: %s", o->newroot, strerror(-r));
		return r;
	}
	if (!S_ISDIR(st.st_mode)) {
		log_err("new root %s: not a directory", o->newroot);
		return -ENOTDIR;
	}
	if (stat("/", &rst) == 0 && rst.st_dev == st.st_dev &&
	    rst.st_ino == st.st_ino) {
		log_err("new root %s is the current root", o->newroot);
		return -EINVAL;
	}
	r = is_mount_point(o->newroot);
	if (r < 0) {
		log_err("new root %s: %s", o->newroot, strerror(-r));
		return r;
	}
	if (!r) {
		log_err("new root %s is not a mount point; mount the real "
			"root there (or bind-mount it onto itself) first",
			o->newroot);
		return -EINVAL;
	}
	if (o->drop_caps &&
	    caps_parse(o->drop_caps, &mask, bad, sizeof(bad)) < 0) {
		log_err("-d %s: unknown capability '%s'", o->drop_caps, bad);
		return -EINVAL;
	}
	rootfd = open(o->newroot, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (rootfd < 0) {
		r = -errno;
		log_err("new root %s: %s", o->newroot, strerror(-r));
		return r;
	}
	r = check_init(o, rootfd);
	if (!r && o->method == SWITCH_PIVOT_OLDDIR)
		r = check_old_root(o, rootfd, &old);
	close(rootfd);
	if (!r)
		r = check_console_opt(o);
	if (!r && o->method == SWITCH_MOVE)
		r = check_move(o, &st, 1);
	return r;
}

/* ---- the move method's deletion ------------------------------------- */

int switch_nuke(int dirfd, dev_t dev, const struct stat *keep)
{
	struct dirent *d;
	struct stat st;
	DIR *dir;
	int fd, sub, r, err = 0;

	fd = dup(dirfd);
	if (fd < 0)
		return -errno;
	/* The dup shares its offset with dirfd: start from the top. */
	lseek(fd, 0, SEEK_SET);
	dir = fdopendir(fd);
	if (!dir) {
		r = -errno;
		close(fd);
		return r;
	}
	while ((d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		if (fstatat(dirfd, d->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) {
			r = -errno;
			goto fail;
		}
		/* DO NOT cross into another filesystem: the new root, /dev
		 * and anything else mounted here are some other device. */
		if (st.st_dev != dev)
			continue;
		if (keep && st.st_dev == keep->st_dev &&
		    st.st_ino == keep->st_ino)
			continue;
		if (S_ISDIR(st.st_mode)) {
			sub = openat(dirfd, d->d_name,
				     O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
					     O_CLOEXEC);
			if (sub < 0) {
				r = -errno;
				goto fail;
			}
			r = switch_nuke(sub, dev, keep);
			close(sub);
			if (r < 0 && !err)
				err = r;
			if (unlinkat(dirfd, d->d_name, AT_REMOVEDIR) < 0 &&
			    errno != ENOTEMPTY && errno != EBUSY) {
				r = -errno;
				goto fail;
			}
			continue;
		}
		/* Symbolic links are removed, never followed. */
		if (unlinkat(dirfd, d->d_name, 0) < 0) {
			r = -errno;
			goto fail;
		}
		continue;
	fail:
		log_warn("nuking initramfs contents: %s: %s", d->d_name,
			 strerror(-r));
		if (!err)
			err = r;
	}
	closedir(dir);
	return err;
}

/* ---- the steps ------------------------------------------------------ */

/* Move /dev /proc /sys /run into the new root, so the new init finds
 * them; where the new root mounted its own, keep that one. */
static unsigned move_api_mounts(const char *newroot)
{
	char src[16], dst[PATH_LEN];
	struct stat st;
	unsigned moved = 0;
	int i, r;

	for (i = 0; api_mounts[i]; i++) {
		snprintf(src, sizeof(src), "/%s", api_mounts[i]);
		/* udev's initramfs-tools script leaves /dev a symlink to
		 * the one it moved: following it would detach that. */
		if (lstat(src, &st) < 0 || !S_ISDIR(st.st_mode) ||
		    is_mount_point(src) != 1)
			continue;
		snprintf(dst, sizeof(dst), "%s/%s", newroot, api_mounts[i]);
		if (stat(dst, &st) < 0 || !S_ISDIR(st.st_mode)) {
			log_warn("%s is missing in the new root: detaching "
				 "%s",
				 dst, src);
			umount2(src, MNT_DETACH);
			continue;
		}
		if (is_mount_point(dst) == 1) {
			log_debug("%s is already mounted: detaching %s", dst,
				  src);
			umount2(src, MNT_DETACH);
			continue;
		}
		if (mount(src, dst, NULL, MS_MOVE, NULL) < 0) {
			r = errno;
			log_warn("moving %s to %s: %s; detaching it", src, dst,
				 strerror(r));
			umount2(src, MNT_DETACH);
			continue;
		}
		moved |= 1u << i;
	}
	return moved;
}

/* The switch failed before the point of no return: put back what
 * move_api_mounts() moved, so a rescue shell (and the next try) has its
 * /dev, /proc, /sys and /run. */
static void move_api_mounts_back(const char *newroot, unsigned moved)
{
	char src[PATH_LEN], dst[16];
	int i;

	for (i = 0; api_mounts[i]; i++) {
		if (!(moved & (1u << i)))
			continue;
		snprintf(src, sizeof(src), "%s/%s", newroot, api_mounts[i]);
		snprintf(dst, sizeof(dst), "/%s", api_mounts[i]);
		if (mount(src, dst, NULL, MS_MOVE, NULL) < 0)
			log_warn("moving %s back to %s: %s", src, dst,
				 strerror(errno));
	}
}

static int do_pivot(const char *newroot)
{
	int oldfd, newfd, cwd, r;

	oldfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	newfd = open(newroot, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (oldfd < 0 || newfd < 0) {
		r = -errno;
		log_err("pivot: opening / and %s: %s", newroot, strerror(-r));
		goto out;
	}
	if (fchdir(newfd) < 0) {
		r = -errno;
		log_err("pivot: entering %s: %s", newroot, strerror(-r));
		goto out;
	}
	/* Both roots on one place: "/" becomes the new root and the old one
	 * is stacked on it, reachable only through oldfd. */
	r = sys_pivot_root(".", ".");
	if (r < 0) {
		if (cwd >= 0 && fchdir(cwd) < 0)
			(void)!chdir("/");
		goto out;
	}
	/* Point of no return. */
	if (fchdir(oldfd) < 0)
		log_warn("pivot: entering the old root: %s", strerror(errno));
	/* Unmounts below must not reach the mounts the old root shares
	 * with anyone else. */
	if (mount("", ".", "", MS_SLAVE | MS_REC, NULL) < 0)
		log_warn("pivot: making the old root a slave: %s",
			 strerror(errno));
	if (umount2(".", MNT_DETACH) < 0)
		log_warn("pivot: detaching the old root: %s", strerror(errno));
	if (chdir("/") < 0)
		log_warn("pivot: chdir /: %s", strerror(errno));
	r = 0;
out:
	if (oldfd >= 0)
		close(oldfd);
	if (newfd >= 0)
		close(newfd);
	if (cwd >= 0)
		close(cwd);
	return r;
}

static int do_pivot_olddir(const struct switch_opts *o)
{
	char put_old[PATH_LEN], inside[PATH_LEN];
	const char *d = o->old_root ? o->old_root : "old-root";
	int created = 0, r;

	while (*d == '/')
		d++;
	snprintf(put_old, sizeof(put_old), "%s/%s", o->newroot, d);
	snprintf(inside, sizeof(inside), "/%s", d);
	if (mkdir(put_old, 0700) == 0)
		created = 1;
	else if (errno != EEXIST) {
		r = -errno;
		log_err("pivot-olddir: creating %s: %s", put_old, strerror(-r));
		return r;
	}
	r = sys_pivot_root(o->newroot, put_old);
	if (r < 0) {
		if (created)
			rmdir(put_old);
		return r;
	}
	/* Point of no return. */
	if (chdir("/") < 0 || chroot(".") < 0)
		log_warn("pivot-olddir: chroot: %s", strerror(errno));
	if (o->keep_old_root) {
		log_info("the old root stays mounted at %s", inside);
		return 0;
	}
	if (umount2(inside, MNT_DETACH) < 0)
		log_warn("pivot-olddir: detaching %s: %s", inside,
			 strerror(errno));
	else if (created && rmdir(inside) < 0)
		log_warn("pivot-olddir: removing %s: %s", inside,
			 strerror(errno));
	return 0;
}

static int do_move(const struct switch_opts *o, const struct stat *nst)
{
	struct stat rst;
	int newfd, rootfd, r;

	newfd = open(o->newroot, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (newfd < 0) {
		r = -errno;
		log_err("move: opening %s: %s", o->newroot, strerror(-r));
		return r;
	}
	if (!o->keep_initramfs) {
		rootfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (rootfd < 0 || fstat(rootfd, &rst) < 0) {
			r = -errno;
			log_err("move: opening /: %s", strerror(-r));
			close(newfd);
			if (rootfd >= 0)
				close(rootfd);
			return r;
		}
		/* Point of no return: the initramfs is freed for good. */
		if (switch_nuke(rootfd, rst.st_dev, nst) < 0)
			log_warn("nuking initramfs contents was incomplete; "
				 "going on with the switch");
		close(rootfd);
	}
	if (fchdir(newfd) < 0) {
		r = -errno;
		log_err("move: entering %s: %s", o->newroot, strerror(-r));
		close(newfd);
		return r;
	}
	close(newfd);
	if (mount(".", "/", NULL, MS_MOVE, NULL) < 0) {
		r = -errno;
		log_err("overmounting root with %s: %s", o->newroot,
			strerror(-r));
		return r;
	}
	if (chroot(".") < 0 || chdir("/") < 0) {
		r = -errno;
		log_err("chroot into %s: %s", o->newroot, strerror(-r));
		return r;
	}
	return 0;
}

static void open_console(const char *console)
{
	int fd;

	fd = open(console, O_RDWR | O_NOCTTY);
	if (fd < 0) {
		log_warn("opening console %s in the new root: %s; keeping the "
			 "current one",
			 console, strerror(errno));
		return;
	}
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

static int exec_init(const struct switch_opts *o)
{
	char *const *envp = o->envp ? o->envp : environ;
	char *own[2] = { (char *)o->init, NULL };
	char **argv;
	int argc = 0, i, err;

	execve(o->init, o->argv ? o->argv : own, envp);
	err = -errno;
	log_err("executing %s in the new root: %s", o->init, strerror(-err));
	if (o->exact_init)
		return err;
	/* As the kernel does: the same arguments, the next program. */
	while (o->argv && o->argv[argc])
		argc++;
	argv = calloc(argc + 2, sizeof(*argv));
	if (!argv)
		return err;
	for (i = 1; i < argc; i++)
		argv[i] = o->argv[i];
	for (i = 0; fallback_inits[i]; i++) {
		if (!strcmp(fallback_inits[i], o->init))
			continue;
		argv[0] = (char *)fallback_inits[i];
		log_err("trying %s", fallback_inits[i]);
		execve(fallback_inits[i], argv, envp);
		log_err("executing %s: %s", fallback_inits[i], strerror(errno));
	}
	free(argv);
	return err;
}

/* The usermodehelper files: in /proc, or in the new root's /proc when
 * the caller has moved it there already (initramfs-tools does). */
static const char *umh_dir(const char *newroot, char *buf, size_t len)
{
	static const char umh[] = "/proc/sys/kernel/usermodehelper";

	if (access(umh, F_OK) == 0)
		return umh;
	snprintf(buf, len, "%s%s", newroot, umh);
	return buf;
}

int switch_root(const struct switch_opts *o)
{
	enum switch_method used = o->method;
	char umh[PATH_LEN];
	struct stat nst;
	uint64_t mask = 0;
	unsigned moved;
	int r;

	if (!o->dry_run && !o->force && getpid() != 1) {
		log_err("refusing to switch root: this is PID %d, not PID 1 "
			"(use --force if you really mean it)",
			(int)getpid());
		return -EPERM;
	}
	r = switch_check(o);
	if (r < 0 || o->dry_run)
		return r;
	if (stat(o->newroot, &nst) < 0)
		return -errno;
	/* Dropping from the bounding and inheritable sets leaves our own
	 * effective set alone: the switch below still works. */
	if (o->drop_caps) {
		caps_parse(o->drop_caps, &mask, NULL, 0);
		r = caps_drop(mask, umh_dir(o->newroot, umh, sizeof(umh)));
		if (r < 0)
			return r;
	}
	/* Shared propagation makes pivot_root fail with EINVAL, and would
	 * carry our unmounts to other namespaces.  EINVAL here means / is
	 * no mount's root (a chroot into a plain directory): pivot_root
	 * will refuse too, and the move method does not need it. */
	if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) < 0 &&
	    errno != EINVAL) {
		r = -errno;
		log_err("making / private: %s", strerror(-r));
		return r;
	}
	moved = move_api_mounts(o->newroot);

	switch (o->method) {
	case SWITCH_AUTO:
	case SWITCH_PIVOT:
		used = SWITCH_PIVOT;
		r = do_pivot(o->newroot);
		if (!switch_auto_falls_back(o->method, r))
			break;
		/* The initial rootfs (before Linux 7.0) has no parent to
		 * pivot from: the kernel's answer, not its version. */
		log_info("pivot_root: %s; / is the initial rootfs, moving "
			 "instead",
			 strerror(-r));
		used = SWITCH_MOVE;
		r = check_move(o, &nst, 1);
		if (r == 0)
			r = do_move(o, &nst);
		break;
	case SWITCH_PIVOT_OLDDIR:
		r = do_pivot_olddir(o);
		break;
	case SWITCH_MOVE:
		r = do_move(o, &nst);
		break;
	}
	if (r < 0) {
		struct statfs sf;

		if (r == -EINVAL && used != SWITCH_MOVE &&
		    statfs("/", &sf) == 0 &&
		    switch_move_policy((long)sf.f_type, 1) == 0)
			log_err("switching root to %s with %s: %s; / is "
				"probably the kernel's initial rootfs, which "
				"cannot be pivoted before Linux 7.0: use "
				"method auto or move",
				o->newroot, switch_method_name(used),
				strerror(-r));
		else
			log_err("switching root to %s with %s: %s", o->newroot,
				switch_method_name(used), strerror(-r));
		move_api_mounts_back(o->newroot, moved);
		return r;
	}
	if (o->console)
		open_console(o->console);
	if (o->before_exec)
		o->before_exec(switch_method_name(used), o->arg);
	log_debug("switched root to %s (%s); executing %s", o->newroot,
		  switch_method_name(used), o->init);
	return exec_init(o);
}
