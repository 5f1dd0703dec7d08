/* log.c - every line newroot prints goes through log_msg() */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

#include "log.h"

static int log_fd = 2;
static int log_kmsg; /* 1: log_fd is /dev/kmsg and wants "<N>" prefixes */
static enum log_level log_max = LOG_LVL_INFO;

int log_use_kmsg(const char *kmsg_path, const char *console_path)
{
	int fd = open(kmsg_path, O_WRONLY | O_CLOEXEC | O_NOCTTY);

	if (fd >= 0) {
		log_close();
		log_fd = fd;
		log_kmsg = 1;
		return 0;
	}
	/* No kmsg (no devtmpfs yet, or a kernel without printk): the
	 * console is the only place a message can still be read. */
	fd = open(console_path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return -errno;
	log_close();
	log_fd = fd;
	log_kmsg = 0;
	return 0;
}

/* /dev/kmsg drops a writer's lines beyond 10 in 5 s unless
 * printk.devkmsg=on, silently: a wrong passphrase typed three times, or
 * a module list followed by a failure, and the line that says why the
 * boot stopped was never printed.  So the default ("ratelimit") becomes
 * "on" for newroot's time and is put back just before the real init
 * runs.  A value given on the command line locks the setting (the write
 * fails) and stays as asked. */
#define DEVKMSG_SYSCTL "/proc/sys/kernel/printk_devkmsg"
static int devkmsg_raised;

static int devkmsg_set(const char *val)
{
	int fd = open(DEVKMSG_SYSCTL, O_RDWR | O_CLOEXEC), ok;

	if (fd < 0)
		return -1;
	ok = write(fd, val, strlen(val)) == (ssize_t)strlen(val);
	close(fd);
	return ok ? 0 : -1;
}

void log_kmsg_unlimit(void)
{
	char cur[16] = "";
	int fd = open(DEVKMSG_SYSCTL, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return;
	n = read(fd, cur, sizeof(cur) - 1);
	close(fd);
	if (n > 0 && !strncmp(cur, "ratelimit", 9) && devkmsg_set("on\n") == 0)
		devkmsg_raised = 1;
}

void log_kmsg_restore(void)
{
	if (devkmsg_raised && devkmsg_set("ratelimit\n") == 0)
		devkmsg_raised = 0;
}

void log_use_stderr(void)
{
	log_close();
	log_fd = 2;
	log_kmsg = 0;
}

void log_close(void)
{
	if (log_fd > 2)
		close(log_fd);
	log_fd = 2;
	log_kmsg = 0;
}

void log_set_level(enum log_level max)
{
	log_max = max;
}

enum log_level log_get_level(void)
{
	return log_max;
}

int log_format(char *buf, int size, int kmsg, enum log_level lvl,
	       const char *fmt, va_list ap)
{
	int n = 0, m;

	if (size < 16)
		return 0;
	if (kmsg)
		n = snprintf(buf, size, "<%d>", (int)lvl);
	n += snprintf(buf + n, size - n, "newroot: ");
	m = vsnprintf(buf + n, size - n, fmt, ap);
	if (m < 0)
		m = 0;
	if (n + m >= size - 1) {
		/* Cut, and say so, rather than lose the line. */
		n = size - 5;
		memcpy(buf + n, "...", 3);
		n += 3;
	} else {
		n += m;
	}
	while (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n++] = '\n';
	buf[n] = '\0';
	return n;
}

void log_msg(enum log_level lvl, const char *fmt, ...)
{
	char buf[1024];
	struct iovec iov;
	va_list ap;
	int saved = errno, n;

	if (lvl > log_max)
		return;
	va_start(ap, fmt);
	n = log_format(buf, sizeof(buf), log_kmsg, lvl, fmt, ap);
	va_end(ap);
	iov.iov_base = buf;
	iov.iov_len = n;
	/* One writev per line: kmsg takes each write as one record. */
	if (writev(log_fd, &iov, 1) < 0 && log_fd != 2)
		(void)!write(2, buf, n);
	errno = saved;
}

void log_puts(int fd, const char *s)
{
	(void)!write(fd, s, strlen(s));
}

void log_out(int fd, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	log_puts(fd, buf);
}
