/* test_waitroot.c - how long the wait for root= lasts */
#include "cmdline.h"
#include "t.h"
#include "waitroot.h"

static int ms_for(const char *text)
{
	static struct cmdline cl;

	cmdline_parse(text, &cl);
	return wait_timeout_ms(&cl);
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
	T_DONE();
}
