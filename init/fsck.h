/* fsck.h - checking the root and /usr before they are mounted, as
 * initramfs-tools' checkfs() does */
#ifndef NEWROOT_FSCK_H
#define NEWROOT_FSCK_H

#include "cmdline.h"

/* fsck.mode= (systemd-fsck's words; initramfs-tools' fastboot and
 * forcefsck are skip and force). */
enum fsck_mode {
	FSCK_MODE_AUTO, /* the checker decides (a clean filesystem: quick) */
	FSCK_MODE_FORCE, /* -f: a full check */
	FSCK_MODE_SKIP, /* no check */
};

/* fsck.repair= (initramfs-tools' fsckfix is yes). */
enum fsck_repair {
	FSCK_REPAIR_PREEN, /* -a: fix what is safe without asking */
	FSCK_REPAIR_YES, /* -y: fix everything */
	FSCK_REPAIR_NO, /* -n: change nothing */
};

/* What the boot does after the checker's exit status. */
enum fsck_action {
	FSCK_GO_ON, /* 0: clean or checked; the stamp file is written */
	FSCK_CORRECTED, /* 1: errors were corrected; logged, stamp, go on */
	FSCK_REBOOT, /* 2: the checker asks for a reboot */
	FSCK_CANCELLED, /* 32: interrupted; warned, go on (no stamp) */
	FSCK_FAILED, /* 4, 8, 16, 128 or a signal: the failure policy */
};

/* The paths initramfs-tools leaves for the real system: the checkers'
 * output (appended), and a stamp per checked filesystem that tells
 * systemd-fsck-root.service / systemd-fsck-usr.service not to check
 * again. */
#define FSCK_LOG "/run/initramfs/fsck.log"
#define FSCK_STAMP_DIR "/run/initramfs"

/*
 * One word of the kernel command line, if it is fsck's: fsck.mode=
 * auto|force|skip, fsck.repair=preen|yes|no, and initramfs-tools' bare
 * fastboot, forcefsck and fsckfix.  Returns 1 when the word is used up,
 * -1 when it is fsck's but its value is not understood (counted as an
 * error; the setting stays), 0 when it is not fsck's or, for the bare
 * words, when it is but the kernel passes it on to init too.  Pure.
 */
int fsck_cmdline_word(struct cmdline *cl, const char *param, const char *val);

/*
 * The argument vector for util-linux fsck, as initramfs-tools' checkfs()
 * builds it: fsck [-f] -a|-y|-n -V|-T -t TYPE DEV (-V names the checker
 * it runs, -T leaves out the title when quiet).  initramfs-tools' -C
 * progress bar is left out: it would fill the log with carriage
 * returns.  argv needs FSCK_ARGV_MAX entries; returns the count.  Pure.
 */
#define FSCK_ARGV_MAX 9
int fsck_argv(enum fsck_mode mode, enum fsck_repair repair, int quiet,
	      const char *type, const char *dev, const char **argv);

/* The action for an exit status (fsck(8)'s bits); status < 0 means the
 * checker did not exit (a signal).  Pure. */
enum fsck_action fsck_action(int status);

/* What an exit status means in words, for the messages.  Pure. */
const char *fsck_status_text(int status);

/* The last line the checker wrote that does not start with a blank
 * (e2fsck indents its "(i.e., without -a or -p options)" under the line
 * that says what happened), for the failure message; fed the output as
 * it comes, in pieces.  Start with { .at_start = 1 }. */
struct fsck_last {
	char line[160]; /* control characters left out, cut at 159 */
	size_t n;
	int at_start; /* the next byte starts a line */
	int skip; /* this line is indented: keep the one before */
};

/* Pure. */
void fsck_last_line(struct fsck_last *l, const char *p, size_t n);

/* Whether a filesystem type is checked at all before mounting: not the
 * read-only images (squashfs, erofs, iso9660), not btrfs (fsck.btrfs
 * does nothing: the kernel checks it at mount), not network or memory
 * filesystems.  Pure. */
int fsck_type_checked(const char *type);

/*
 * Check dev (of type, "" when unknown) before it is mounted as what
 * ("root" or "usr", the stamp's name): unless fsck.mode=skip, the image
 * has no fsck or no fsck.TYPE (said once), or the type needs no check,
 * run the image's fsck with its output on the console and appended to
 * FSCK_LOG.  Returns 0 to go on with the mount; after exit status 2 the
 * machine reboots; -EIO (after the message) for a failed check, for the
 * failure policy.
 */
int fsck_check(const struct cmdline *cl, const char *dev, const char *type,
	       const char *what);

#endif
