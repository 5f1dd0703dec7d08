/* stage.c - one stage at a time, with rd.break= and the failure policy */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boot.h"
#include "log.h"
#include "modules.h"
#include "rescue.h"
#include "stage.h"
#include "sys.h"
#include "uevent.h"

static const char *const applets[] = { "switch-root", "switch_root",
				       "run-init",    "probe",
				       "--help",      "--version",
				       "-h",	      NULL };

static const char *base_name(const char *p)
{
	const char *s = strrchr(p, '/');

	return s ? s + 1 : p;
}

bool boot_mode(int pid, int argc, char **argv)
{
	const char *name = argc > 0 ? base_name(argv[0]) : "init";
	int i;

	if (pid != 1)
		return false;
	if (!strcmp(name, "run-init") || !strcmp(name, "switch_root"))
		return false;
	/* "newroot switch-root ..." as PID 1 (a container, a test) is the
	 * command; words the kernel passes to /init ("single") are not. */
	if (argc > 1)
		for (i = 0; applets[i]; i++)
			if (!strcmp(argv[1], applets[i]))
				return false;
	return true;
}

const char *stage_break(unsigned breaks, enum stage id)
{
	/* rd.break=top can only be seen once the top stage has read the
	 * command line: stage_run() stops right after it. */
	if (id == STAGE_TOP)
		return NULL;
	if (breaks & (1u << id))
		return stage_name(id);
	/* initramfs-tools' break=init stops just before run-init, the root
	 * mounted and not yet switched to.  Once the bottom stage has
	 * switched, the image and its shell are gone, so ours stops at the
	 * last point before it (as dracut's bare rd.break, pre-pivot). */
	if (id == STAGE_BOTTOM && (breaks & (1u << STAGE_INIT)))
		return stage_name(STAGE_INIT);
	return NULL;
}

void stage_run(struct boot *b, enum stage id, stage_fn fn)
{
	const char *at = stage_break(b->cl.break_stages, id);
	char why[48];

	if (at) {
		strcpy(why, "rd.break=");
		strcat(why, at);
		if (id == STAGE_BOTTOM)
			log_info("%s: the root is mounted at %s and nothing is "
				 "switched yet; exit the shell to switch to it "
				 "and start its init",
				 why, NEWROOT_DIR);
		if (rescue_shell(why) == -ENOENT)
			log_warn("%s: this image has no %s; going on", why,
				 RESCUE_SHELL);
	}
	for (;;) {
		b->t_start[id] = sys_now_ms();
		if (fn(b) == 0)
			break;
		/* The stage logged what failed and what to try. */
		rescue_fail(&b->cl);
	}
	b->t_end[id] = sys_now_ms();
	if (id == STAGE_TOP && (b->cl.break_stages & (1u << id)))
		if (rescue_shell("rd.break=top") == -ENOENT)
			log_warn("rd.break=top: this image has no %s; going on",
				 RESCUE_SHELL);
}

int stage_modules(struct boot *b)
{
	int r;

	/* Listen before loading: a disk a driver finds while coldplug is
	 * still walking /sys must reach the wait for the root. */
	if (b->uevent_fd < 0)
		b->uevent_fd = uevent_open();
	r = modules_stage(&b->mods, &b->cl, b->uevent_fd >= 0);

	/* A module that failed was logged; the root may not need it. */
	if (r > 0)
		log_warn("%d module(s) failed to load; going on", r);
	else if (r < 0 && r != -ENOENT)
		log_warn("the image's module index could not be read (%s); "
			 "going on without it",
			 strerror(-r));
	return 0;
}
