/* apifs.h - the top stage: /dev /proc /sys /run, the log and the
 * command line */
#ifndef NEWROOT_APIFS_H
#define NEWROOT_APIFS_H

#include "boot.h"

/* Mount devtmpfs on /dev (or create /dev/console and /dev/null when the
 * kernel has no devtmpfs), proc, sysfs and a tmpfs on /run; send the log
 * to /dev/kmsg; read and parse /proc/cmdline into b->cl. */
int stage_top(struct boot *b);

#endif
