/* test_cmdline.c - the kernel command line parser, case by case */
#include <errno.h>
#include <stdlib.h>

#include "cmdline.h"
#include "stage.h"
#include "t.h"

static struct cmdline cl; /* 4 KiB of text: not on the stack */

/* The line as a test name: control characters shown as '~' so that each
 * result stays on one line. */
static const char *shown(const char *line)
{
	static char buf[256];
	size_t i;

	for (i = 0; line[i] && i < sizeof(buf) - 1; i++)
		buf[i] = (unsigned char)line[i] < ' ' ? '~' : line[i];
	buf[i] = '\0';
	return buf;
}

/* The init arguments joined with '|', for one comparison per case. */
static const char *args_of(const struct cmdline *c)
{
	static char buf[1024];
	int i;

	buf[0] = '\0';
	for (i = 0; i < c->n_init_args; i++) {
		if (i)
			strcat(buf, "|");
		strcat(buf, c->init_args[i]);
	}
	return buf;
}

/* String fields, one row each: the line, which field, what it must hold. */
enum field { F_ROOT, F_FSTYPE, F_FLAGS, F_INIT, F_RESUME, F_METHOD, F_NFSROOT };

static const char *field_of(const struct cmdline *c, enum field f)
{
	switch (f) {
	case F_ROOT:
		return c->root;
	case F_FSTYPE:
		return c->rootfstype;
	case F_FLAGS:
		return c->rootflags;
	case F_INIT:
		return c->init;
	case F_RESUME:
		return c->resume;
	case F_METHOD:
		return c->method;
	case F_NFSROOT:
		return c->nfsroot;
	}
	return NULL;
}

static const struct {
	const char *line;
	enum field f;
	const char *want;
	int errors;
} str_cases[] = {
	{ "root=/dev/sda1", F_ROOT, "/dev/sda1", 0 },
	{ "root=/dev/sda1 root=UUID=ab-cd", F_ROOT, "UUID=ab-cd", 0 },
	{ "root=\"LABEL=my disk\" ro", F_ROOT, "LABEL=my disk", 0 },
	{ "root=LABEL=\"my disk\" ro", F_ROOT, "LABEL=\"my disk\"", 0 },
	{ "\"root=/dev/vda\"", F_ROOT, "/dev/vda", 0 },
	{ "\troot=/dev/vda\n", F_ROOT, "/dev/vda", 0 },
	{ "quiet root=/dev/vda\n", F_ROOT, "/dev/vda", 0 },
	{ "ro\r\froot=/dev/vdb\v", F_ROOT, "/dev/vdb", 0 },
	{ "root=", F_ROOT, NULL, 1 },
	{ "root=/dev/sda1 root=", F_ROOT, NULL, 1 },
	{ "root=\"\"", F_ROOT, NULL, 1 },
	{ "root", F_ROOT, NULL, 0 },
	{ "rootfstype=ext4,xfs", F_FSTYPE, "ext4,xfs", 0 },
	{ "rootfstype=", F_FSTYPE, NULL, 1 },
	{ "rootflags=subvol=@,compress=zstd", F_FLAGS, "subvol=@,compress=zstd",
	  0 },
	{ "init=/bin/sh", F_INIT, "/bin/sh", 0 },
	{ "init=\"/sbin/my init\"", F_INIT, "/sbin/my init", 0 },
	{ "resume=UUID=1234", F_RESUME, "UUID=1234", 0 },
	{ "newroot.method=move", F_METHOD, "move", 0 },
	{ "root=/dev/nfs nfsroot=10.0.2.2:/srv/%s,vers=3", F_NFSROOT,
	  "10.0.2.2:/srv/%s,vers=3", 0 },
	{ "nfsroot=", F_NFSROOT, NULL, 1 },
	{ "-- root=/dev/sda1", F_ROOT, NULL, 0 },
};

static void test_strings(void)
{
	size_t i;

	for (i = 0; i < sizeof(str_cases) / sizeof(str_cases[0]); i++) {
		cmdline_parse(str_cases[i].line, &cl);
		T_STREQ(field_of(&cl, str_cases[i].f), str_cases[i].want,
			"string field of '%s'", shown(str_cases[i].line));
		T_INTEQ(cl.n_errors, str_cases[i].errors, "errors of '%s'",
			shown(str_cases[i].line));
	}
}

/* Numbers and flags: the line and every numeric/boolean field after it. */
static const struct {
	const char *line;
	int rw, rootwait, rootwait_secs, rootdelay, timeout, has_panic, panic;
	int quiet, debug, loglevel, rd_shell, errors;
} num_cases[] = {
	/* line                  rw rw? secs dly tmo hp pnc q d lvl sh err */
	{ "", 0, 0, -1, 0, -1, 0, 0, 0, 0, -1, 0, 0 },
	{ "rw", 1, 0, -1, 0, -1, 0, 0, 0, 0, -1, 0, 0 },
	{ "rw ro", 0, 0, -1, 0, -1, 0, 0, 0, 0, -1, 0, 0 },
	{ "ro rw", 1, 0, -1, 0, -1, 0, 0, 0, 0, -1, 0, 0 },
	{ "rootwait", 0, 1, -1, 0, -1, 0, 0, 0, 0, -1, 0, 0 },
	{ "rootwait=15", 0, 1, 15, 0, -1, 0, 0, 0, 0, -1, 0, 0 },
	{ "rootwait=abc", 0, 1, -1, 0, -1, 0, 0, 0, 0, -1, 0, 1 },
	{ "rootwait=-3", 0, 1, -1, 0, -1, 0, 0, 0, 0, -1, 0, 1 },
	{ "rootdelay=5", 0, 0, -1, 5, -1, 0, 0, 0, 0, -1, 0, 0 },
	{ "rootdelay=abc", 0, 0, -1, 0, -1, 0, 0, 0, 0, -1, 0, 1 },
	{ "rootdelay=5x", 0, 0, -1, 0, -1, 0, 0, 0, 0, -1, 0, 1 },
	{ "rootdelay=99999999999", 0, 0, -1, 0, -1, 0, 0, 0, 0, -1, 0, 1 },
	{ "rootdelay=", 0, 0, -1, 0, -1, 0, 0, 0, 0, -1, 0, 1 },
	{ "rd.timeout=20", 0, 0, -1, 0, 20, 0, 0, 0, 0, -1, 0, 0 },
	{ "panic=10", 0, 0, -1, 0, -1, 1, 10, 0, 0, -1, 0, 0 },
	{ "panic=-1", 0, 0, -1, 0, -1, 1, -1, 0, 0, -1, 0, 0 },
	{ "panic=0", 0, 0, -1, 0, -1, 1, 0, 0, 0, -1, 0, 0 },
	{ "panic=x", 0, 0, -1, 0, -1, 0, 0, 0, 0, -1, 0, 1 },
	{ "quiet", 0, 0, -1, 0, -1, 0, 0, 1, 0, -1, 0, 0 },
	{ "debug", 0, 0, -1, 0, -1, 0, 0, 0, 1, -1, 0, 0 },
	{ "rd.debug", 0, 0, -1, 0, -1, 0, 0, 0, 1, -1, 0, 0 },
	{ "loglevel=7", 0, 0, -1, 0, -1, 0, 0, 0, 0, 7, 0, 0 },
	{ "loglevel=high", 0, 0, -1, 0, -1, 0, 0, 0, 0, -1, 0, 1 },
	{ "rd.shell", 0, 0, -1, 0, -1, 0, 0, 0, 0, -1, 1, 0 },
	{ "rd.shell rd.shell=0", 0, 0, -1, 0, -1, 0, 0, 0, 0, -1, 0, 0 },
	{ "rd.shell=1", 0, 0, -1, 0, -1, 0, 0, 0, 0, -1, 1, 0 },
};

static void test_numbers(void)
{
	size_t i;

	for (i = 0; i < sizeof(num_cases) / sizeof(num_cases[0]); i++) {
		const char *l = num_cases[i].line;
		int r = cmdline_parse(l, &cl);

		T_INTEQ(r, 0, "'%s' parses", l);
		T_INTEQ(cl.rw, num_cases[i].rw, "rw of '%s'", l);
		T_INTEQ(cl.rootwait, num_cases[i].rootwait, "rootwait of '%s'",
			l);
		if (cl.rootwait)
			T_INTEQ(cl.rootwait_secs, num_cases[i].rootwait_secs,
				"rootwait_secs of '%s'", l);
		T_INTEQ(cl.rootdelay, num_cases[i].rootdelay,
			"rootdelay of '%s'", l);
		T_INTEQ(cl.timeout, num_cases[i].timeout, "timeout of '%s'", l);
		T_INTEQ(cl.has_panic, num_cases[i].has_panic,
			"has_panic of '%s'", l);
		T_INTEQ(cl.panic, num_cases[i].panic, "panic of '%s'", l);
		T_INTEQ(cl.quiet, num_cases[i].quiet, "quiet of '%s'", l);
		T_INTEQ(cl.debug, num_cases[i].debug, "debug of '%s'", l);
		T_INTEQ(cl.loglevel, num_cases[i].loglevel, "loglevel of '%s'",
			l);
		T_INTEQ(cl.rd_shell, num_cases[i].rd_shell, "rd_shell of '%s'",
			l);
		T_INTEQ(cl.n_errors, num_cases[i].errors, "errors of '%s'", l);
	}
}

#define B(s) (1u << (s))

static const struct {
	const char *line;
	unsigned want;
	int errors;
} break_cases[] = {
	{ "rd.break=mount", B(STAGE_MOUNT), 0 },
	{ "rd.break=top,bottom", B(STAGE_TOP) | B(STAGE_BOTTOM), 0 },
	{ "break=premount rd.break=modules",
	  B(STAGE_PREMOUNT) | B(STAGE_MODULES), 0 },
	{ "rd.break", B(STAGE_BOTTOM), 0 },
	{ "break", B(STAGE_PREMOUNT), 0 },
	{ "rd.break=pre-mount", B(STAGE_PREMOUNT), 0 },
	{ "rd.break=pre-pivot", B(STAGE_BOTTOM), 0 },
	{ "break=init", B(STAGE_INIT), 0 },
	{ "break=mountroot", B(STAGE_MOUNT), 0 },
	{ "rd.break=nowhere", 0, 1 },
	{ "rd.break=mount,,nowhere", B(STAGE_MOUNT), 1 },
	{ "rd.break=", 0, 1 },
};

static void test_breaks(void)
{
	size_t i;

	for (i = 0; i < sizeof(break_cases) / sizeof(break_cases[0]); i++) {
		cmdline_parse(break_cases[i].line, &cl);
		T_INTEQ(cl.break_stages, break_cases[i].want, "stages of '%s'",
			break_cases[i].line);
		T_INTEQ(cl.n_errors, break_cases[i].errors, "errors of '%s'",
			break_cases[i].line);
	}
	for (i = 0; i < STAGE_COUNT; i++)
		T_INTEQ(stage_from_name(stage_name((enum stage)i)), (int)i,
			"stage name '%s' round-trips",
			stage_name((enum stage)i));
	T_INTEQ(stage_from_name("bogus"), -1, "unknown stage name is -1");
	T_INTEQ(stage_from_name(NULL), -1, "NULL stage name is -1");
}

/* What the real init gets: bare words and the words after "--". */
static const struct {
	const char *line;
	const char *args;
} arg_cases[] = {
	{ "root=/dev/sda1 single", "single" },
	{ "quiet splash emergency 3 s", "splash|emergency|3|s" },
	{ "ro rw rootwait quiet debug nomodeset", "" },
	{ "rd.shell rd.break foo.bar", "" },
	{ "break", "break" },
	{ "root=/dev/sda1 -- -s --verbose", "-s|--verbose" },
	{ "single -- a=b \"c d\" e=\"f g\"", "single|a=b|c d|e=f g" },
	{ "-- -- x", "--|x" },
	{ "unknown=value", "" },
	{ "\"two words\"", "two words" },
	{ "--", "" },
};

static void test_init_args(void)
{
	size_t i;

	for (i = 0; i < sizeof(arg_cases) / sizeof(arg_cases[0]); i++) {
		cmdline_parse(arg_cases[i].line, &cl);
		T_STREQ(args_of(&cl), arg_cases[i].args, "init args of '%s'",
			arg_cases[i].line);
	}
}

static void test_modules(void)
{
	char out[128];
	int r;

	cmdline_parse("modules-load=virtio_blk,ext4 rd.modules-load=xfs,,nvme "
		      "modules-load=",
		      &cl);
	T_INTEQ(cl.n_modules_load, 4, "modules-load lists are appended");
	T_STREQ(cl.modules_load[0], "virtio_blk", "first module");
	T_STREQ(cl.modules_load[3], "nvme", "rd.modules-load module");
	T_INTEQ(cl.n_errors, 1, "empty modules-load= is an error");

	cmdline_parse("usb-storage.delay_use=0 usbcore.autosuspend=-1 "
		      "rd.luks.uuid=x newroot.method=pivot "
		      "usb_storage.quirks=\"a b\" ahci.mobile_lpm_policy=1 "
		      "systemd.unit=rescue.target dm_mod.flag .x=1 a.=1",
		      &cl);
	T_INTEQ(cl.n_params, 5, "module parameters found");
	T_STREQ(cl.params[0].module, "usb_storage", "'-' becomes '_'");
	T_STREQ(cl.params[0].param, "delay_use=0", "PARAM=VALUE kept");
	T_STREQ(cl.params[4].module, "dm_mod", "flag parameter module");
	T_STREQ(cl.params[4].param, "flag", "flag parameter without value");
	T_STREQ(cl.method, "pivot", "newroot.method= is not a module param");

	r = cmdline_module_params(&cl, "usb-storage", out, sizeof(out));
	T_STREQ(out, "delay_use=0 quirks=\"a b\"",
		"params for usb-storage, value with a space quoted");
	T_INTEQ(r, (int)strlen("delay_use=0 quirks=\"a b\""),
		"length returned");
	r = cmdline_module_params(&cl, "ext4", out, sizeof(out));
	T_INTEQ(r, 0, "no params for ext4");
	T_STREQ(out, "", "empty string for ext4");
	r = cmdline_module_params(&cl, "usb_storage", out, 8);
	T_INTEQ(r, -E2BIG, "too small a buffer is -E2BIG");
}

static void test_malformed(void)
{
	static char big[CMDLINE_MAX + 100];
	char word[16];
	int r, i;

	r = cmdline_parse("root=/dev/sda1 single init=\"/bin/sh rw", &cl);
	T_INTEQ(r, -EINVAL, "unterminated quote is -EINVAL");
	T_STREQ(cl.root, "/dev/sda1", "words before the quote are kept");
	T_STREQ(args_of(&cl), "single", "bare word before the quote kept");
	T_STREQ(cl.init, NULL, "the broken word is dropped");
	T_INTEQ(cl.rw, 0, "words inside the broken quote are not parsed");

	r = cmdline_parse("\"root=/dev/sda1", &cl);
	T_INTEQ(r, -EINVAL, "unterminated leading quote is -EINVAL");
	T_STREQ(cl.root, NULL, "and its word is dropped");

	r = cmdline_parse("root=/dev/sda1 quiet \"", &cl);
	T_INTEQ(r, -EINVAL, "a lone quote at the end is -EINVAL");
	T_INTEQ(cl.quiet, 1, "words before a lone quote kept");

	/* Longer than the buffer: cut at a word boundary, -E2BIG. */
	strcpy(big, "root=/dev/vda rw ");
	for (i = strlen(big); i < (int)sizeof(big) - 20; i++)
		big[i] = (i % 10) ? 'x' : ' ';
	strcpy(big + i, " root=/dev/late");
	r = cmdline_parse(big, &cl);
	T_INTEQ(r, -E2BIG, "overlong command line is -E2BIG");
	T_STREQ(cl.root, "/dev/vda", "what fits is parsed");
	T_INTEQ(cl.rw, 1, "flags before the cut are parsed");
	T_OK(cl.n_init_args > 0 &&
		     strlen(cl.init_args[cl.n_init_args - 1]) == 9,
	     "the last word is not cut in the middle");

	/* One value longer than the whole buffer: dropped, not cut. */
	strcpy(big, "quiet root=");
	memset(big + 11, 'y', sizeof(big) - 12);
	big[sizeof(big) - 1] = '\0';
	r = cmdline_parse(big, &cl);
	T_INTEQ(r, -E2BIG, "an overlong root= value is -E2BIG");
	T_STREQ(cl.root, NULL, "and is not taken cut short");
	T_INTEQ(cl.quiet, 1, "the word before it is kept");

	/* More init arguments than fit. */
	big[0] = '\0';
	for (i = 0; i < CMDLINE_MAX_ARGS + 8; i++) {
		snprintf(word, sizeof(word), "w%d ", i);
		strcat(big, word);
	}
	r = cmdline_parse(big, &cl);
	T_INTEQ(r, -E2BIG, "too many init arguments is -E2BIG");
	T_INTEQ(cl.n_init_args, CMDLINE_MAX_ARGS, "as many as fit are kept");

	r = cmdline_parse(NULL, &cl);
	T_INTEQ(r, 0, "NULL text is an empty line");
	T_STREQ(cl.root, NULL, "and has no root");
}

static void test_noresume(void)
{
	static struct cmdline cl;

	T_INTEQ(cmdline_parse("root=/dev/vda1 resume=/dev/vdb", &cl), 0,
		"resume= parses");
	T_OK(!cl.noresume, "resume= alone: resuming allowed");
	T_INTEQ(cmdline_parse("resume=/dev/vdb noresume quiet", &cl), 0,
		"noresume parses");
	T_OK(cl.noresume, "noresume is seen");
	T_STREQ(cl.resume, "/dev/vdb", "resume= kept beside noresume");
	T_INTEQ(cl.n_init_args, 0, "noresume is not passed to init");
}

static void test_ip(void)
{
	static struct cmdline cl;
	char line[1024];
	int i, n = 0;

	T_INTEQ(cmdline_parse(
			"ip=dhcp root=/dev/nfs ip= "
			"ip=10.0.2.20::10.0.2.2:255.255.255.0:box:eth1:off",
			&cl),
		0, "three ip= parse");
	T_INTEQ(cl.n_ip, 3, "every ip= is kept");
	T_STREQ(cl.ip[0], "dhcp", "first ip=");
	T_STREQ(cl.ip[1], "", "empty ip= kept as \"\"");
	T_STREQ(cl.ip[2], "10.0.2.20::10.0.2.2:255.255.255.0:box:eth1:off",
		"static ip= whole");
	T_INTEQ(cl.n_init_args, 0, "ip= is not passed to init");
	for (i = 0; i <= CMDLINE_MAX_IP; i++)
		n += snprintf(line + n, sizeof(line) - (size_t)n,
			      "ip=:::::e%d:dhcp ", i);
	T_INTEQ(cmdline_parse(line, &cl), -E2BIG, "one ip= too many: -E2BIG");
	T_INTEQ(cl.n_ip, CMDLINE_MAX_IP, "the first CMDLINE_MAX_IP kept");
}

int main(void)
{
	test_ip();
	test_noresume();
	test_strings();
	test_numbers();
	test_breaks();
	test_init_args();
	test_modules();
	test_malformed();
	T_DONE();
}
