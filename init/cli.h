/* cli.h - newroot as a command: switch-root, run-init, switch_root, probe */
#ifndef NEWROOT_CLI_H
#define NEWROOT_CLI_H

/* The applet is chosen by basename(argv[0]) ("run-init", "switch_root")
 * or by argv[1] after "newroot" ("switch-root", "probe").  Returns the
 * exit status. */
int cli_main(int argc, char **argv);

/* The command-line syntaxes of the switch. */
#include <stddef.h>

#include "switchroot.h"

enum cli_applet {
	APPLET_NEWROOT, /* newroot switch-root [options] NEWROOT INIT */
	APPLET_RUN_INIT, /* klibc: run-init [-d caps] [-c dev] [-n] [-p] */
	APPLET_SWITCH_ROOT, /* util-linux/busybox: switch_root [-c DEV] */
};

enum cli_parsed {
	CLI_USAGE = -1, /* bad usage: the reason is in err */
	CLI_RUN = 0, /* o is filled in */
	CLI_HELP = 1,
	CLI_VERSION = 2,
};

/* Parse argv (argv[0] is the applet's name) for applet into o.  Pure:
 * o->argv points into argv.  Returns an enum cli_parsed. */
int cli_parse_switch(int argc, char **argv, int applet, struct switch_opts *o,
		     char *err, size_t errlen);

/* The exit status for each outcome, per applet: newroot's own syntax
 * follows skarnet (100 bad usage, 111 failure), run-init and switch_root
 * keep klibc's and util-linux's (1). */
int cli_exit_code(int applet, int parsed, int switch_result);

#endif
