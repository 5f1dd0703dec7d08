/* switch_keep.h - what the new root is built from: read from mountinfo */
#ifndef NEWROOT_SWITCH_KEEP_H
#define NEWROOT_SWITCH_KEEP_H

#include <sys/stat.h>
#include <sys/types.h>

#define SWITCH_KEEP_MAX 64

/* Files and directories of the old root (by device and inode) that the
 * delete walk neither enters nor removes. */
struct switch_keep {
	unsigned n;
	dev_t dev[SWITCH_KEEP_MAX];
	ino_t ino[SWITCH_KEEP_MAX];
};

/* 0, or -ENOSPC when the set is full. */
int switch_keep_add(struct switch_keep *k, const struct stat *st);
int switch_keep_has(const struct switch_keep *k, const struct stat *st);

/* Undo mountinfo's octal escapes ("\040" for a space) in place. */
void switch_unescape(char *s);

/* Call fn with each layer path of an overlay's options (mountinfo's
 * last field, escaped): lowerdir= (a colon list, "\:" a colon of a
 * name), lowerdir+=, datadir+=, upperdir=, workdir=.  Pure; stops at and
 * returns fn's first non-zero answer, else 0. */
int switch_overlay_layers(const char *opts,
			  int (*fn)(const char *path, void *arg), void *arg);

/* Read the mount table (text of /proc/self/mountinfo) for newroot (an
 * absolute, resolved path) and every mount below it, and add to k each
 * overlay layer and each bind-mount source that lives on the device
 * rootdev (the old root's).  Logs what it keeps; refuses (logs why,
 * naming the mount, and returns -errno) when it cannot tell where a
 * layer lives.  The text is changed (split in place). */
int switch_keep_scan(char *mountinfo, const char *newroot, dev_t rootdev,
		     struct switch_keep *k);

/* Would pivot_root answer EINVAL for "/"?  1 when "/" is no mount's
 * root (a chroot into a directory) or is the namespace's first mount
 * (the initial rootfs before Linux 7.0), 0 when not.  The text is
 * changed. */
int switch_root_unpivotable(char *mountinfo);

/* The mount table, from /proc or (when the caller moved /proc into the
 * new root already) from newroot/proc, in a buffer to free().  NULL with
 * errno set when neither can be read. */
char *switch_read_mountinfo(const char *newroot);

#endif
