/* crypttab.h - /etc/crypttab as the image carries it: which LUKS device
 * opens under which name, with which key file and options */
#ifndef NEWROOT_CRYPTTAB_H
#define NEWROOT_CRYPTTAB_H

#include <stddef.h>

#define CRYPTTAB_MAX 32
#define CRYPTTAB_TEXT_MAX 8192 /* more of the file is not read */

/* One line "NAME DEVICE [KEYFILE [OPTIONS]]"; the fields point into the
 * crypttab's buf.  key is NULL for "none", "-" or an absent field (ask
 * for a passphrase); opts is "" when absent. */
struct crypttab_entry {
	const char *name;
	const char *device; /* UUID=..., PARTUUID=..., /dev/... as written */
	const char *key;
	const char *opts;
	int line; /* 1-based, for messages */
};

struct crypttab {
	int n;
	struct crypttab_entry e[CRYPTTAB_MAX];
	int n_bad; /* lines that are not crypttab lines (fewer than two
		      fields, a name with '/'); bad_line is the first */
	int bad_line;
	char buf[CRYPTTAB_TEXT_MAX];
};

/*
 * Parse len bytes of crypttab text (comments '#', blank lines; fields
 * separated by blanks; "\040" ... octal escapes as fstab's).  Pure.
 * Returns the number of entries, or -E2BIG when the text or the entries
 * do not all fit (what fits is kept).
 */
int crypttab_parse(const char *text, size_t len, struct crypttab *ct);

/*
 * The entry whose device is this LUKS container: UUID=U (or
 * /dev/disk/by-uuid/U, U with or without dashes and in either case),
 * PARTUUID=, PARTLABEL= or /dev/NAME ('/' of a name such as
 * cciss/c0d0 given as '!' in name, as sysfs has it).  Arguments that
 * are NULL or "" never match.  Pure; NULL when no line names it.
 */
const struct crypttab_entry *crypttab_find(const struct crypttab *ct,
					   const char *uuid, const char *name,
					   const char *partuuid,
					   const char *partlabel);

/* Do two UUIDs name the same thing, case, dashes and colons aside ("luks-" in
 * front of want is allowed, as dracut writes it)?  With prefix, a want
 * of at least 8 digits that starts uuid matches too, as dracut's
 * rd.luks.uuid= does.  Pure. */
int crypttab_uuid_eq(const char *want, const char *uuid, int prefix);

#endif
