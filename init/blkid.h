/* blkid.h - "newroot probe DEVICE...": what the probes see, blkid-style */
#ifndef NEWROOT_BLKID_H
#define NEWROOT_BLKID_H

/* argv[0] is "probe".  Prints one line per device, blkid's format:
 *   DEV: LABEL="..." UUID="..." TYPE="..."
 * plus PTUUID/PTTYPE for a partition table, and one line per partition.
 * Exit status 0 when every device was read, 2 when nothing was found
 * (as blkid), 1 on a read error. */
int cmd_probe(int argc, char **argv);

#include <stddef.h>

/* Room for any label or UUID a probe returns, escaped, with its NUL. */
#define BLKID_ESCAPED_MAX (4 * 256 + 1)

/* A value read from a device (a label may hold any byte) as newroot probe
 * prints it, for one line of a console: '"' and '\' get a backslash, as in
 * blkid; control characters are written as \xHH; UTF-8 is left alone.
 * Writes at most size bytes with the NUL (stopping before an escape that
 * would not fit) and returns the length. */
size_t blkid_escape(const char *val, char *out, size_t size);

#endif
