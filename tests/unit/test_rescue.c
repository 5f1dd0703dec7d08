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

/* What rescue_fail() does, for each command line, with a shell or not. */
static const struct {
	const char *cmdline;
	int shell;
	enum rescue_action want;
} actions[] = {
	{ "", 1, RESCUE_SHELL_AGAIN },
	{ "", 0, RESCUE_WAIT },
	{ "rd.shell", 1, RESCUE_SHELL_AGAIN },
	{ "rd.shell", 0, RESCUE_WAIT },
	{ "rd.shell=0", 1, RESCUE_WAIT },
	{ "rd.shell=1", 1, RESCUE_SHELL_AGAIN },
	{ "panic=-1", 1, RESCUE_REBOOT },
	{ "panic=-1", 0, RESCUE_REBOOT },
	{ "panic=0", 1, RESCUE_HALT },
	{ "panic=0", 0, RESCUE_HALT },
	{ "panic=0 rd.shell", 1, RESCUE_SHELL_AGAIN },
	{ "panic=7", 1, RESCUE_REBOOT },
	{ "panic=7 rd.shell", 1, RESCUE_SHELL_AGAIN },
	{ "panic=7 rd.shell", 0, RESCUE_REBOOT },
	{ "panic=x", 1, RESCUE_SHELL_AGAIN },
};

int main(void)
{
	T_OK(strstr(policy("rd.shell panic=5", 1), "shell") != NULL,
	     "rd.shell with a shell wins over panic=");
	T_STREQ(policy("panic=5", 1),
		"Rebooting automatically due to panic= boot argument "
		"(panic=5: rebooting in 5 seconds)",
		"panic=5 without rd.shell reboots later");
	T_STREQ(policy("panic=-1", 0),
		"Rebooting automatically due to panic= boot argument "
		"(panic=-1: rebooting now)",
		"panic=-1 reboots now");
	T_OK(strstr(policy("rd.shell", 0), "has no /bin/sh") != NULL,
	     "rd.shell without a shell says so");
	T_OK(strstr(policy("rd.shell panic=3", 0), "rebooting in 3") != NULL,
	     "rd.shell without a shell falls to panic=");
	T_OK(strstr(policy("quiet", 0), "waiting") != NULL,
	     "no policy, no shell: wait with the message on screen");
	T_OK(strstr(policy("quiet", 1), "starting a shell (no panic= given)") !=
		     NULL,
	     "no policy, a shell: the shell, as initramfs-tools");
	T_OK(strstr(policy("rd.shell=0", 1), "waiting") != NULL,
	     "rd.shell=0 with a shell: wait");
	T_OK(strncmp(policy("panic=0", 1),
		     "Halting automatically due to panic= boot argument",
		     49) == 0,
	     "panic=0 halts, in initramfs-tools' words");

	for (unsigned i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		struct cmdline cl;

		cmdline_parse(actions[i].cmdline, &cl);
		T_INTEQ(rescue_policy(&cl, actions[i].shell), actions[i].want,
			"policy of '%s' %s a shell", actions[i].cmdline,
			actions[i].shell ? "with" : "without");
	}
	T_DONE();
}
