/* switchroot.h - from the initramfs (or any root) to the real root */
#ifndef NEWROOT_SWITCHROOT_H
#define NEWROOT_SWITCHROOT_H

#include <stdbool.h>

enum switch_method {
	SWITCH_AUTO, /* pivot; move where the kernel refuses */
	SWITCH_PIVOT, /* pivot_root(".", ".") with descriptors */
	SWITCH_PIVOT_OLDDIR, /* pivot_root(new, new/old-root) */
	SWITCH_MOVE, /* delete the initramfs, MS_MOVE, chroot */
};

struct switch_opts {
	const char *newroot; /* a mount point */
	const char *init; /* path inside newroot */
	/* the init's argv, argv[0] included; NULL means { init, NULL } */
	char *const *argv;
	char *const *envp; /* NULL means environ */
	/* inside the new root ("/dev/console"); NULL leaves fds 0-2 alone */
	const char *console;
	enum switch_method method;
	const char *old_root; /* pivot-olddir: default "old-root" */
	bool keep_old_root; /* pivot-olddir: leave it mounted */
	bool keep_initramfs; /* run-init -p: delete nothing */
	bool force; /* switch even when not PID 1 */
	bool dry_run; /* -n: every check, no change */
	bool exact_init; /* no fallback inits after a failed exec */
	const char *drop_caps; /* -d: comma list of capability names */
	/* Called after the switch, inside the new root, just before exec:
	 * the boot report is written here. */
	void (*before_exec)(const char *method_used, void *arg);
	void *arg;
	/* When given, set true once the point of no return is passed: a
	 * failure after it cannot be undone nor retried. */
	bool *switched;
};

/* Every check, no change.  Logs what is wrong (naming the path) and
 * returns -errno; 0 when the switch would succeed. */
int switch_check(const struct switch_opts *o);

/* Switch and exec.  Returns only on failure: -errno with nothing changed
 * when a check or the first step failed, or after every fallback init
 * failed past the point of no return. */
int switch_root(const struct switch_opts *o);

const char *switch_method_name(enum switch_method m);
/* "auto", "pivot", "pivot-olddir", "move"; -1 when unknown. */
int switch_method_parse(const char *s);

/* The pure pieces, exposed for the tests. */

#include <stddef.h>
#include <sys/stat.h>

#include "switch_nuke.h"
#include "switch_path.h"

/* May the move method delete the old root's contents?  Pure: 0, or
 * -EXDEV when / is not ramfs/tmpfs (fs_magic from statfs), -EPERM when
 * pid is not 1. */
int switch_move_policy(long fs_magic, int pid);

/* Does auto fall back from pivot to move after pivot_root answered err
 * (-errno)?  Only on -EINVAL: the initial rootfs cannot be pivoted. */
int switch_auto_falls_back(enum switch_method m, int err);

/* Where to look for the console before the switch: under the current
 * /dev when /dev will be moved into the new root and the new root has no
 * /dev mount of its own, else under newroot.  Pure; returns the length or
 * -ENAMETOOLONG. */
int switch_console_path(const char *newroot, const char *console, int dev_moves,
			int newroot_has_dev, char *buf, size_t len);

#endif
