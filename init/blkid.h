/* blkid.h - "newroot probe DEVICE...": what the probes see, blkid-style */
#ifndef NEWROOT_BLKID_H
#define NEWROOT_BLKID_H

/* argv[0] is "probe".  Prints one line per device, blkid's format:
 *   DEV: LABEL="..." UUID="..." TYPE="..."
 * plus PTUUID/PTTYPE for a partition table, and one line per partition.
 * Exit status 0 when every device was read, 2 when nothing was found
 * (as blkid), 1 on a read error. */
int cmd_probe(int argc, char **argv);

#endif
