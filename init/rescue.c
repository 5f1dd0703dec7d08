/* rescue.c - the failure policy: a shell, a reboot, or a message that
 * stays on the screen.  PID 1 never exits: the kernel would panic and the
 * message that says why would scroll away. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "rescue.h"
#include "sys.h"

static int have_shell(void)
{
	return access(RESCUE_SHELL, X_OK) == 0;
}

static void shell_child(const char *prompt)
{
	char ps1[96];
	char *argv[] = { "sh", "-i", NULL };
	char *envp[] = { "PATH=/sbin:/bin:/usr/sbin:/usr/bin", "TERM=linux",
			 "HOME=/", ps1, NULL };
	int fd;

	snprintf(ps1, sizeof(ps1), "PS1=%s", prompt);
	setsid();
	fd = open("/dev/console", O_RDWR | O_NOCTTY);
	if (fd >= 0) {
		/* A controlling terminal, so ^C reaches the shell's
		 * children and not PID 1. */
		ioctl(fd, TIOCSCTTY, (void *)1);
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	execve(RESCUE_SHELL, argv, envp);
	_exit(127);
}

int rescue_shell(const char *why)
{
	char prompt[80];

	snprintf(prompt, sizeof(prompt), "(newroot %s) # ", why);
	return rescue_shell_prompt(why, prompt);
}

int rescue_shell_prompt(const char *why, const char *prompt)
{
	pid_t pid, w;
	int status = 0;

	if (!have_shell())
		return -ENOENT;
	log_warn("starting a shell (%s); exit it to go on with the boot", why);
	pid = fork();
	if (pid < 0)
		return -errno;
	if (pid == 0)
		shell_child(prompt);
	/* We are PID 1: every orphan is ours to reap while we wait. */
	for (;;) {
		w = waitpid(-1, &status, 0);
		if (w == pid)
			break;
		if (w < 0 && errno != EINTR)
			return -errno;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

enum rescue_action rescue_policy(const struct cmdline *cl, int shell)
{
	if (cl->rd_shell && shell)
		return RESCUE_SHELL_AGAIN;
	if (cl->has_panic)
		return cl->panic == 0 ? RESCUE_HALT : RESCUE_REBOOT;
	/* initramfs-tools' panic(): without panic= the image's shell,
	 * unless rd.shell=0 said no. */
	if (shell && !cl->rd_shell_set)
		return RESCUE_SHELL_AGAIN;
	return RESCUE_WAIT;
}

const char *rescue_policy_text(const struct cmdline *cl, int shell, char *buf,
			       int size)
{
	switch (rescue_policy(cl, shell)) {
	case RESCUE_SHELL_AGAIN:
		snprintf(buf, size,
			 "starting a shell (%s); the step is tried again when "
			 "it exits",
			 cl->rd_shell ? "rd.shell" : "no panic= given");
		break;
	case RESCUE_REBOOT:
		/* The first words are initramfs-tools'. */
		if (cl->panic > 0)
			snprintf(buf, size,
				 "Rebooting automatically due to panic= boot "
				 "argument (panic=%d: rebooting in %d seconds)",
				 cl->panic, cl->panic);
		else
			snprintf(buf, size,
				 "Rebooting automatically due to panic= boot "
				 "argument (panic=%d: rebooting now)",
				 cl->panic);
		break;
	case RESCUE_HALT:
		snprintf(buf, size,
			 "Halting automatically due to panic= boot argument "
			 "(panic=0: the machine stops here; power it off)");
		break;
	default:
		if (cl->rd_shell)
			snprintf(buf, size,
				 "waiting (rd.shell was asked for, but this "
				 "image has no %s; add panic=SECS to reboot "
				 "instead)",
				 RESCUE_SHELL);
		else
			snprintf(buf, size,
				 "waiting; fix the kernel command line and "
				 "reboot (rd.shell gives a shell, panic=SECS "
				 "reboots)");
	}
	return buf;
}

static void on_sigchld(int sig)
{
	(void)sig; /* only to end sigsuspend() */
}

/* We are PID 1: every orphan of the system becomes our child, and one
 * that exits stays a zombie until we reap it.  pause() did not wake for
 * SIGCHLD (ignored by default), so catch it; it is blocked except while
 * sigsuspend() sleeps, so none is lost between the reaping and the
 * sleep. */
static void wait_forever(void)
{
	struct sigaction sa;
	sigset_t chld, old;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_sigchld;
	sigaction(SIGCHLD, &sa, NULL);
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	sigdelset(&old, SIGCHLD);
	for (;;) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		sigsuspend(&old);
	}
}

int rescue_fail(const struct cmdline *cl)
{
	char text[160];
	int shell = have_shell();
	enum rescue_action a = rescue_policy(cl, shell);

	if (a == RESCUE_SHELL_AGAIN) {
		/* rescue_shell_prompt() says it starts a shell and what exit
		 * does.  The prompt says where the user is, as
		 * initramfs-tools' "(initramfs) ". */
		rescue_shell_prompt(cl->rd_shell ? "rd.shell"
						 : "no panic= given",
				    "(newroot initramfs) # ");
		return 0;
	}
	log_err("%s", rescue_policy_text(cl, shell, text, sizeof(text)));
	switch (a) {
	case RESCUE_REBOOT:
		if (cl->panic > 0)
			sys_sleep_ms((unsigned)cmdline_secs_ms(cl->panic));
		sys_reboot();
		log_err("reboot failed: %s", strerror(errno));
		break;
	case RESCUE_HALT:
		sys_halt();
		log_err("halt failed: %s", strerror(errno));
		break;
	default:
		break;
	}
	wait_forever();
	return -EINTR;
}
