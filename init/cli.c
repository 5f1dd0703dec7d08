/* cli.c - newroot as a command: switch-root, run-init, switch_root, probe
 *
 * One binary, applets by name as busybox does: "run-init" speaks klibc's
 * syntax and exit codes so initramfs-tools can call it unchanged,
 * "switch_root" speaks util-linux's and busybox's, and "newroot
 * switch-root" has the full set of options.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "blkid.h"
#include "cli.h"
#include "log.h"
#include "report.h"
#include "switchroot.h"

#ifndef NEWROOT_VERSION
#define NEWROOT_VERSION "0.1"
#endif

/* statfs f_type of the filesystems /run may be */
#define TMPFS_MAGIC_ 0x01021994
#define RAMFS_MAGIC_ 0x858458f6

/* skarnet's convention for newroot's own syntax. */
#define EXIT_USAGE 100
#define EXIT_FAIL 111

static const char usage_newroot[] =
	"usage: newroot switch-root [-c CONSOLE] [-n] [-d CAPS] "
	"[--method auto|pivot|pivot-olddir|move]\n"
	"                           [--old-root DIR] [--keep-old-root] "
	"[--force] NEWROOT INIT [ARGS...]\n"
	"       newroot run-init [-d caps] [-c consoledev] [-n] [-p] "
	"/real-root /sbin/init [args]\n"
	"       newroot switch_root [-c DEV] NEWROOT INIT [ARGS...]\n"
	"       newroot probe DEVICE...\n";

static const char help_newroot[] =
	"\n"
	"Switch the root filesystem to NEWROOT (a mount point) and execute\n"
	"INIT there as this process (PID 1), with ARGS.\n"
	"\n"
	"  -c, --console DEV   open DEV inside the new root as fds 0-2\n"
	"                      (default /dev/console)\n"
	"      --no-console    leave fds 0-2 as they are\n"
	"  -n, --dry-run       check everything, change nothing (exit 0 when\n"
	"                      the switch would succeed)\n"
	"  -d, --drop-caps L   drop the comma-separated capabilities L\n"
	"      --method M      auto (default: pivot, else move), pivot,\n"
	"                      pivot-olddir or move\n"
	"      --old-root DIR  pivot-olddir: where the old root goes\n"
	"                      (default old-root, inside NEWROOT)\n"
	"      --keep-old-root pivot-olddir: leave the old root mounted\n"
	"      --force         switch even when not PID 1\n"
	"  -h, --help          this text\n"
	"      --version       the version\n"
	"\n"
	"Exit status: 100 bad usage, 111 refused or a system call failed.\n"
	"See newroot(8).\n";

static const char usage_run_init[] =
	"Usage: exec %s [-d caps] [-c consoledev] [-n] [-p] /real-root "
	"/sbin/init [args]\n";

static const char usage_switch_root[] =
	"\nUsage:\n %s [options] <newrootdir> <init> <args to init>\n"
	"\nOptions:\n"
	" -c <device>    reopen stdio to this device after the switch\n"
	" -h, --help     display this help\n"
	" -V, --version  display version\n"
	"\nSee newroot(8).\n";

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

static int usage_err(char *err, size_t errlen, const char *fmt, const char *arg)
{
	snprintf(err, errlen, fmt, arg);
	return CLI_USAGE;
}

struct long_opt {
	const char *name;
	int has_arg;
	int id;
};

enum {
	OPT_CONSOLE = 'c',
	OPT_DROP = 'd',
	OPT_DRY = 'n',
	OPT_KEEP_INITRAMFS = 'p',
	OPT_HELP = 'h',
	OPT_VERSION = 'V',
	OPT_METHOD = 256,
	OPT_OLD_ROOT,
	OPT_KEEP_OLD_ROOT,
	OPT_FORCE,
	OPT_NO_CONSOLE,
};

static const struct long_opt long_opts[] = {
	{ "console", 1, OPT_CONSOLE },
	{ "drop-caps", 1, OPT_DROP },
	{ "dry-run", 0, OPT_DRY },
	{ "method", 1, OPT_METHOD },
	{ "old-root", 1, OPT_OLD_ROOT },
	{ "keep-old-root", 0, OPT_KEEP_OLD_ROOT },
	{ "force", 0, OPT_FORCE },
	{ "no-console", 0, OPT_NO_CONSOLE },
	{ "help", 0, OPT_HELP },
	{ "version", 0, OPT_VERSION },
	{ NULL, 0, 0 },
};

/* Which short options each syntax has; ':' after one that takes a value. */
static const char *short_opts(int applet)
{
	switch (applet) {
	case APPLET_RUN_INIT:
		return "c:d:np";
	case APPLET_SWITCH_ROOT:
		return "c:hV";
	default:
		return "c:d:nh";
	}
}

static int apply_opt(struct switch_opts *o, int id, const char *val, char *err,
		     size_t errlen)
{
	int m;

	switch (id) {
	case OPT_CONSOLE:
		o->console = val;
		break;
	case OPT_NO_CONSOLE:
		o->console = NULL;
		break;
	case OPT_DROP:
		o->drop_caps = val;
		break;
	case OPT_DRY:
		o->dry_run = true;
		break;
	case OPT_KEEP_INITRAMFS:
		o->keep_initramfs = true;
		break;
	case OPT_METHOD:
		m = switch_method_parse(val);
		if (m < 0)
			return usage_err(err, errlen,
					 "unknown method '%s' (auto, pivot, "
					 "pivot-olddir, move)",
					 val);
		o->method = m;
		break;
	case OPT_OLD_ROOT:
		o->old_root = val;
		break;
	case OPT_KEEP_OLD_ROOT:
		o->keep_old_root = true;
		break;
	case OPT_FORCE:
		o->force = true;
		break;
	case OPT_HELP:
		return CLI_HELP;
	case OPT_VERSION:
		return CLI_VERSION;
	}
	return CLI_RUN;
}

/* One "--name[=value]" word; *i moves past a value given as the next
 * word. */
static int parse_long(int argc, char **argv, int *i, struct switch_opts *o,
		      char *err, size_t errlen)
{
	const char *word = argv[*i] + 2, *eq = strchr(word, '=');
	size_t n = eq ? (size_t)(eq - word) : strlen(word);
	const struct long_opt *l;

	for (l = long_opts; l->name; l++)
		if (strlen(l->name) == n && !strncmp(l->name, word, n))
			break;
	if (!l->name)
		return usage_err(err, errlen, "unknown option '%s'", argv[*i]);
	if (!l->has_arg) {
		if (eq)
			return usage_err(err, errlen,
					 "option '%s' takes no value",
					 argv[*i]);
		return apply_opt(o, l->id, NULL, err, errlen);
	}
	if (eq)
		return apply_opt(o, l->id, eq + 1, err, errlen);
	if (*i + 1 >= argc)
		return usage_err(err, errlen, "option '%s' needs a value",
				 argv[*i]);
	(*i)++;
	return apply_opt(o, l->id, argv[*i], err, errlen);
}

/* One "-xyz" cluster, getopt-style: a letter that takes a value takes
 * the rest of the word or the next word. */
static int parse_short(int argc, char **argv, int *i, int applet,
		       struct switch_opts *o, char *err, size_t errlen)
{
	const char *opts = short_opts(applet), *word = argv[*i], *s;
	char one[3] = "-?";
	int j, r;

	for (j = 1; word[j]; j++) {
		s = strchr(opts, word[j]);
		if (!s || word[j] == ':') {
			one[1] = word[j];
			return usage_err(err, errlen, "unknown option '%s'",
					 one);
		}
		if (s[1] != ':') {
			r = apply_opt(o, word[j], NULL, err, errlen);
			if (r != CLI_RUN)
				return r;
			continue;
		}
		if (word[j + 1])
			return apply_opt(o, word[j], word + j + 1, err, errlen);
		if (*i + 1 >= argc) {
			one[1] = word[j];
			return usage_err(err, errlen,
					 "option '%s' needs a value", one);
		}
		(*i)++;
		return apply_opt(o, word[j], argv[*i], err, errlen);
	}
	return CLI_RUN;
}

int cli_parse_switch(int argc, char **argv, int applet, struct switch_opts *o,
		     char *err, size_t errlen)
{
	int i, r;

	memset(o, 0, sizeof(*o));
	o->method = SWITCH_AUTO;
	/* The user named the init: like init= on the kernel command line,
	 * that one and no other. */
	o->exact_init = true;
	o->console = applet == APPLET_SWITCH_ROOT ? NULL : "/dev/console";
	if (err && errlen)
		err[0] = '\0';

	if (applet == APPLET_SWITCH_ROOT && argc > 1) {
		/* util-linux looks at argv[1] alone for these. */
		if (!strcmp(argv[1], "--help"))
			return CLI_HELP;
		if (!strcmp(argv[1], "--version"))
			return CLI_VERSION;
	}
	/* Options end at NEWROOT: what follows INIT is the init's. */
	for (i = 1; i < argc; i++) {
		if (argv[i][0] != '-' || !argv[i][1])
			break;
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (argv[i][1] == '-' && applet == APPLET_NEWROOT)
			r = parse_long(argc, argv, &i, o, err, errlen);
		else if (argv[i][1] == '-')
			r = usage_err(err, errlen, "unknown option '%s'",
				      argv[i]);
		else
			r = parse_short(argc, argv, &i, applet, o, err, errlen);
		if (r != CLI_RUN)
			return r;
	}
	if (argc - i < 2)
		return usage_err(err, errlen, "%s",
				 argc - i == 1
					 ? "INIT is missing"
					 : "NEWROOT and INIT are missing");
	if (!argv[i][0] || !argv[i + 1][0])
		return usage_err(err, errlen, "%s",
				 "NEWROOT and INIT must not be empty");
	o->newroot = argv[i];
	o->init = argv[i + 1];
	o->argv = argv + i + 1;
	return CLI_RUN;
}

int cli_exit_code(int applet, int parsed, int switch_result)
{
	if (parsed == CLI_HELP || parsed == CLI_VERSION)
		return 0;
	if (parsed == CLI_USAGE)
		return applet == APPLET_NEWROOT ? EXIT_USAGE : 1;
	if (switch_result == 0)
		return 0;
	return applet == APPLET_NEWROOT ? EXIT_FAIL : 1;
}

static void print_usage(int applet, const char *name, int fd)
{
	if (applet == APPLET_RUN_INIT)
		log_out(fd, usage_run_init, name);
	else if (applet == APPLET_SWITCH_ROOT)
		log_out(fd, usage_switch_root, name);
	else
		log_puts(fd, usage_newroot);
}

/* The last mount on "/" of /proc/self/mountinfo (the new root, after the
 * switch): its source and type, for the report.  Fields: ID PARENT
 * MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - TYPE SOURCE SUPER. */
static void root_from_mountinfo(struct boot *b)
{
	static char buf[16384];
	char *line, *next;
	ssize_t n = -1;
	int fd = open("/proc/self/mountinfo", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
	}
	if (n <= 0)
		return;
	buf[n] = '\0';
	for (line = buf; line && *line; line = next) {
		char *mp = line, *sep, *type, *src;
		int i;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		for (i = 0; i < 4 && mp; i++) {
			mp = strchr(mp, ' ');
			mp = mp ? mp + 1 : NULL;
		}
		sep = strstr(line, " - ");
		if (!mp || !sep || strncmp(mp, "/ ", 2))
			continue;
		type = sep + 3;
		src = strchr(type, ' ');
		if (!src)
			continue;
		*src++ = '\0';
		src[strcspn(src, " ")] = '\0';
		snprintf(b->root_type, sizeof(b->root_type), "%s", type);
		snprintf(b->root_dev, sizeof(b->root_dev), "%s", src);
	}
}

/* As PID 1 in another initramfs (dracut's switch_root, initramfs-tools'
 * run-init), leave the real system the same report a boot by newroot
 * does, so it can tell who switched and how.  Only into a /run of its
 * own that is tmpfs (the one moved from the initramfs): never onto the
 * root filesystem. */
static void report_cli_switch(const char *method, void *arg)
{
	static struct boot b;
	struct stat root, run;
	struct statfs sf;

	if (stat("/", &root) < 0 || stat("/run", &run) < 0 ||
	    root.st_dev == run.st_dev || statfs("/run", &sf) < 0 ||
	    ((unsigned long)sf.f_type != TMPFS_MAGIC_ &&
	     (unsigned long)sf.f_type != RAMFS_MAGIC_))
		return;
	root_from_mountinfo(&b);
	report_write(&b, method);
}

static int run_switch(int applet, int argc, char **argv)
{
	struct switch_opts o;
	char err[160];
	int p, r = 0;

	p = cli_parse_switch(argc, argv, applet, &o, err, sizeof(err));
	switch (p) {
	case CLI_HELP:
		print_usage(applet, argv[0], 1);
		if (applet == APPLET_NEWROOT)
			log_puts(1, help_newroot);
		break;
	case CLI_VERSION:
		log_out(1, "%s from newroot %s\n", base_name(argv[0]),
			NEWROOT_VERSION);
		break;
	case CLI_USAGE:
		if (applet != APPLET_RUN_INIT)
			log_out(2, "%s: %s\n", base_name(argv[0]), err);
		print_usage(applet, argv[0], 2);
		break;
	default:
		if (getpid() == 1 && !o.dry_run)
			o.before_exec = report_cli_switch;
		r = switch_root(&o);
		/* klibc's run-init says nothing; newroot says what it saw. */
		if (r == 0 && o.dry_run && applet == APPLET_NEWROOT)
			log_info("dry run: switching to %s and executing %s "
				 "would succeed",
				 o.newroot, o.init);
		break;
	}
	return cli_exit_code(applet, p, r);
}

int cli_main(int argc, char **argv)
{
	const char *name = argc > 0 ? base_name(argv[0]) : "newroot";
	const char *cmd;

	if (!strcmp(name, "run-init"))
		return run_switch(APPLET_RUN_INIT, argc, argv);
	if (!strcmp(name, "switch_root"))
		return run_switch(APPLET_SWITCH_ROOT, argc, argv);
	if (!strcmp(name, "switch-root"))
		return run_switch(APPLET_NEWROOT, argc, argv);
	if (argc < 2) {
		log_puts(2, usage_newroot);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (!strcmp(cmd, "switch-root"))
		return run_switch(APPLET_NEWROOT, argc - 1, argv + 1);
	if (!strcmp(cmd, "run-init"))
		return run_switch(APPLET_RUN_INIT, argc - 1, argv + 1);
	if (!strcmp(cmd, "switch_root"))
		return run_switch(APPLET_SWITCH_ROOT, argc - 1, argv + 1);
	if (!strcmp(cmd, "probe"))
		return cmd_probe(argc - 1, argv + 1);
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
		log_puts(1, usage_newroot);
		log_puts(1, help_newroot);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		log_puts(1, "newroot " NEWROOT_VERSION "\n");
		return 0;
	}
	log_out(2, "newroot: unknown command '%s'\n", cmd);
	log_puts(2, usage_newroot);
	return EXIT_USAGE;
}
