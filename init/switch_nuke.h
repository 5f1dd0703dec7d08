/* switch_nuke.h - the delete walk that frees the initramfs */
#ifndef NEWROOT_SWITCH_NUKE_H
#define NEWROOT_SWITCH_NUKE_H

#include <sys/types.h>

#include "switch_keep.h"

/* Delete everything below dirfd that lives on device dev, without
 * following symlinks nor entering another filesystem; what keep holds
 * (by device and inode; NULL for nothing) is never entered nor removed,
 * and its parents stay.  One descriptor per directory level.  Logs each
 * failure under the step name "nuking initramfs contents" and returns 0
 * or the first -errno; directories that still hold a mount point or a
 * kept entry are left in place without error. */
int switch_nuke(int dirfd, dev_t dev, const struct switch_keep *keep);

#endif
