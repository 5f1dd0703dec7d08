/* main.c - newroot: the stages of a boot, in order.
 *
 * Run by the kernel as /init (PID 1) it takes the machine from the
 * initramfs to the real root; run under any other name, or with a
 * command word, it is the command-line tool (cli.c). */
#include <unistd.h>

#include "apifs.h"
#include "boot.h"
#include "cli.h"
#include "handover.h"
#include "log.h"
#include "mountroot.h"
#include "premount.h"
#include "stage.h"

static const struct {
	enum stage id;
	stage_fn run;
} stages[] = {
	{ STAGE_TOP, stage_top }, /* /dev /proc /sys /run, cmdline */
	{ STAGE_MODULES, stage_modules }, /* image list, coldplug */
	{ STAGE_PREMOUNT, stage_premount }, /* the image's hooks */
	{ STAGE_MOUNT, stage_mount }, /* find root=, wait, mount */
	{ STAGE_BOTTOM, stage_bottom }, /* switch root, exec init */
};

int main(int argc, char **argv, char **envp)
{
	static struct boot b;
	unsigned i;

	if (!boot_mode(getpid(), argc, argv))
		return cli_main(argc, argv);

	b.argc = argc;
	b.argv = argv;
	b.envp = envp;
	b.uevent_fd = -1;
	for (;;)
		for (i = 0; i < sizeof(stages) / sizeof(stages[0]); i++)
			stage_run(&b, stages[i].id, stages[i].run);
	/* Not reached: the bottom stage executes the real init, and a
	 * failure there is the failure policy's. */
}
