/* fsck.c - check the root (and /usr) before mounting them, with the
 * image's util-linux fsck and the filesystem's checker, as
 * initramfs-tools' checkfs() does.  The checker's own lines ("/dev/vda1:
 * clean, ...") go to the console and to /run/initramfs/fsck.log, which
 * the real system keeps. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "boot.h"
#include "fsck.h"
#include "log.h"
#include "sys.h"

/* Where the image may carry them: newroot-mkimage puts them in /sbin,
 * a merged-/usr initramfs-tools image in /usr/sbin (/sbin a link). */
static const char *const sbin_dirs[] = { "/sbin", "/usr/sbin" };

static int find_prog(const char *name, char *out, size_t size)
{
	size_t i;

	for (i = 0; i < sizeof(sbin_dirs) / sizeof(sbin_dirs[0]); i++) {
		snprintf(out, size, "%s/%s", sbin_dirs[i], name);
		if (access(out, X_OK) == 0)
			return 0;
	}
	return -ENOENT;
}

static void put_all(int fd, const char *p, size_t n)
{
	if (fd >= 0)
		sys_write_all(fd, p, n);
}

static void child(const char *fsck, const char **argv, int out)
{
	char *envp[] = { "PATH=/sbin:/usr/sbin:/bin:/usr/bin", "TERM=dumb",
			 NULL };
	int in = open("/dev/null", O_RDONLY);

	if (in >= 0 && in != 0) {
		dup2(in, 0);
		close(in);
	}
	dup2(out, 1);
	dup2(out, 2);
	if (out > 2)
		close(out);
	execve(fsck, (char **)argv, envp);
	log_out(2, "newroot: unable to run %s: %s\n", fsck, strerror(errno));
	_exit(8); /* fsck(8): operational error */
}

/* Run fsck with its output on the console and in the log; *status gets
 * its exit status, -1 for a signal.  Returns 0, or -errno when it could
 * not run. */
static int run(const char *fsck, const char **argv, int logfd,
	       struct fsck_last *last, int *status)
{
	char buf[1024];
	int p[2], con;
	pid_t pid, w;
	ssize_t n;

	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	pid = fork();
	if (pid < 0) {
		close(p[0]);
		close(p[1]);
		return -errno;
	}
	if (pid == 0)
		child(fsck, argv, p[1]);
	close(p[1]);
	con = open("/dev/console", O_WRONLY | O_NOCTTY | O_CLOEXEC);
	for (;;) {
		n = read(p[0], buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		put_all(con, buf, (size_t)n);
		put_all(logfd, buf, (size_t)n);
		fsck_last_line(last, buf, (size_t)n);
	}
	close(p[0]);
	if (con >= 0)
		close(con);
	/* We are PID 1: orphans are reaped while we wait. */
	while ((w = waitpid(-1, status, 0)) != pid)
		if (w < 0 && errno != EINTR)
			return -errno;
	*status = WIFEXITED(*status) ? WEXITSTATUS(*status) : -1;
	return 0;
}

static int open_log(const char *fsck, const char **argv)
{
	char head[256];
	int fd, i, n;

	if (mkdir(FSCK_STAMP_DIR, 0755) < 0 && errno != EEXIST)
		return -errno;
	fd = open(FSCK_LOG, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	/* logsave's header, without its date. */
	n = snprintf(head, sizeof(head), "Log of %s", fsck);
	for (i = 1; argv[i] && n < (int)sizeof(head); i++)
		n += snprintf(head + n, sizeof(head) - n, " %s", argv[i]);
	if (n < (int)sizeof(head) - 2) {
		head[n++] = '\n';
		head[n++] = '\n';
		put_all(fd, head, (size_t)n);
	}
	return fd;
}

static void stamp(const char *what)
{
	char path[64];
	int fd;

	snprintf(path, sizeof(path), "%s/fsck-%s", FSCK_STAMP_DIR, what);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		log_warn("unable to write %s: %s; the real system may check "
			 "the %s filesystem again",
			 path, strerror(errno), what);
	else
		close(fd);
}

/* Whether the image can check type at all; says why not, once. */
static int can_check(const char *type, const char *what, char *fsck,
		     size_t size)
{
	static int no_fsck_said;
	static char no_checker_said[64];
	char checker[64], prog[80];

	if (find_prog("fsck", fsck, size) < 0) {
		if (!no_fsck_said++)
			log_info("this image has no fsck; the filesystems are "
				 "not checked before mounting (newroot-mkimage "
				 "--with fsck adds it)");
		return 0;
	}
	snprintf(checker, sizeof(checker), "fsck.%s", type);
	if (find_prog(checker, prog, sizeof(prog)) < 0) {
		if (strcmp(no_checker_said, type)) {
			snprintf(no_checker_said, sizeof(no_checker_said), "%s",
				 type);
			log_warn("this image has fsck but no %s; the %s "
				 "filesystem (%s) is not checked",
				 checker, what, type);
		}
		return 0;
	}
	return 1;
}

int fsck_check(const struct cmdline *cl, const char *dev, const char *type,
	       const char *what)
{
	const char *argv[FSCK_ARGV_MAX];
	char fsck[64];
	struct fsck_last last = { .at_start = 1 };
	int logfd, status, r;

	if (cl->fsck_mode == FSCK_MODE_SKIP) {
		log_info("fsck.mode=skip: the %s filesystem %s is not checked",
			 what, dev);
		return 0;
	}
	if (!type || !*type) {
		log_warn("the type of the %s filesystem %s is unknown, so it "
			 "is not checked",
			 what, dev);
		return 0;
	}
	if (!fsck_type_checked(type)) {
		log_debug("%s (%s) needs no check before mounting", dev, type);
		return 0;
	}
	if (!can_check(type, what, fsck, sizeof(fsck)))
		return 0;
	fsck_argv(cl->fsck_mode, cl->fsck_repair, cl->quiet, type, dev, argv);
	logfd = open_log(fsck, argv);
	if (logfd < 0)
		log_warn("unable to open %s: %s; checking without a log",
			 FSCK_LOG, strerror(-logfd));
	log_info("checking the %s filesystem %s (%s)", what, dev, type);
	r = run(fsck, argv, logfd, &last, &status);
	if (r < 0)
		status = 8;
	if (logfd >= 0) {
		char tail[64];

		int n = snprintf(tail, sizeof(tail), "\nexit status %d\n\n",
				 status);

		put_all(logfd, tail, (size_t)n);
		close(logfd);
	}
	if (r < 0) {
		log_err("unable to run %s for the %s filesystem %s: %s", fsck,
			what, dev, strerror(-r));
		return -EIO;
	}
	switch (fsck_action(status)) {
	case FSCK_GO_ON:
		stamp(what);
		return 0;
	case FSCK_CORRECTED:
		log_warn("fsck corrected errors on the %s filesystem %s (exit "
			 "status 1); the log is in %s",
			 what, dev, FSCK_LOG);
		stamp(what);
		return 0;
	case FSCK_CANCELLED:
		log_warn("the check of the %s filesystem %s was interrupted "
			 "(exit status %d); going on",
			 what, dev, status);
		return 0;
	case FSCK_REBOOT:
		log_err("fsck changed the %s filesystem %s and asks for a "
			"reboot (exit status %d); rebooting",
			what, dev, status);
		sys_reboot();
		log_err("reboot failed: %s", strerror(errno));
		return -EIO;
	default:
		break;
	}
	log_err("The %s filesystem on %s requires a manual fsck: %s exited "
		"with status %d (%s)%s%s%s; its output is above and in %s. "
		"Run fsck -y %s from the shell, or boot once with "
		"fsck.repair=yes",
		what, dev, fsck, status, fsck_status_text(status),
		last.n ? ", saying \"" : "", last.line, last.n ? "\"" : "",
		FSCK_LOG, dev);
	return -EIO;
}
