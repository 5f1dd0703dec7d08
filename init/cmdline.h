/* cmdline.h - the kernel command line, parsed once at boot */
#ifndef NEWROOT_CMDLINE_H
#define NEWROOT_CMDLINE_H

#include <stdbool.h>
#include <stddef.h>

#define CMDLINE_MAX 4096 /* COMMAND_LINE_SIZE on x86 is 2048; be generous */
#define CMDLINE_MAX_ARGS 64
#define CMDLINE_MAX_MODULES 64
#define CMDLINE_MAX_PARAMS 64
#define CMDLINE_MAX_IP 8 /* ip= words, one per interface (ipconf.h) */
#define CMDLINE_MAX_CONSOLES 8
#define CMDLINE_MAX_UNLOCK 48 /* rd.luks*, rd.lvm*, rd.md* words */

/* One MODULE.PARAM=VALUE word; "module" is the part before the first
 * dot with '-' turned into '_', "param" the rest as the kernel would pass
 * it ("PARAM=VALUE", or "PARAM" when there was no '='). */
struct module_param {
	const char *module;
	const char *param;
};

struct cmdline {
	const char *root; /* root=; NULL when absent */
	const char *rootfstype; /* comma list, as given */
	const char *rootflags;
	const char *init; /* init=; NULL means the default list */
	const char *resume; /* resume=: the hibernation image's swap */
	const char *nfsroot; /* nfsroot=, for root=/dev/nfs (nfsspec.h) */
	bool noresume;
	const char *method; /* newroot.method= auto|pivot|pivot-olddir|move */
	bool rw; /* last of ro/rw wins; read-only by default */
	bool rootwait; /* rootwait or rootwait=SECS */
	/* -1: forever (plain rootwait, or a bad value, as the kernel) */
	int rootwait_secs;
	int rootdelay; /* seconds, 0 when absent */
	int timeout; /* rd.timeout= seconds, -1 when absent */
	bool has_panic;
	int panic; /* panic= seconds; <0 reboot now */
	bool quiet;
	bool debug; /* debug or rd.debug */
	int loglevel; /* -1 when absent */
	/* bit (1 << enum stage, stage.h) for rd.break=/break=.  Bare
	 * "rd.break" is dracut's "before switch_root": STAGE_BOTTOM (the
	 * root is mounted at /new-root, nothing is switched yet).  Bare
	 * "break" is initramfs-tools' "break=premount": STAGE_PREMOUNT.
	 * STAGE_INIT stops where STAGE_BOTTOM does (stage_break()). */
	unsigned break_stages;
	bool rd_shell;
	bool rd_shell_set; /* rd.shell given at all, rd.shell=0 too */
	/* fsck.mode= and fsck.repair= (and initramfs-tools' fastboot,
	 * forcefsck, fsckfix): enum fsck_mode, enum fsck_repair (fsck.h) */
	int fsck_mode;
	int fsck_repair;

	const char *modules_load[CMDLINE_MAX_MODULES]; /* split on ',' */
	int n_modules_load;
	struct module_param params[CMDLINE_MAX_PARAMS];
	int n_params;
	/* Every ip= value in order, "" for a bare "ip=" (ipconf.h parses
	 * them): several configure several interfaces. */
	const char *ip[CMDLINE_MAX_IP];
	int n_ip;
	/* console= values in order ("ttyS0,115200n8", "tty0"): where a
	 * passphrase is asked besides /dev/console. */
	const char *console[CMDLINE_MAX_CONSOLES];
	int n_console;
	/* The words for the unlockers, whole ("rd.luks.uuid=U", "rd.lvm=0"):
	 * those starting rd.luks, rd.lvm or rd.md, in order
	 * (unlock_rules.h reads them). */
	const char *unlock[CMDLINE_MAX_UNLOCK];
	int n_unlock;

	/* Words for the real init: those after "--" and the bare words the
	 * kernel would hand to init ("single", "emergency", "3" ...). */
	const char *init_args[CMDLINE_MAX_ARGS];
	int n_init_args;

	int n_errors; /* words that could not be understood */

	char buf[CMDLINE_MAX]; /* storage the pointers above point into */
};

/*
 * Parse the text of /proc/cmdline into *cl.  Pure: the text is copied into
 * cl->buf, nothing else is touched.  Returns 0, or -E2BIG when the text or
 * one of the lists is too long (what fits is still filled in), or -EINVAL
 * for an unterminated quote (the words before it are kept, the broken word
 * running to the end of the line is dropped).  Empty values (root=) are
 * taken as absent and bad numbers (rootdelay=abc) are ignored; both count
 * in n_errors.  Words split and quotes go as in the kernel's next_arg():
 * foo="a b" gives foo = "a b".
 */
int cmdline_parse(const char *text, struct cmdline *cl);

/* The most seconds a time from the command line counts for: more would
 * not fit in int milliseconds (INT_MAX / 1000, about 24.8 days). */
#define CMDLINE_SECS_MAX 2147483

/* Seconds from the command line (rootdelay=, rd.timeout=, panic= ...) in
 * milliseconds, clamped to CMDLINE_SECS_MAX so no product overflows;
 * -1 (forever) for a negative value.  Pure. */
int cmdline_secs_ms(int secs);

/*
 * Collect the "PARAM=VALUE" words for one module (name compared with '-'
 * and '_' equal) into out as a space-separated string, the form
 * finit_module() takes.  Returns the length, or -E2BIG when out is too
 * small.
 */
int cmdline_module_params(const struct cmdline *cl, const char *module,
			  char *out, size_t size);

#endif
