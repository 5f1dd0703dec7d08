/* cli.h - newroot as a command: switch-root, run-init, switch_root, probe */
#ifndef NEWROOT_CLI_H
#define NEWROOT_CLI_H

/* The applet is chosen by basename(argv[0]) ("run-init", "switch_root")
 * or by argv[1] after "newroot" ("switch-root", "probe").  Returns the
 * exit status. */
int cli_main(int argc, char **argv);

#endif
