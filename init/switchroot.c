/* switchroot.c - the switch methods: from the initramfs to the real root
 *
 * switch_check.c has checked everything that can be checked: a refusal
 * there leaves the system exactly as it was.  The point of no return is
 * the pivot (or the first deletion of the move method); after it nothing
 * is moved back and the only way out is an exec.
 */
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
#include "switch_check.h"
#include "switch_handoff.h"
#include "switch_nuke.h"
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

#define PATH_LEN SWITCH_PATH_LEN

static const char *const method_names[] = { "auto", "pivot", "pivot-olddir",
					    "move" };

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

/* After a pivot: delete the old root's files (it is the initramfs, the
 * checks said so) through fd, so that detaching it frees its memory; a
 * detached ramfs or tmpfs that still holds files keeps them in memory
 * for good.  Never across mounts, never what the new root is built from. */
static void empty_old_root(int fd, const struct switch_plan *p)
{
	struct stat st;

	if (!p->empty_old)
		return;
	if (fstat(fd, &st) < 0 || st.st_dev != p->rst.st_dev ||
	    st.st_ino != p->rst.st_ino) {
		log_warn("the old root is not where it was; not emptying it");
		return;
	}
	if (switch_nuke(fd, st.st_dev, &p->keep) < 0)
		log_warn("emptying the old root was incomplete: its memory "
			 "stays in use");
}

static int do_pivot(const char *newroot, const struct switch_plan *p,
		    bool *past)
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
	*past = true;
	r = 0;
	if (fchdir(oldfd) < 0) {
		/* "." is the new root now: never detach it.  The old root
		 * stays mounted (and in memory). */
		log_warn("pivot: entering the old root: %s; it stays mounted",
			 strerror(errno));
		goto out;
	}
	empty_old_root(oldfd, p);
	/* Unmounts below must not reach the mounts the old root shares
	 * with anyone else. */
	if (mount("", ".", "", MS_SLAVE | MS_REC, NULL) < 0)
		log_warn("pivot: making the old root a slave: %s",
			 strerror(errno));
	if (umount2(".", MNT_DETACH) < 0)
		log_warn("pivot: detaching the old root: %s", strerror(errno));
	if (chdir("/") < 0)
		log_warn("pivot: chdir /: %s", strerror(errno));
out:
	if (oldfd >= 0)
		close(oldfd);
	if (newfd >= 0)
		close(newfd);
	if (cwd >= 0)
		close(cwd);
	return r;
}

static int do_pivot_olddir(const struct switch_opts *o,
			   const struct switch_plan *p, bool *past)
{
	char put_old[PATH_LEN], inside[PATH_LEN];
	const char *d = o->old_root ? o->old_root : "old-root";
	int created = 0, fd, r;

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
	*past = true;
	if (chdir("/") < 0 || chroot(".") < 0)
		log_warn("pivot-olddir: chroot: %s", strerror(errno));
	if (o->keep_old_root) {
		log_info("the old root stays mounted at %s", inside);
		return 0;
	}
	fd = open(inside, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		empty_old_root(fd, p);
		close(fd);
	}
	if (umount2(inside, MNT_DETACH) < 0)
		log_warn("pivot-olddir: detaching %s: %s", inside,
			 strerror(errno));
	else if (created && rmdir(inside) < 0)
		log_warn("pivot-olddir: removing %s: %s", inside,
			 strerror(errno));
	return 0;
}

static int do_move(const struct switch_opts *o, const struct switch_plan *p,
		   bool *past)
{
	int newfd, rootfd, r;

	newfd = open(o->newroot, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (newfd < 0) {
		r = -errno;
		log_err("move: opening %s: %s", o->newroot, strerror(-r));
		return r;
	}
	if (!o->keep_initramfs) {
		rootfd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (rootfd < 0) {
			r = -errno;
			log_err("move: opening /: %s", strerror(-r));
			close(newfd);
			return r;
		}
		/* Point of no return: the initramfs is freed for good. */
		*past = true;
		if (switch_nuke(rootfd, p->rst.st_dev, &p->keep) < 0)
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
	*past = true;
	if (chroot(".") < 0 || chdir("/") < 0) {
		r = -errno;
		log_err("chroot into %s: %s", o->newroot, strerror(-r));
		return r;
	}
	return 0;
}

/* The method that o asks for; *used says which ran. */
static int run_method(const struct switch_opts *o, struct switch_plan *p,
		      enum switch_method *used, bool *past)
{
	int r;

	switch (o->method) {
	case SWITCH_PIVOT_OLDDIR:
		*used = SWITCH_PIVOT_OLDDIR;
		return do_pivot_olddir(o, p, past);
	case SWITCH_MOVE:
		*used = SWITCH_MOVE;
		return do_move(o, p, past);
	case SWITCH_AUTO:
	case SWITCH_PIVOT:
		break;
	}
	*used = SWITCH_PIVOT;
	r = do_pivot(o->newroot, p, past);
	if (!switch_auto_falls_back(o->method, r))
		return r;
	/* The initial rootfs (before Linux 7.0) has no parent to pivot
	 * from: the kernel's answer, not its version. */
	log_info("pivot_root: %s; / is the initial rootfs, moving instead",
		 strerror(-r));
	*used = SWITCH_MOVE;
	r = switch_check_move(o, p);
	return r < 0 ? r : do_move(o, p, past);
}

static void say_failed(const struct switch_opts *o, enum switch_method used,
		       int r)
{
	struct statfs sf;

	if (r == -EINVAL && used != SWITCH_MOVE && statfs("/", &sf) == 0 &&
	    switch_move_policy((long)sf.f_type, 1) == 0)
		log_err("switching root to %s with %s: %s; / is probably the "
			"kernel's initial rootfs, which cannot be pivoted "
			"before Linux 7.0: use method auto or move",
			o->newroot, switch_method_name(used), strerror(-r));
	else
		log_err("switching root to %s with %s: %s", o->newroot,
			switch_method_name(used), strerror(-r));
}

int switch_root(const struct switch_opts *o)
{
	enum switch_method used = o->method;
	struct switch_plan p;
	char umh[PATH_LEN];
	uint64_t mask = 0;
	bool past = false;
	unsigned moved;
	int r;

	if (o->switched)
		*o->switched = false;
	if (!o->dry_run && !o->force && getpid() != 1) {
		log_err("refusing to switch root: this is PID %d, not PID 1 "
			"(use --force if you really mean it)",
			(int)getpid());
		return -EPERM;
	}
	r = switch_plan(o, &p);
	if (r < 0 || o->dry_run)
		return r;
	/* Dropping from the bounding and inheritable sets leaves our own
	 * effective set alone: the switch below still works. */
	if (o->drop_caps) {
		caps_parse(o->drop_caps, &mask, NULL, 0);
		r = caps_drop(mask,
			      switch_umh_dir(o->newroot, umh, sizeof(umh)));
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
	moved = switch_move_api_mounts(o->newroot);
	r = run_method(o, &p, &used, &past);
	if (r < 0 && past) {
		/* Nothing to put back: the old root is gone. */
		log_err("switching root to %s with %s failed after the switch "
			"already happened (the old root is deleted or "
			"detached): %s",
			o->newroot, switch_method_name(used), strerror(-r));
		if (o->switched)
			*o->switched = true;
		return r;
	}
	if (r < 0) {
		say_failed(o, used, r);
		switch_move_api_mounts_back(o->newroot, moved);
		return r;
	}
	if (o->switched)
		*o->switched = true;
	if (o->console)
		switch_open_console(o->console);
	if (o->before_exec)
		o->before_exec(switch_method_name(used), o->arg);
	log_debug("switched root to %s (%s); executing %s", o->newroot,
		  switch_method_name(used), o->init);
	return switch_exec_init(o);
}
