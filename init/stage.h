/* stage.h - running one stage of the boot: rd.break=, timing, failures */
#ifndef NEWROOT_STAGE_H
#define NEWROOT_STAGE_H

#include <stdbool.h>

#include "boot.h"

/* Is this the kernel running us as /init (PID 1), rather than a command
 * (run-init, switch_root, "newroot switch-root ...")? */
bool boot_mode(int pid, int argc, char **argv);

/* Run one stage: stop first with a shell when rd.break= asks for it,
 * time it, and on failure apply the failure policy (a shell, then the
 * stage again; or panic=; or wait).  Returns when the stage succeeded. */
void stage_run(struct boot *b, enum stage id, stage_fn fn);

/* The stages that are not a file's only concern. */
int stage_modules(struct boot *b);
int stage_premount(struct boot *b);

#endif
