/* mountusr.h - a separate /usr, as the new root's /etc/fstab says */
#ifndef NEWROOT_MOUNTUSR_H
#define NEWROOT_MOUNTUSR_H

#include "blockdev.h"
#include "boot.h"

/*
 * With the root mounted at NEWROOT_DIR: when its /etc/fstab has a /usr
 * line, wait for the device it names (any root= form: UUID=, LABEL=,
 * PARTUUID=, /dev/NAME ...; as long as the root, rootwait/rd.timeout=)
 * and mount it at NEWROOT_DIR/usr with the line's type ("auto": the
 * probed one) and options, read-only unless the line says rw (or
 * defaults) and the root is mounted read-write; systemd needs /usr at
 * the switch.  Returns 0 (also without fstab or a /usr line, or for a
 * nofail line whose device did not come), or -errno after logging what
 * failed, naming the fstab line.
 */
int mount_usr(struct boot *b, struct blockdev_set *set);

#endif
