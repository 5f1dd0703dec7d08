/* stagename.c - the stages' names, and the other tools' names for them */
#include <stddef.h>
#include <string.h>

#include "stage.h"

static const char *const stage_names[STAGE_COUNT] = {
	[STAGE_TOP] = "top",	       [STAGE_MODULES] = "modules",
	[STAGE_PREMOUNT] = "premount", [STAGE_MOUNT] = "mount",
	[STAGE_BOTTOM] = "bottom",     [STAGE_INIT] = "init",
};

/* Other spellings: initramfs-tools' and dracut's breakpoints, mapped to the
 * stage they come before. */
static const struct {
	const char *name;
	enum stage stage;
} stage_aliases[] = {
	{ "cmdline", STAGE_TOP },	  { "pre-udev", STAGE_MODULES },
	{ "pre-trigger", STAGE_MODULES }, { "initqueue", STAGE_PREMOUNT },
	{ "pre-mount", STAGE_PREMOUNT },  { "mountroot", STAGE_MOUNT },
	{ "pre-pivot", STAGE_BOTTOM },	  { "prepivot", STAGE_BOTTOM },
	{ "cleanup", STAGE_BOTTOM },	  { "pre-init", STAGE_INIT },
	{ "preinit", STAGE_INIT },
};

int stage_from_name(const char *name)
{
	size_t i;

	if (!name)
		return -1;
	for (i = 0; i < STAGE_COUNT; i++)
		if (!strcmp(name, stage_names[i]))
			return (int)i;
	for (i = 0; i < sizeof(stage_aliases) / sizeof(stage_aliases[0]); i++)
		if (!strcmp(name, stage_aliases[i].name))
			return stage_aliases[i].stage;
	return -1;
}

const char *stage_name(enum stage s)
{
	if ((unsigned)s >= STAGE_COUNT)
		return "?";
	return stage_names[s];
}
