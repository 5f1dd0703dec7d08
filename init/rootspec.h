/* rootspec.h - the root= grammar: what device the user asked for
 *
 * Pure: text in, struct out.  Matching it against the block devices is
 * resolve.c's job.
 */
#ifndef NEWROOT_ROOTSPEC_H
#define NEWROOT_ROOTSPEC_H

#include <stdbool.h>
#include <stddef.h>

#define ROOTSPEC_VALUE_MAX 256

enum root_kind {
	ROOT_NONE,
	ROOT_NAME, /* kernel name in /sys/class/block: sda1, nvme0n1p2 */
	ROOT_DEVNUM, /* MAJ:MIN, 0x801, 801 */
	ROOT_UUID, /* filesystem UUID, lower case */
	ROOT_LABEL, /* filesystem label, exact */
	ROOT_PARTUUID, /* partition UUID (GPT GUID or MBR ssssssss-pp) */
	ROOT_PARTLABEL, /* GPT partition name, exact */
};

struct root_spec {
	enum root_kind kind;
	/* ROOT_NAME: the sysfs name, '/' turned into '!' as the kernel
	 * names block devices (/dev/cciss/c0d0p1 is "cciss!c0d0p1");
	 * UUID/PARTUUID: lower case; LABEL/PARTLABEL: as given, with the
	 * quotes and udev's \xHH escapes removed. */
	char value[ROOTSPEC_VALUE_MAX];
	unsigned major, minor; /* ROOT_DEVNUM */
	bool has_partnroff; /* PARTUUID=.../PARTNROFF=N */
	int partnroff;
};

/*
 * Parse one root= value.  Accepted forms:
 *   /dev/NAME, NAME                   sda1, nvme0n1p2, mmcblk0p1, /dev/md0
 *   /dev/disk/by-uuid/X               same as UUID=X (no udev here: the
 *   /dev/disk/by-label/X              links are decoded, "my\x20disk"
 *   /dev/disk/by-partuuid/X           is "my disk")
 *   /dev/disk/by-partlabel/X
 *   UUID=X  LABEL=X  PARTLABEL=X      X may be in double quotes
 *   PARTUUID=GUID                     36 characters 8-4-4-4-12
 *   PARTUUID=SSSSSSSS-PP              MBR: disk signature, partition
 *   PARTUUID=.../PARTNROFF=N          the partition N after it (N < 0: before)
 *   MAJ:MIN                           decimal, "8:1"
 *   0xHEX, HEX                        the kernel's new_decode_dev():
 *                                     major = (x >> 8) & 0xfff, minor =
 *                                     (x & 0xff) | ((x >> 12) & 0xfff00);
 *                                     0x801 and 801 are 8:1, 10300 is 259:0
 * A value made only of hex digits (with or without 0x) is a device number,
 * never a name, as in the kernel: write /dev/fd0, not fd0.
 *
 * Returns 0, -EINVAL for malformed input or -ENAMETOOLONG for a value over
 * ROOTSPEC_VALUE_MAX - 1 bytes; on error err (if not NULL) says what is
 * wrong and what form was expected, without repeating the value: e.g. for
 * PARTUUID=xyz "expected PARTUUID= a GPT GUID (8-4-4-4-12 hex digits) or
 * an MBR SSSSSSSS-PP".
 */
int root_spec_parse(const char *text, struct root_spec *spec, char *err,
		    size_t errsize);

/* The spec in the canonical root= form ("UUID=abcd...", "/dev/sda1",
 * "8:1", "PARTUUID=.../PARTNROFF=1"), for messages.  Returns the length
 * snprintf() would. */
int root_spec_format(const struct root_spec *spec, char *buf, size_t size);

/* "NAME", "UUID" ... for messages. */
const char *root_kind_name(enum root_kind kind);

#endif
