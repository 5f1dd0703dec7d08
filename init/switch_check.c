/* switch_check.c - every check of the switch, before anything changes
 *
 * A refusal here leaves the system exactly as it was, and the dry run
 * (-n) runs exactly these checks: what it says is what the real run does.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "caps.h"
#include "log.h"
#include "switch_check.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 02000000
#endif

#define RAMFS_MAGIC_ 0x858458f6
#define TMPFS_MAGIC_ 0x01021994
#define PATH_LEN SWITCH_PATH_LEN

const char *const switch_api_mounts[] = { "dev", "proc", "sys", "run", NULL };

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
	for (i = 0; switch_fallback_inits[i]; i++) {
		if (check_one_init(o, rootfd, switch_fallback_inits[i], 0) ==
		    0) {
			log_warn("%s will be tried instead",
				 switch_fallback_inits[i]);
			return 0;
		}
	}
	{
		char list[128] = "";

		for (i = 0; switch_fallback_inits[i]; i++) {
			strcat(list, ", ");
			strcat(list, switch_fallback_inits[i]);
		}
		log_err("no init in %s: none of %s%s is a program", o->newroot,
			o->init, list);
	}
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
	dev_moves = switch_is_mount_point("/dev") == 1 &&
		    switch_is_mount_point(nd) >= 0;
	has_dev = switch_is_mount_point(nd) == 1;
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
		log_err("old root %s/%s is missing and %s is not writable (%s):"
			" mkdir /%s on the root filesystem (once, from the "
			"booted system), or use --method=pivot",
			o->newroot, d, o->newroot, strerror(errno), d);
		return -errno;
	}
	return 0;
}

int switch_check_move(const struct switch_opts *o, const struct switch_plan *p)
{
	int r;

	if (o->keep_initramfs)
		return 0;
	r = switch_move_policy(p->root_magic, o->dry_run ? 1 : getpid());
	if (r == -EXDEV) {
		log_err("/ is not ramfs or tmpfs (type 0x%lx): the move method "
			"would delete its contents, refusing; use "
			"--method=pivot",
			(unsigned long)p->root_magic);
		return r;
	}
	if (r == -EPERM) {
		log_err("the move method deletes the initramfs and runs only "
			"as PID 1 (this is PID %d)",
			(int)getpid());
		return r;
	}
	if (p->nst.st_dev == p->rst.st_dev) {
		/* A bind mount of a directory of the initramfs: deleting
		 * the initramfs would delete the new root too. */
		log_err("%s is on the same filesystem as /: the move method "
			"would delete it, refusing",
			o->newroot);
		return -EXDEV;
	}
	/* plan_old_root() said why. */
	if (p->keep_err < 0)
		log_err("the move method would delete the initramfs without "
			"knowing what %s is built from, refusing",
			o->newroot);
	return p->keep_err;
}

/* The new root must not sit below a directory whose mount is moved into
 * it: moving /run into /run/x detaches both. */
static int check_not_below_api(const struct switch_opts *o, const char *abs)
{
	size_t n;
	int i;

	for (i = 0; switch_api_mounts[i]; i++) {
		n = strlen(switch_api_mounts[i]);
		if (abs[0] == '/' &&
		    !strncmp(abs + 1, switch_api_mounts[i], n) &&
		    (abs[n + 1] == '/' || !abs[n + 1])) {
			log_err("new root %s (%s) is below /%s, which is moved "
				"into the new root; mount the root elsewhere, "
				"e.g. /new-root",
				o->newroot, abs, switch_api_mounts[i]);
			return -EINVAL;
		}
	}
	return 0;
}

static int check_args(const struct switch_opts *o, struct switch_plan *p)
{
	char bad[40];
	uint64_t mask;
	int r;

	if (!o->newroot || !*o->newroot || !o->init || !*o->init) {
		log_err("switch root: NEWROOT and INIT are required");
		return -EINVAL;
	}
	if (stat(o->newroot, &p->nst) < 0) {
		r = -errno;
		log_err("new root %s: %s", o->newroot, strerror(-r));
		return r;
	}
	if (!S_ISDIR(p->nst.st_mode)) {
		log_err("new root %s: not a directory", o->newroot);
		return -ENOTDIR;
	}
	if (p->rst.st_dev == p->nst.st_dev && p->rst.st_ino == p->nst.st_ino) {
		log_err("new root %s is the current root", o->newroot);
		return -EINVAL;
	}
	r = switch_abs_path(o->newroot, p->newroot, sizeof(p->newroot));
	if (r < 0) {
		log_err("new root %s: %s", o->newroot, strerror(-r));
		return r;
	}
	r = check_not_below_api(o, p->newroot);
	if (r < 0)
		return r;
	r = switch_is_mount_point(o->newroot);
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
	return 0;
}

static int check_tree(const struct switch_opts *o)
{
	const char *old;
	int rootfd, r;

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
	return r;
}

/* What of the old root the delete walk must keep (when it may delete
 * at all), and whether auto will have to move: fills p->keep,
 * p->keep_err, p->auto_moves. */
static void plan_old_root(const struct switch_opts *o, struct switch_plan *p,
			  bool may_delete)
{
	char *mi;
	int r;

	p->keep_err = -EPERM;
	if (may_delete) {
		p->keep_err = switch_keep_add(&p->keep, &p->nst);
		mi = switch_read_mountinfo(o->newroot);
		if (!mi) {
			p->keep_err = -errno;
			log_warn("reading the mount table: %s; mount /proc "
				 "first, or what the new root is built from "
				 "cannot be told (and the initramfs is not "
				 "deleted)",
				 strerror(errno));
		} else if (!p->keep_err) {
			p->keep_err = switch_keep_scan(mi, p->newroot,
						       p->rst.st_dev, &p->keep);
		}
		free(mi);
	}
	if (o->method != SWITCH_AUTO)
		return;
	mi = switch_read_mountinfo(o->newroot);
	r = mi ? switch_root_unpivotable(mi) : 0;
	free(mi);
	p->auto_moves = r == 1;
}

int switch_plan(const struct switch_opts *o, struct switch_plan *p)
{
	struct statfs sfs;
	int r;

	memset(p, 0, sizeof(*p));
	if (stat("/", &p->rst) < 0 || statfs("/", &sfs) < 0) {
		r = -errno;
		log_err("statfs /: %s", strerror(-r));
		return r;
	}
	p->root_magic = (long)sfs.f_type;
	r = check_args(o, p);
	if (!r)
		r = check_tree(o);
	if (r < 0)
		return r;
	plan_old_root(o, p,
		      !o->keep_initramfs &&
			      switch_move_policy(p->root_magic,
						 o->dry_run ? 1 : getpid()) ==
				      0);
	if (p->auto_moves)
		log_info("/ cannot be pivoted (a directory, or the kernel's "
			 "initial rootfs): auto will use the move method");
	if (o->method == SWITCH_MOVE || p->auto_moves)
		return switch_check_move(o, p);
	/* The pivot methods empty the old root when the move method would
	 * have deleted it: its memory is not freed otherwise. */
	p->empty_old = !o->keep_old_root && !p->keep_err &&
		       p->nst.st_dev != p->rst.st_dev;
	if (p->empty_old)
		log_debug("after the pivot the old root (the initramfs) is "
			  "emptied to free its memory");
	return 0;
}

int switch_check(const struct switch_opts *o)
{
	struct switch_plan p;

	return switch_plan(o, &p);
}
