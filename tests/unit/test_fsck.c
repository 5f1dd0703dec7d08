/* test_fsck.c - fsck's command-line words, arguments and exit statuses */
#include <stdio.h>
#include <string.h>

#include "cmdline.h"
#include "fsck.h"
#include "t.h"

static void words(void)
{
	static const struct {
		const char *line;
		int mode, repair, errors, n_init_args;
	} t[] = {
		{ "root=/dev/vda", FSCK_MODE_AUTO, FSCK_REPAIR_PREEN, 0, 0 },
		{ "fsck.mode=force", FSCK_MODE_FORCE, FSCK_REPAIR_PREEN, 0, 0 },
		{ "fsck.mode=skip", FSCK_MODE_SKIP, FSCK_REPAIR_PREEN, 0, 0 },
		{ "fsck.mode=skip fsck.mode=auto", FSCK_MODE_AUTO,
		  FSCK_REPAIR_PREEN, 0, 0 },
		{ "fsck.repair=yes", FSCK_MODE_AUTO, FSCK_REPAIR_YES, 0, 0 },
		{ "fsck.repair=no", FSCK_MODE_AUTO, FSCK_REPAIR_NO, 0, 0 },
		{ "fsck.repair=yes fsck.repair=preen", FSCK_MODE_AUTO,
		  FSCK_REPAIR_PREEN, 0, 0 },
		/* initramfs-tools' words, which init sees too */
		{ "fastboot", FSCK_MODE_SKIP, FSCK_REPAIR_PREEN, 0, 1 },
		{ "forcefsck fsckfix", FSCK_MODE_FORCE, FSCK_REPAIR_YES, 0, 2 },
		/* bad values: counted, the setting stays */
		{ "fsck.mode=force fsck.mode=always", FSCK_MODE_FORCE,
		  FSCK_REPAIR_PREEN, 1, 0 },
		{ "fsck.repair=maybe", FSCK_MODE_AUTO, FSCK_REPAIR_PREEN, 1,
		  0 },
		{ "fsck.mode", FSCK_MODE_AUTO, FSCK_REPAIR_PREEN, 1, 0 },
		{ "fsck.mode= ", FSCK_MODE_AUTO, FSCK_REPAIR_PREEN, 1, 0 },
	};
	static struct cmdline cl;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		cmdline_parse(t[i].line, &cl);
		T_INTEQ(cl.fsck_mode, t[i].mode, "'%s': fsck mode", t[i].line);
		T_INTEQ(cl.fsck_repair, t[i].repair, "'%s': fsck repair",
			t[i].line);
		T_INTEQ(cl.n_errors, t[i].errors, "'%s': errors", t[i].line);
		T_INTEQ(cl.n_init_args, t[i].n_init_args,
			"'%s': words passed to init", t[i].line);
		T_INTEQ(cl.n_params, 0, "'%s': no module parameter", t[i].line);
	}
}

static void join(const char **argv, char *out, size_t size)
{
	size_t n = 0;

	out[0] = '\0';
	for (; *argv; argv++)
		n += snprintf(out + n, size - n, "%s%s", n ? " " : "", *argv);
}

static void argvs(void)
{
	static const struct {
		int mode, repair, quiet;
		const char *want;
	} t[] = {
		{ FSCK_MODE_AUTO, FSCK_REPAIR_PREEN, 0,
		  "fsck -a -V -t ext4 /dev/vda1" },
		{ FSCK_MODE_AUTO, FSCK_REPAIR_PREEN, 1,
		  "fsck -a -T -t ext4 /dev/vda1" },
		{ FSCK_MODE_FORCE, FSCK_REPAIR_PREEN, 0,
		  "fsck -f -a -V -t ext4 /dev/vda1" },
		{ FSCK_MODE_FORCE, FSCK_REPAIR_YES, 1,
		  "fsck -f -y -T -t ext4 /dev/vda1" },
		{ FSCK_MODE_AUTO, FSCK_REPAIR_NO, 0,
		  "fsck -n -V -t ext4 /dev/vda1" },
	};
	const char *argv[FSCK_ARGV_MAX];
	char got[200];
	size_t i;
	int n;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		memset(argv, 0xff, sizeof(argv));
		n = fsck_argv(t[i].mode, t[i].repair, t[i].quiet, "ext4",
			      "/dev/vda1", argv);
		T_OK(n < FSCK_ARGV_MAX && argv[n] == NULL,
		     "%s: NULL-terminated within FSCK_ARGV_MAX", t[i].want);
		join(argv, got, sizeof(got));
		T_STREQ(got, t[i].want, "mode %d repair %d quiet %d", t[i].mode,
			t[i].repair, t[i].quiet);
	}
}

static void statuses(void)
{
	static const struct {
		int status;
		enum fsck_action want;
	} t[] = {
		{ 0, FSCK_GO_ON },	{ 1, FSCK_CORRECTED },
		{ 2, FSCK_REBOOT },	{ 3, FSCK_REBOOT },
		{ 4, FSCK_FAILED },	{ 5, FSCK_FAILED },
		{ 6, FSCK_FAILED },	{ 8, FSCK_FAILED },
		{ 12, FSCK_FAILED },	{ 16, FSCK_FAILED },
		{ 32, FSCK_CANCELLED }, { 33, FSCK_CANCELLED },
		{ 36, FSCK_FAILED },	{ 128, FSCK_FAILED },
		{ -1, FSCK_FAILED },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		T_INTEQ(fsck_action(t[i].status), t[i].want, "exit status %d",
			t[i].status);
	T_STREQ(fsck_status_text(4), "errors left uncorrected", "4 in words");
	T_STREQ(fsck_status_text(1), "errors corrected", "1 in words");
	T_STREQ(fsck_status_text(-1), "the checker was killed",
		"a signal in words");
}

static void types(void)
{
	static const struct {
		const char *type;
		int want;
	} t[] = {
		{ "ext4", 1 },	{ "ext2", 1 },	{ "xfs", 1 },
		{ "vfat", 1 },	{ "f2fs", 1 },	{ "squashfs", 0 },
		{ "erofs", 0 }, { "btrfs", 0 }, { "iso9660", 0 },
		{ "nfs", 0 },	{ "", 0 },	{ NULL, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		T_INTEQ(fsck_type_checked(t[i].type), t[i].want,
			"type %s checked", t[i].type ? t[i].type : "(null)");
}

/* e2fsck's output on a root -a cannot repair, fed in pieces. */
static void last_lines(void)
{
	static const char out[] =
		"fsck from util-linux 2.38.1\n"
		"/dev/vda1 was not cleanly unmounted, check forced.\n"
		"/dev/vda1: Root inode is not a directory.  \n\n"
		"/dev/vda1: UNEXPECTED INCONSISTENCY; RUN fsck MANUALLY.\n"
		"\t(i.e., without -a or -p options)\n\n";
	static const size_t pieces[] = { 1, 7, 64, 4096 };
	struct fsck_last l;
	char big[400];
	size_t i, k, m;

	for (k = 0; k < sizeof(pieces) / sizeof(pieces[0]); k++) {
		memset(&l, 0, sizeof(l));
		l.at_start = 1;
		for (i = 0; i < sizeof(out) - 1; i += m) {
			m = sizeof(out) - 1 - i;
			if (m > pieces[k])
				m = pieces[k];
			fsck_last_line(&l, out + i, m);
		}
		T_STREQ(l.line,
			"/dev/vda1: UNEXPECTED INCONSISTENCY; RUN fsck "
			"MANUALLY.",
			"last unindented line, fed %zu bytes at a time",
			pieces[k]);
	}
	memset(&l, 0, sizeof(l));
	l.at_start = 1;
	{
		const char *c = "\r/dev/vda: 11/100\b\bfiles\r";

		fsck_last_line(&l, c, strlen(c));
	}
	T_STREQ(l.line, "/dev/vda: 11/100files", "control bytes left out");
	memset(big, 'x', sizeof(big));
	memset(&l, 0, sizeof(l));
	l.at_start = 1;
	fsck_last_line(&l, big, sizeof(big));
	T_INTEQ(strlen(l.line), sizeof(l.line) - 1, "a long line is cut");
	memset(&l, 0, sizeof(l));
	l.at_start = 1;
	fsck_last_line(&l, "", 0);
	T_STREQ(l.line, "", "no output, no line");
}

int main(void)
{
	words();
	argvs();
	statuses();
	types();
	last_lines();
	T_DONE();
}
