/* premount.h - the premount stage: the image's hooks */
#ifndef NEWROOT_PREMOUNT_H
#define NEWROOT_PREMOUNT_H

#include "boot.h"

#define PREMOUNT_DIR "/hooks/premount"

/* Run every executable of dir (not starting with '.'), in name order,
 * each to its end; stop at the first that fails.  However many there
 * are.  0 (also without dir), or -errno (-ECHILD: a hook exited non-zero
 * or was killed) after saying which failed. */
int premount_run(const char *dir);

/* The premount stage: premount_run(PREMOUNT_DIR). */
int stage_premount(struct boot *b);

#endif
