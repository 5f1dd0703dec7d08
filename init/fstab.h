/* fstab.h - the new root's /etc/fstab: the line for one mount point, and
 * its options as mount(2) takes them
 *
 * Pure: a buffer in, a struct out, so tables of lines test it and a
 * fuzzer can feed it anything.  Which device the spec names is
 * rootspec.c's and resolve.c's job.
 */
#ifndef NEWROOT_FSTAB_H
#define NEWROOT_FSTAB_H

#include <stdbool.h>
#include <stddef.h>

#define FSTAB_FIELD_MAX 256

struct fstab_entry {
	char spec[FSTAB_FIELD_MAX]; /* UUID=..., /dev/sda2 (\040 decoded) */
	char dir[FSTAB_FIELD_MAX]; /* /usr */
	char type[64]; /* "ext4", "auto", "ext4,xfs" */
	char opts[FSTAB_FIELD_MAX]; /* "defaults" when the field is absent */
	int pass; /* fsck's pass (sixth field); 0 when absent: no check */
	int line; /* 1-based line number, for messages */
	char text[160]; /* the line as written (cut), for messages */
};

/*
 * The first line of buf (len bytes, not necessarily terminated) whose
 * mount point is dir ("/usr"; "/usr/" in the file matches too), as
 * mount(8) reads fstab: fields split on blanks, '#' lines and blank
 * lines skipped, \NNN octal escapes (\040 for a space) decoded in the
 * first two fields, type and options defaulting to "auto" and
 * "defaults", fsck's pass (sixth field) to 0.  A line with fewer than
 * two fields is skipped.  Returns 0 with *e filled, -ENOENT when no line names dir, -ENAMETOOLONG when the
 * matching line has a field longer than e can hold.
 */
int fstab_find(const char *buf, size_t len, const char *dir,
	       struct fstab_entry *e);

struct fstab_opts {
	unsigned long flags; /* MS_NOSUID, MS_NODEV, MS_NOATIME ... */
	bool ro; /* the last of ro/rw (defaults: rw) */
	bool nofail; /* a missing device is not an error */
	char data[FSTAB_FIELD_MAX]; /* what is left for the filesystem */
};

/*
 * Split an fstab options field into mount(2) flags and the filesystem's
 * data: ro/rw, defaults, the VFS flags (nosuid, nodev, noexec, noatime,
 * nodiratime, relatime, strictatime, lazytime, sync, dirsync and their
 * opposites), what only mount(8) or systemd reads left out (auto,
 * noauto, user, users, nouser, owner, group, _netdev, nofail (noted in
 * o->nofail), comment=, x-*), the rest copied to data, comma-separated.
 * Returns 0, or -ENAMETOOLONG when data does not fit.
 */
int fstab_parse_opts(const char *opts, struct fstab_opts *o);

#endif
