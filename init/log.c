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
