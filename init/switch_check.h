/* switch_check.h - every check of the switch, before anything changes */
#ifndef NEWROOT_SWITCH_CHECK_H
#define NEWROOT_SWITCH_CHECK_H

#include <stdbool.h>
#include <sys/stat.h>

#include "switch_keep.h"
#include "switch_path.h"
#include "switchroot.h"

/* The API filesystems moved into the new root: "dev" "proc" "sys" "run". */
extern const char *const switch_api_mounts[];

/* What the checks found, for the switch to act on. */
struct switch_plan {
	struct stat nst, rst; /* the new root, the old one ("/") */
	long root_magic; /* statfs("/").f_type */
	char newroot[SWITCH_PATH_LEN]; /* absolute, resolved */
	/* The old root's parts the new root is built from, and whether
	 * they could be found (0, or why not: then nothing is deleted). */
	struct switch_keep keep;
	int keep_err;
	bool auto_moves; /* pivot_root will answer EINVAL: auto moves */
	bool empty_old; /* a pivot method empties the old root */
};

/* Every check for o; fills p.  0, or -errno after logging why. */
int switch_plan(const struct switch_opts *o, struct switch_plan *p);

/* May the move method delete "/"?  0, or -errno after logging why. */
int switch_check_move(const struct switch_opts *o, const struct switch_plan *p);

#endif
