/* unlock.h - a block device appeared: does it unlock something?  The
 * dispatcher over the unlockers (docs/devices.md): md, LVM, LUKS. */
#ifndef NEWROOT_UNLOCK_H
#define NEWROOT_UNLOCK_H

#include <stdbool.h>

#include "blockdev.h"
#include "crypttab.h"
#include "unlock_rules.h"

#define UNLOCK_SEEN_MAX BLOCKDEV_MAX
#define UNLOCK_CRYPTTAB "/etc/crypttab"
/* What the unlockers started when the wait was over (degraded arrays)
 * gets this much longer to appear. */
#define UNLOCK_GRACE_MS 10000
/* A wait without end (rootwait) starts incomplete arrays degraded
 * after this long, as the default wait would. */
#define UNLOCK_DEGRADED_MS 30000

struct boot;

/* What the unlockers remember across the waits of a boot (struct boot). */
struct unlock_state {
	bool loaded; /* conf and crypttab read */
	bool have_ct;
	struct unlock_conf conf;
	struct crypttab ct;
	int n_seen; /* devices handed to the rules, by number */
	struct {
		unsigned major, minor;
	} seen[UNLOCK_SEEN_MAX];
	bool md_members; /* mdadm was given a member */
	bool md_ran; /* the degraded arrays were started */
};

/*
 * The wait's one call: with look, every device of set not seen before
 * is probed (through devfd) and handed to the rules, and to its
 * unlocker (each device once, by MAJ:MIN); with expired (the wait's time
 * is up), incomplete md arrays are started degraded, once.  A failure is
 * logged and the wait goes on; a LUKS passphrase asked in vain gets the
 * failure policy.  Returns how many unlockers ran (the wait then adds
 * the time they took, and UNLOCK_GRACE_MS when it was over).
 */
int unlock_devices(struct boot *b, struct blockdev_set *set, int devfd,
		   bool look, bool expired);

/* The unlockers: 0 or -errno, the failure logged with the program's
 * message.  bd's node is /dev/NAME. */
int unlock_md(struct boot *b, const struct blockdev *bd,
	      const struct unlock_plan *p);
int unlock_md_degraded(struct boot *b);
int unlock_lvm(struct boot *b, const struct blockdev *bd,
	       const struct unlock_plan *p);
int unlock_luks(struct boot *b, const struct blockdev *bd,
		const struct unlock_plan *p);

/* Load the kernel modules an unlocker's program needs from the image:
 * the kernel cannot ask for them itself, there is no modprobe.  need
 * are names (one the image lacks and the kernel has not built in is
 * logged with the option that adds it); may are aliases the kernel
 * would ask for ("crypto-xts", "md-level-1"), loaded when the image has
 * them.  Both lists NULL ended. */
void unlock_modules(struct boot *b, const char *const need[],
		    const char *const may[]);

/* Run an image program (name looked up in RUNPROG_PATH) with args; its
 * output logged at info (or, when it fails, at err with what).  in/len
 * as runprog().  Returns its exit status, or -errno (-ENOENT: the image
 * lacks it, said with the newroot-mkimage option that adds it). */
int unlock_run(const char *name, const char *const args[], const void *in,
	       size_t len, const char *with);

/* unlock_run() without stdin, for a program whose status is all that
 * matters: a failure is logged as "NAME ARGS[0] DEV failed (status N);
 * then" and returns -EIO; 0 when it succeeded, -errno when it could not
 * run. */
int unlock_run_check(const char *name, const char *const args[],
		     const char *with, const char *dev, const char *then);

#endif
