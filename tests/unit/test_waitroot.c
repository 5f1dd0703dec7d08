/* test_waitroot.c - how long the wait for root= lasts */
#include "cmdline.h"
#include "resume.h"
#include "t.h"
#include "waitroot.h"

static struct cmdline cl;

static int ms_for(const char *text)
{
	cmdline_parse(text, &cl);
	return wait_timeout_ms(&cl);
}

static int delay_for(const char *text)
{
	cmdline_parse(text, &cl);
	return wait_delay_ms(&cl);
}

static int resume_for(const char *text)
{
	cmdline_parse(text, &cl);
	return resume_wait_ms(&cl);
}

/* Times at and around the limits of int milliseconds (2147483.647 s):
 * every one is a wait that ends (UBSan reports an overflow). */
static void test_limits(void)
{
	T_INTEQ(ms_for("rd.timeout=2147483"), 86400000,
		"rd.timeout=2147483: a day at most");
	T_INTEQ(ms_for("rd.timeout=2147484"), 86400000,
		"rd.timeout=2147484: a day at most");
	T_INTEQ(ms_for("rd.timeout=2147483647"), 86400000,
		"rd.timeout=INT_MAX: a day at most");
	T_INTEQ(ms_for("rootwait=2147484"), 86400000,
		"rootwait=2147484: a day at most");
	T_INTEQ(ms_for("rd.timeout=86400"), 86400000, "rd.timeout=86400");
	T_INTEQ(ms_for("rd.timeout=86401"), 86400000, "rd.timeout=86401");
	T_INTEQ(delay_for("rootdelay=3"), 3000, "rootdelay=3");
	T_INTEQ(delay_for("root=/dev/sda1"), 0, "no rootdelay: no delay");
	T_INTEQ(delay_for("rootdelay=2147483"), 2147483000,
		"rootdelay=2147483: exact");
	T_INTEQ(delay_for("rootdelay=2147484"), 2147483000,
		"rootdelay=2147484: clamped, not overflowed");
	T_INTEQ(delay_for("rootdelay=2147483647"), 2147483000,
		"rootdelay=INT_MAX: clamped, not overflowed");
	T_INTEQ(resume_for("resume=/dev/sda2"), RESUME_WAIT_MS,
		"resume= waits RESUME_WAIT_MS");
	T_INTEQ(resume_for("rd.timeout=2"), 2000,
		"rd.timeout=2 shortens the resume= wait");
	T_INTEQ(resume_for("rd.timeout=2147483"), RESUME_WAIT_MS,
		"rd.timeout=2147483: resume= still waits RESUME_WAIT_MS");
	T_INTEQ(resume_for("rd.timeout=2147484"), RESUME_WAIT_MS,
		"rd.timeout=2147484: the resume= wait still ends");
	T_INTEQ(resume_for("rd.timeout=2147483647"), RESUME_WAIT_MS,
		"rd.timeout=INT_MAX: the resume= wait still ends");
	T_INTEQ(cmdline_secs_ms(-1), -1, "secs_ms: negative is forever");
	T_INTEQ(cmdline_secs_ms(0), 0, "secs_ms: 0");
	T_INTEQ(cmdline_secs_ms(2147483), 2147483000, "secs_ms: largest exact");
	T_INTEQ(cmdline_secs_ms(2147484), 2147483000, "secs_ms: clamped");
	T_INTEQ(cmdline_secs_ms(2147483647), 2147483000,
		"secs_ms: INT_MAX clamped");
}

int main(void)
{
	T_INTEQ(ms_for("root=/dev/sda1"), 30000, "default 30 s");
	T_INTEQ(ms_for("root=/dev/sda1 rootwait"), -1, "rootwait: forever");
	T_INTEQ(ms_for("rootwait=7"), 7000, "rootwait=7");
	T_INTEQ(ms_for("rd.timeout=12"), 12000, "rd.timeout=12");
	T_INTEQ(ms_for("rootwait rd.timeout=5"), 5000,
		"rd.timeout bounds rootwait");
	T_INTEQ(ms_for("rootwait=0"), 0, "rootwait=0: one look");
	test_limits();
	T_DONE();
}
