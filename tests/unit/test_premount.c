/* test_premount.c - the image's premount hooks: all of them, in order */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "premount.h"
#include "t.h"

static char dir[] = "/tmp/newroot-premount.XXXXXX";
static char out[sizeof(dir) + 8];

/* A hook that appends its name to out, then exits with rc. */
static void add_hook(const char *name, int rc)
{
	char path[sizeof(dir) + 64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return;
	fprintf(f, "#!/bin/sh\necho %s >>%s\nexit %d\n", name, out, rc);
	fclose(f);
	chmod(path, 0755);
}

/* What the hooks wrote, one name a line, or "" */
static const char *ran(void)
{
	static char buf[8192];
	FILE *f = fopen(out, "r");
	size_t n = f ? fread(buf, 1, sizeof(buf) - 1, f) : 0;

	if (f)
		fclose(f);
	buf[n] = '\0';
	return buf;
}

int main(void)
{
	char want[8192], name[16];
	int i;

	if (!mkdtemp(dir))
		return 1;
	snprintf(out, sizeof(out), "%s/.out", dir);

	/* More hooks than the 64 the stage once had room for: each runs,
	 * in name order (created in reverse, so readdir order differs). */
	want[0] = '\0';
	for (i = 99; i >= 0; i--) {
		snprintf(name, sizeof(name), "h%03d", i);
		add_hook(name, 0);
	}
	for (i = 0; i < 100; i++) {
		snprintf(name, sizeof(name), "h%03d\n", i);
		strcat(want, name);
	}
	T_INTEQ(premount_run(dir), 0, "100 hooks: all succeed");
	T_STREQ(ran(), want, "100 hooks: every one runs, in name order");

	/* A hook that fails stops the stage; those after it do not run. */
	unlink(out);
	add_hook("h050", 3);
	T_INTEQ(premount_run(dir), -ECHILD, "a failing hook fails the stage");
	T_INTEQ(strlen(ran()), 51 * 5, "... after it no hook runs");

	T_INTEQ(premount_run("/nonexistent/hooks"), 0,
		"no hook directory: nothing to do");

	snprintf(want, sizeof(want), "rm -rf '%s'", dir);
	if (system(want) != 0)
		printf("# could not remove %s\n", dir);
	T_DONE();
}
