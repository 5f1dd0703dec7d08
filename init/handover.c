/* handover.c - the bottom stage */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "handover.h"
#include "log.h"
#include "report.h"
#include "rescue.h"
#include "switchroot.h"

/* The first of the kernel's inits that the new root really has (its
 * symlinks followed inside the new root), so that a root without
 * /sbin/init still boots as it would without an initramfs.  When none is
 * there, /sbin/init, for the check to name. */
static const char *pick_init(void)
{
	char rel[4096];
	const char *why;
	int fd = open(NEWROOT_DIR, O_RDONLY | O_DIRECTORY | O_CLOEXEC), i;

	if (fd < 0)
		return switch_fallback_inits[0];
	for (i = 0; switch_fallback_inits[i]; i++)
		if (switch_resolve_in_root(fd, switch_fallback_inits[i], rel,
					   sizeof(rel)) == 0 &&
		    switch_check_exec(fd, rel, &why) == 0)
			break;
	close(fd);
	if (!switch_fallback_inits[i])
		return switch_fallback_inits[0];
	if (i > 0)
		log_warn("%s has no /sbin/init; running %s", NEWROOT_DIR,
			 switch_fallback_inits[i]);
	return switch_fallback_inits[i];
}

static void before_exec(const char *method, void *arg)
{
	report_write(arg, method);
	log_kmsg_restore();
}

int stage_bottom(struct boot *b)
{
	static char *argv[CMDLINE_MAX_ARGS + 2];
	struct switch_opts o;
	bool switched = false;
	int i, m = SWITCH_AUTO, r;

	memset(&o, 0, sizeof(o));
	if (b->cl.method) {
		m = switch_method_parse(b->cl.method);
		if (m < 0) {
			log_err("newroot.method=%s is not a method; use auto, "
				"pivot, pivot-olddir or move",
				b->cl.method);
			return -EINVAL;
		}
	}
	o.newroot = NEWROOT_DIR;
	/* The kernel runs exactly init= when given, and otherwise tries
	 * its list: so does the switch. */
	o.init = b->cl.init ? b->cl.init : pick_init();
	o.exact_init = b->cl.init != NULL;
	argv[0] = (char *)o.init;
	for (i = 0; i < b->cl.n_init_args; i++)
		argv[i + 1] = (char *)b->cl.init_args[i];
	argv[i + 1] = NULL;
	o.argv = argv;
	o.envp = b->envp;
	o.console = "/dev/console";
	o.method = m;
	o.before_exec = before_exec;
	o.arg = b;
	o.switched = &switched;
	r = switch_root(&o);
	/* The switch said what failed and what to do. */
	log_err("no handover to %s (%s)", o.init, strerror(-r));
	if (switched) {
		/* Past the point of no return: this is the new root, and
		 * the stage cannot run again from here. */
		log_err("the switch to %s already happened; not retrying it",
			NEWROOT_DIR);
		for (;;)
			rescue_fail(&b->cl);
	}
	return r;
}
