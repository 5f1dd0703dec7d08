/* askpass.c - a passphrase from whichever console answers first
 *
 * The consoles stay in canonical mode (the kernel's line editing:
 * backspace, ^U) with echo off, so a read returns a whole line.  The
 * passphrase lives only in the caller's buffer; every copy made here is
 * wiped.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "askpass.h"
#include "runprog.h"

#ifndef TIOCGDEV
#define TIOCGDEV _IOR('T', 0x32, unsigned int)
#endif

int askpass_console_path(const char *console, char *buf, size_t size)
{
	size_t n = strcspn(console, ",");
	size_t i;

	if (!n || n + 6 > size || (n == 4 && !strncmp(console, "null", 4)))
		return -EINVAL;
	for (i = 0; i < n; i++) {
		char c = console[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '.'))
			return -EINVAL;
	}
	/* uart8250,io,... and uart,mmio,...: an early console, no node */
	if (console[n] == ',' && !strncmp(console, "uart", 4))
		return -EINVAL;
	memcpy(buf, "/dev/", 5);
	memcpy(buf + 5, console, n);
	buf[5 + n] = '\0';
	return 0;
}

/* The device behind fd: the real tty for /dev/console (TIOCGDEV), else
 * the node's own number. */
static dev_t real_dev(int fd)
{
	unsigned int d;
	struct stat st;

	if (ioctl(fd, TIOCGDEV, &d) == 0)
		return (dev_t)d;
	if (fstat(fd, &st) == 0)
		return st.st_rdev;
	return 0;
}

static int add_console(const char *path, int *fds, dev_t *devs, int n, int max)
{
	struct stat st;
	dev_t d;
	int fd, i;

	if (n >= max)
		return n;
	fd = open(path, O_RDWR | O_NOCTTY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return n;
	d = real_dev(fd);
	for (i = 0; i < n; i++)
		if (devs[i] == d)
			break;
	if (i < n || fstat(fd, &st) < 0 || !S_ISCHR(st.st_mode)) {
		close(fd);
		return n;
	}
	fds[n] = fd;
	devs[n] = d;
	return n + 1;
}

int askpass_open(const struct cmdline *cl, int *fds, int max)
{
	dev_t devs[ASKPASS_CONSOLES];
	char path[64];
	int i, n = 0;

	if (max > ASKPASS_CONSOLES)
		max = ASKPASS_CONSOLES;
	n = add_console("/dev/console", fds, devs, n, max);
	for (i = 0; i < cl->n_console; i++)
		if (askpass_console_path(cl->console[i], path, sizeof(path)) ==
		    0)
			n = add_console(path, fds, devs, n, max);
	return n;
}

void askpass_close(int *fds, int n)
{
	while (n-- > 0)
		close(fds[n]);
}

static void say(int fd, const char *s)
{
	size_t len = strlen(s);

	while (len > 0) {
		ssize_t w = write(fd, s, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0 && errno == EAGAIN) {
			struct pollfd p = { fd, POLLOUT, 0 };

			if (poll(&p, 1, 1000) > 0)
				continue;
		}
		if (w <= 0)
			return;
		s += w;
		len -= (size_t)w;
	}
}

/* One read from a console that answered: 1 with the line in buf (its
 * length in *len), 0 for nothing yet, -E2BIG (a line longer than buf:
 * its rest is read and dropped), or -EIO when the console is gone.  In
 * canonical mode a read ends at the newline (or at ^D: the line so far). */
static int read_line(int fd, char *buf, size_t size, size_t *len)
{
	char junk[256];
	ssize_t r;
	char *nl;
	int i;

	r = read(fd, buf, size - 1);
	if (r < 0)
		return errno == EAGAIN || errno == EINTR ? 0 : -EIO;
	if (r == 0)
		return -EIO;
	nl = memchr(buf, '\n', (size_t)r);
	if (nl || (size_t)r < size - 1) {
		*len = nl ? (size_t)(nl - buf) : (size_t)r;
		buf[*len] = '\0';
		return 1;
	}
	for (i = 0; i < 64; i++) {
		r = read(fd, junk, sizeof(junk));
		nl = r > 0 ? memchr(junk, '\n', (size_t)r) : NULL;
		if (r <= 0 || nl)
			break;
	}
	runprog_wipe(junk, sizeof(junk));
	return -E2BIG;
}

int askpass_read(const int *fds, int n, const char *prompt, char *buf,
		 size_t size)
{
	struct termios saved[ASKPASS_CONSOLES];
	int istty[ASKPASS_CONSOLES], gone[ASKPASS_CONSOLES] = { 0 };
	struct pollfd p[ASKPASS_CONSOLES];
	size_t len = 0;
	int i, r = -EIO, alive;

	if (n > ASKPASS_CONSOLES)
		n = ASKPASS_CONSOLES;
	for (i = 0; i < n; i++) {
		struct termios t;

		istty[i] = tcgetattr(fds[i], &saved[i]) == 0;
		if (istty[i]) {
			t = saved[i];
			t.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK);
			t.c_lflag |= ICANON | ECHONL;
			/* What was typed before the prompt is not the
			 * answer to it. */
			tcsetattr(fds[i], TCSAFLUSH, &t);
		}
		say(fds[i], prompt);
	}
	for (;;) {
		alive = 0;
		for (i = 0; i < n; i++) {
			p[i].fd = gone[i] ? -1 : fds[i];
			p[i].events = POLLIN;
			p[i].revents = 0;
			alive += !gone[i];
		}
		if (!alive) {
			r = -EIO;
			break;
		}
		if (poll(p, (nfds_t)n, -1) < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			break;
		}
		for (i = 0; i < n; i++) {
			if (!p[i].revents)
				continue;
			/* Lines come whole in canonical mode: one
			 * console's bytes never mix with another's. */
			r = read_line(fds[i], buf, size, &len);
			if (r == -EIO)
				gone[i] = 1;
			if (r == 1 || r == -E2BIG)
				break;
		}
		if (i < n)
			break;
	}
	for (i = 0; i < n; i++)
		if (istty[i])
			tcsetattr(fds[i], TCSANOW, &saved[i]);
		else
			say(fds[i], "\n");
	if (r == 1)
		return (int)len;
	runprog_wipe(buf, size);
	return r == -E2BIG ? -E2BIG : r < 0 ? r : -EIO;
}
