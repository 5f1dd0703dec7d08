/* test_rescue.c - what the failure policy says it will do */
#include "cmdline.h"
#include "rescue.h"
#include "t.h"

static const char *policy(const char *text, int shell)
{
	static struct cmdline cl;
	static char buf[160];

	cmdline_parse(text, &cl);
	return rescue_policy_text(&cl, shell, buf, sizeof(buf));
}

int main(void)
{
	T_OK(strstr(policy("rd.shell panic=5", 1), "shell") != NULL,
	     "rd.shell with a shell wins over panic=");
	T_STREQ(policy("panic=5", 1), "rebooting in 5 seconds (panic=5)",
		"panic=5 without rd.shell reboots later");
	T_STREQ(policy("panic=-1", 0), "rebooting now (panic=-1)",
		"panic=-1 reboots now");
	T_OK(strstr(policy("rd.shell", 0), "has no /bin/sh") != NULL,
	     "rd.shell without a shell says so");
	T_OK(strstr(policy("rd.shell panic=3", 0), "rebooting in 3") != NULL,
	     "rd.shell without a shell falls to panic=");
	T_OK(strstr(policy("quiet", 1), "waiting") != NULL,
	     "no policy asked for: wait with the message on screen");
	T_OK(strstr(policy("panic=0", 1), "waiting") != NULL,
	     "panic=0 waits, as the kernel does");
	T_DONE();
}
