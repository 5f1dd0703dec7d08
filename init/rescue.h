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

/* The same with the prompt given ("(newroot initramfs) # "). */
int rescue_shell_prompt(const char *why, const char *prompt);

/* What the failure policy does (rescue_policy()). */
enum rescue_action {
	RESCUE_SHELL_AGAIN, /* a shell, then the stage again */
	RESCUE_REBOOT, /* panic=N, N != 0: after N seconds, or now */
	RESCUE_HALT, /* panic=0: halt, as initramfs-tools (never reboots) */
	RESCUE_WAIT, /* the message stays on screen */
};

/* Which, from the command line and whether the image has a shell: rd.shell
 * (with a shell) first; then panic=; then, as initramfs-tools' panic(),
 * the shell when the image has one and rd.shell=0 was not given; else
 * wait.  Pure. */
enum rescue_action rescue_policy(const struct cmdline *cl, int have_shell);

/*
 * The failure policy, after the message that says what failed and what to
 * try has been logged: says what it does (rescue_policy_text()), then
 * a shell with the prompt "(newroot initramfs) # " (returns 0 when it exits: the
 * caller tries the stage again); or panic=N (N > 0: reboot after N
 * seconds, N < 0: now, 0: halt); or wait forever with the message on
 * screen.  Never returns in those cases.
 */
int rescue_fail(const struct cmdline *cl);

/* What the policy will do, in words, for the message ("Rebooting
 * automatically due to panic= boot argument (panic=5: rebooting in 5
 * seconds)", initramfs-tools' words first).  Pure. */
const char *rescue_policy_text(const struct cmdline *cl, int have_shell,
			       char *buf, int size);

#endif
