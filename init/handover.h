/* handover.h - the bottom stage: switch to the real root, exec its init */
#ifndef NEWROOT_HANDOVER_H
#define NEWROOT_HANDOVER_H

#include "boot.h"

/* Switch to NEWROOT_DIR with newroot.method= (default auto) and execute
 * init= (default /sbin/init, then the kernel's fallbacks) with the
 * arguments the kernel gave us, on /dev/console.  Returns only on
 * failure, after saying what failed. */
int stage_bottom(struct boot *b);

#endif
