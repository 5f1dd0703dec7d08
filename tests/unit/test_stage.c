/* test_stage.c - where rd.break= / break= stop the boot */
#include "cmdline.h"
#include "stage.h"
#include "t.h"

static struct cmdline cl;

/* The break point before stage id, for this command line. */
static const char *stop(const char *text, enum stage id)
{
	cmdline_parse(text, &cl);
	return stage_break(cl.break_stages, id);
}

/* How many of the stages main.c runs (top to bottom; STAGE_INIT has no
 * function of its own) stop for this command line: a break that parses
 * and never stops is a lie. */
static int stops(const char *text)
{
	int id, n = 0;

	for (id = STAGE_MODULES; id <= STAGE_BOTTOM; id++)
		n += stop(text, (enum stage)id) != NULL;
	return n;
}

int main(void)
{
	T_STREQ(stop("rd.break=premount", STAGE_PREMOUNT), "premount",
		"rd.break=premount stops before premount");
	T_STREQ(stop("rd.break=premount", STAGE_MOUNT), NULL,
		"... and nowhere else");
	T_STREQ(stop("rd.break", STAGE_BOTTOM), "bottom",
		"bare rd.break: before the switch (dracut's end)");
	T_STREQ(stop("break", STAGE_PREMOUNT), "premount",
		"bare break: initramfs-tools' premount");
	T_STREQ(stop("rd.break=top", STAGE_TOP), NULL,
		"rd.break=top stops after the top stage, not before");
	/* initramfs-tools' break=init: the last stop before run-init, the
	 * root mounted and nothing switched; newroot's last such point is
	 * before the bottom stage (after it the image's shell is gone). */
	T_STREQ(stop("break=init", STAGE_BOTTOM), "init",
		"break=init stops before the switch");
	T_STREQ(stop("rd.break=init", STAGE_BOTTOM), "init",
		"rd.break=init stops before the switch");
	T_STREQ(stop("rd.break=pre-init", STAGE_BOTTOM), "init",
		"rd.break=pre-init stops before the switch");
	T_INTEQ(stops("rd.break=init"), 1, "rd.break=init stops exactly once");
	T_INTEQ(stops("rd.break=bottom,init"), 1,
		"rd.break=bottom,init: one shell at that one point");
	T_STREQ(stop("rd.break=bottom,init", STAGE_BOTTOM), "bottom",
		"... named for the earlier point");
	T_INTEQ(stops("rd.break=modules,premount,mount,bottom"), 4,
		"every other stage stops where asked");
	T_DONE();
}
