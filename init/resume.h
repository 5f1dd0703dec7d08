/* resume.h - resume=: give a hibernation image back to the kernel */
#ifndef NEWROOT_RESUME_H
#define NEWROOT_RESUME_H

#include "boot.h"
#include "cmdline.h"

/* What to do with the device resume= names, from the type its probe
 * found ("" when nothing was recognised).  Pure. */
enum resume_action {
	RESUME_IMAGE, /* a hibernation image: hand it to the kernel */
	RESUME_NO_IMAGE, /* plain swap: boot normally */
	RESUME_NOT_SWAP, /* something else: warn, boot normally */
};
enum resume_action resume_action(const char *fstype);

/*
 * Before anything is mounted (a journal replayed by a read-only mount
 * would change the disk under the hibernated system): find the device
 * resume= names, waiting on uevents (b->uevent_fd, opened if -1) up to
 * RESUME_WAIT_MS (rd.timeout= when shorter),
 * and when it holds a hibernation image write its MAJ:MIN to
 * /sys/power/resume, from which the kernel restores the image and does
 * not come back.  Nothing to do without resume= or with noresume.  Never
 * fatal: every way of not resuming says why and the boot goes on.
 */
#define RESUME_WAIT_MS 5000
/* How long resume_from() waits for the device: RESUME_WAIT_MS, or
 * rd.timeout= when shorter.  Pure. */
int resume_wait_ms(const struct cmdline *cl);
void resume_from(struct boot *b);

#endif
