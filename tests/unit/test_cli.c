/* test_cli.c - the three syntaxes of the switch, and their exit codes */
#include <string.h>

#include "cli.h"
#include "t.h"

static struct switch_opts o;
static char err[160];

static int parse(int applet, const char *line)
{
	static char buf[512];
	static char *argv[32];
	int argc = 0;
	char *s, *save = NULL;

	/* Words split on spaces; '+' inside a word stands for a space. */
	strcpy(buf, line);
	for (s = strtok_r(buf, " ", &save); s && argc < 31;
	     s = strtok_r(NULL, " ", &save)) {
		for (char *p = s; *p; p++)
			if (*p == '+')
				*p = ' ';
		argv[argc++] = s;
	}
	argv[argc] = NULL;
	return cli_parse_switch(argc, argv, applet, &o, err, sizeof(err));
}

static void test_newroot(void)
{
	T_INTEQ(parse(APPLET_NEWROOT, "switch-root /new-root /sbin/init"),
		CLI_RUN, "newroot: plain");
	T_STREQ(o.newroot, "/new-root", "newroot: NEWROOT");
	T_STREQ(o.init, "/sbin/init", "newroot: INIT");
	T_STREQ(o.argv[0], "/sbin/init", "newroot: argv[0] is INIT");
	T_OK(o.argv[1] == NULL, "newroot: no init arguments");
	T_STREQ(o.console, "/dev/console", "newroot: console by default");
	T_INTEQ(o.method, SWITCH_AUTO, "newroot: method auto by default");
	T_OK(o.exact_init && !o.force && !o.dry_run && !o.keep_initramfs,
	     "newroot: defaults");

	T_INTEQ(parse(APPLET_NEWROOT,
		      "switch-root -n -c /dev/ttyS0 -d cap_sys_module "
		      "--method pivot-olddir --old-root=/oldr --keep-old-root "
		      "--force /r /bin/init -x --method=move a+b"),
		CLI_RUN, "newroot: every option");
	T_OK(o.dry_run && o.force && o.keep_old_root, "newroot: flags set");
	T_STREQ(o.console, "/dev/ttyS0", "newroot: -c VALUE");
	T_STREQ(o.drop_caps, "cap_sys_module", "newroot: -d VALUE");
	T_INTEQ(o.method, SWITCH_PIVOT_OLDDIR, "newroot: --method VALUE");
	T_STREQ(o.old_root, "/oldr", "newroot: --old-root=VALUE");
	T_STREQ(o.argv[1], "-x", "newroot: init args may start with '-'");
	T_STREQ(o.argv[2], "--method=move", "newroot: options end at NEWROOT");
	T_STREQ(o.argv[3], "a b", "newroot: an argument with a space");
	T_OK(o.argv[4] == NULL, "newroot: argv ends");

	T_INTEQ(parse(APPLET_NEWROOT, "switch-root -nc/dev/tty1 --method=move "
				      "--no-console -- -r /i"),
		CLI_RUN, "newroot: cluster, --, '=' value");
	T_OK(o.dry_run, "newroot: -n in a cluster");
	T_OK(o.console == NULL, "newroot: --no-console after -c");
	T_INTEQ(o.method, SWITCH_MOVE, "newroot: --method=move");
	T_STREQ(o.newroot, "-r", "newroot: after --, a dash is NEWROOT");

	T_INTEQ(parse(APPLET_NEWROOT, "switch-root --help"), CLI_HELP,
		"newroot: --help");
	T_INTEQ(parse(APPLET_NEWROOT, "switch-root -h"), CLI_HELP,
		"newroot: -h");
	T_INTEQ(parse(APPLET_NEWROOT, "switch-root --version"), CLI_VERSION,
		"newroot: --version");

	T_INTEQ(parse(APPLET_NEWROOT, "switch-root /r"), CLI_USAGE,
		"newroot: INIT missing");
	T_STREQ(err, "INIT is missing", "newroot: says INIT is missing");
	T_INTEQ(parse(APPLET_NEWROOT, "switch-root"), CLI_USAGE,
		"newroot: nothing");
	T_INTEQ(parse(APPLET_NEWROOT, "switch-root --method"), CLI_USAGE,
		"newroot: --method without a value");
	T_STREQ(err, "option '--method' needs a value",
		"newroot: says the value is missing");
	T_INTEQ(parse(APPLET_NEWROOT, "switch-root --method=up /r /i"),
		CLI_USAGE, "newroot: unknown method");
	T_INTEQ(parse(APPLET_NEWROOT, "switch-root --force=yes /r /i"),
		CLI_USAGE, "newroot: a flag given a value");
	T_INTEQ(parse(APPLET_NEWROOT, "switch-root --frob /r /i"), CLI_USAGE,
		"newroot: unknown long option");
	T_INTEQ(parse(APPLET_NEWROOT, "switch-root -p /r /i"), CLI_USAGE,
		"newroot: -p is run-init's");
	T_STREQ(err, "unknown option '-p'", "newroot: names the option");
	T_INTEQ(parse(APPLET_NEWROOT, "switch-root -c"), CLI_USAGE,
		"newroot: -c without a value");
}

static void test_run_init(void)
{
	T_INTEQ(parse(APPLET_RUN_INIT, "run-init /root /sbin/init"), CLI_RUN,
		"run-init: plain");
	T_STREQ(o.console, "/dev/console", "run-init: console by default");
	T_INTEQ(parse(APPLET_RUN_INIT, "run-init -d cap_a,cap_b -c /dev/tty1 "
				       "-n -p /root /sbin/init --x y"),
		CLI_RUN, "run-init: every option");
	T_STREQ(o.drop_caps, "cap_a,cap_b", "run-init: -d");
	T_STREQ(o.console, "/dev/tty1", "run-init: -c");
	T_OK(o.dry_run && o.keep_initramfs, "run-init: -n -p");
	T_STREQ(o.argv[1], "--x", "run-init: options stop at newroot");
	T_INTEQ(parse(APPLET_RUN_INIT, "run-init -np -c/dev/tty2 /r /i"),
		CLI_RUN, "run-init: getopt clusters");
	T_STREQ(o.console, "/dev/tty2", "run-init: -cVALUE");
	T_INTEQ(parse(APPLET_RUN_INIT, "run-init /root"), CLI_USAGE,
		"run-init: one argument");
	T_INTEQ(parse(APPLET_RUN_INIT, "run-init --help"), CLI_USAGE,
		"run-init: no long options, as klibc");
	T_INTEQ(parse(APPLET_RUN_INIT, "run-init --method=move /r /i"),
		CLI_USAGE, "run-init: no --method");
	T_INTEQ(parse(APPLET_RUN_INIT, "run-init -- /r /i"), CLI_RUN,
		"run-init: --");
}

static void test_switch_root(void)
{
	T_INTEQ(parse(APPLET_SWITCH_ROOT, "switch_root /r /sbin/init x"),
		CLI_RUN, "switch_root: plain");
	T_OK(o.console == NULL, "switch_root: stdio kept by default");
	T_STREQ(o.argv[1], "x", "switch_root: init args");
	T_INTEQ(parse(APPLET_SWITCH_ROOT, "switch_root -c /dev/tty1 /r /i"),
		CLI_RUN, "switch_root: -c");
	T_STREQ(o.console, "/dev/tty1", "switch_root: -c DEV");
	T_INTEQ(parse(APPLET_SWITCH_ROOT, "switch_root --help"), CLI_HELP,
		"switch_root: --help");
	T_INTEQ(parse(APPLET_SWITCH_ROOT, "switch_root -h"), CLI_HELP,
		"switch_root: -h");
	T_INTEQ(parse(APPLET_SWITCH_ROOT, "switch_root -V"), CLI_VERSION,
		"switch_root: -V");
	T_INTEQ(parse(APPLET_SWITCH_ROOT, "switch_root /r"), CLI_USAGE,
		"switch_root: not enough arguments");
	T_INTEQ(parse(APPLET_SWITCH_ROOT, "switch_root -n /r /i"), CLI_USAGE,
		"switch_root: no -n");
}

static void test_exit_codes(void)
{
	T_INTEQ(cli_exit_code(APPLET_NEWROOT, CLI_USAGE, 0), 100,
		"exit: newroot bad usage 100");
	T_INTEQ(cli_exit_code(APPLET_NEWROOT, CLI_RUN, -1), 111,
		"exit: newroot refused 111");
	T_INTEQ(cli_exit_code(APPLET_NEWROOT, CLI_RUN, 0), 0,
		"exit: newroot dry run 0");
	T_INTEQ(cli_exit_code(APPLET_RUN_INIT, CLI_USAGE, 0), 1,
		"exit: run-init usage 1");
	T_INTEQ(cli_exit_code(APPLET_RUN_INIT, CLI_RUN, -2), 1,
		"exit: run-init failure 1");
	T_INTEQ(cli_exit_code(APPLET_SWITCH_ROOT, CLI_USAGE, 0), 1,
		"exit: switch_root usage 1");
	T_INTEQ(cli_exit_code(APPLET_SWITCH_ROOT, CLI_HELP, 0), 0,
		"exit: switch_root --help 0");
}

int main(void)
{
	test_newroot();
	test_run_init();
	test_switch_root();
	test_exit_codes();
	T_DONE();
}
