/* stage.h - the stages of a boot: which they are (stagename.c), and
 * running one: rd.break=, timing, failures (stage.c) */
#ifndef NEWROOT_STAGE_H
#define NEWROOT_STAGE_H

#include <stdbool.h>

struct boot; /* boot.h */

/* In boot order; rd.break= stops before one (bit 1 << stage; see
 * stage_break() for top and init). */
enum stage {
	STAGE_TOP,
	STAGE_MODULES,
	STAGE_PREMOUNT,
	STAGE_MOUNT,
	STAGE_BOTTOM,
	STAGE_INIT,
	STAGE_COUNT
};

/* Parse a stage name ("top", "modules", "premount", "mount", "bottom",
 * "init"; initramfs-tools' and dracut's breakpoint names are accepted
 * for the stage they come before); -1 when unknown.  Pure. */
int stage_from_name(const char *name);
const char *stage_name(enum stage s);

typedef int (*stage_fn)(struct boot *b);

/* Is this the kernel running us as /init (PID 1), rather than a command
 * (run-init, switch_root, "newroot switch-root ...")? */
bool boot_mode(int pid, int argc, char **argv);

/* The rd.break= point (a stage name) to stop at with a shell before stage
 * id, given the bits (1 << stage) the command line asked for; NULL when
 * none.  Pure. */
const char *stage_break(unsigned breaks, enum stage id);

/* Run one stage: stop first with a shell when rd.break= asks for it,
 * time it, and on failure apply the failure policy (a shell, then the
 * stage again; or panic=; or wait).  Returns when the stage succeeded. */
void stage_run(struct boot *b, enum stage id, stage_fn fn);

/* The stage that is not a file's only concern. */
int stage_modules(struct boot *b);

#endif
