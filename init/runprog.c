/* runprog.c - run an image program, feed its stdin, keep its output */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "runprog.h"
#include "sys.h"

int runprog_find(const char *name, char *buf, size_t size)
{
	const char *p = RUNPROG_PATH, *e;
	int n;

	while (*p) {
		e = strchr(p, ':');
		if (!e)
			e = p + strlen(p);
		n = snprintf(buf, size, "%.*s/%s", (int)(e - p), p, name);
		if (n > 0 && (size_t)n < size && access(buf, X_OK) == 0)
			return 0;
		p = *e ? e + 1 : e;
	}
	return -ENOENT;
}

void runprog_wipe(void *p, size_t n)
{
	volatile unsigned char *v = p;

	while (n--)
		*v++ = 0;
}

static void child(char *const argv[], int in_fd, int out_fd)
{
	static char *const envp[] = { "PATH=" RUNPROG_PATH, "HOME=/",
				      "LVM_SUPPRESS_FD_WARNINGS=1", NULL };
	int null = open("/dev/null", O_RDWR);

	if (in_fd < 0)
		in_fd = null;
	dup2(in_fd, 0);
	dup2(out_fd, 1);
	dup2(out_fd, 2);
	signal(SIGPIPE, SIG_DFL);
	execve(argv[0], argv, envp);
	log_out(2, "%s: %s", argv[0], strerror(errno));
	_exit(127);
}

/* Read what the child writes until it closes its end (or, when a
 * program it started keeps the pipe open, until it has exited and the
 * pipe is idle). */
static void collect(int fd, pid_t pid, int *status, char *out, size_t size)
{
	size_t used = 0;
	int exited = 0;
	char junk[256];
	ssize_t n;

	for (;;) {
		struct pollfd p = { fd, POLLIN, 0 };
		int r = poll(&p, 1, exited ? 0 : 200);

		if (r > 0) {
			if (used + 1 < size)
				n = read(fd, out + used, size - 1 - used);
			else
				n = read(fd, junk, sizeof(junk));
			if (n == 0)
				break;
			if (n > 0 && used + 1 < size)
				used += (size_t)n;
			continue;
		}
		if (r < 0 && errno == EINTR)
			continue;
		if (exited)
			break;
		if (waitpid(pid, status, WNOHANG) == pid)
			exited = 1;
	}
	if (!exited)
		while (waitpid(pid, status, 0) < 0 && errno == EINTR)
			;
	while (used > 0 && (out[used - 1] == '\n' || out[used - 1] == '\r'))
		used--;
	if (size)
		out[used] = '\0';
}

int runprog(char *const argv[], const void *in, size_t len, char *out,
	    size_t size)
{
	int op[2], ip[2] = { -1, -1 }, status = 0;
	pid_t pid;

	if (pipe2(op, O_CLOEXEC) < 0)
		return -errno;
	if (in && pipe2(ip, O_CLOEXEC) < 0) {
		int e = errno;

		close(op[0]);
		close(op[1]);
		return -e;
	}
	pid = fork();
	if (pid == 0)
		child(argv, ip[0], op[1]);
	close(op[1]);
	if (ip[0] >= 0)
		close(ip[0]);
	if (pid < 0) {
		int e = errno;

		close(op[0]);
		if (ip[1] >= 0)
			close(ip[1]);
		return -e;
	}
	if (ip[1] >= 0) {
		/* A passphrase is far smaller than a pipe's buffer: this
		 * does not block.  (The kernel sends PID 1 no SIGPIPE it
		 * has no handler for.) */
		sys_write_all(ip[1], in, len);
		close(ip[1]);
	}
	collect(op[0], pid, &status, out, size);
	close(op[0]);
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}
