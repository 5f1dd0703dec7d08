/* rescue.h - what happens when the boot cannot go on, and rd.break= */
#ifndef NEWROOT_RESCUE_H
#define NEWROOT_RESCUE_H

#include "cmdline.h"

/* The shell the image may carry. */
#define RESCUE_SHELL "/bin/sh"

/* Run the image's shell on the console and wait until it exits, reaping
 * every other child meanwhile.  Returns the shell's exit status, or
 * -ENOENT when the image has no shell. */
int rescue_shell(const char *why);

/*
 * The failure policy, after the message that says what failed and what to
 * try has been logged: a shell when rd.shell is given and the image has
 * one (returns 0: the caller tries the stage again); otherwise panic=N
 * (N > 0: reboot after N seconds, N < 0: now), or wait forever with the
 * message on screen.  Never returns in those cases.
 */
int rescue_fail(const struct cmdline *cl);

/* What the policy will do, in words, for the message ("rebooting in 5
 * seconds (panic=5)").  Pure. */
const char *rescue_policy_text(const struct cmdline *cl, int have_shell,
			       char *buf, int size);

#endif
