/* test_askpass.c - console= names, and a passphrase read from a real
 * pseudo-terminal: echo off while asking, back on after, the line whole;
 * and runprog: a real program's stdin and output */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <termios.h>
#include <unistd.h>

#include "askpass.h"
#include "runprog.h"
#include "t.h"

static const struct {
	const char *console, *path; /* NULL: -EINVAL */
} paths[] = {
	{ "ttyS0", "/dev/ttyS0" },
	{ "ttyS0,115200n8", "/dev/ttyS0" },
	{ "tty0", "/dev/tty0" },
	{ "hvc0", "/dev/hvc0" },
	{ "", NULL },
	{ "null", NULL },
	{ "uart8250,io,0x3f8,115200", NULL },
	{ "../etc/passwd", NULL },
	{ "tty/1", NULL },
	{ ",115200", NULL },
};

static void test_paths(void)
{
	char buf[64];
	size_t i;
	int r;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		r = askpass_console_path(paths[i].console, buf, sizeof(buf));
		T_STREQ(r == 0 ? buf : NULL, paths[i].path, "console=%s",
			paths[i].console);
	}
}

struct typist {
	int master;
	const char *text;
	int echo_seen_off;
	int slave;
};

/* Wait for the prompt, check echo is off, then type. */
static void *type(void *arg)
{
	struct typist *t = arg;
	char buf[256];
	struct termios tio;
	size_t got = 0;
	ssize_t n;

	while (got < sizeof(buf) - 1) {
		n = read(t->master, buf + got, sizeof(buf) - 1 - got);
		if (n <= 0)
			break;
		got += (size_t)n;
		buf[got] = '\0';
		if (strstr(buf, "Passphrase: "))
			break;
	}
	if (tcgetattr(t->slave, &tio) == 0)
		t->echo_seen_off = !(tio.c_lflag & ECHO);
	if (write(t->master, t->text, strlen(t->text)) < 0)
		return NULL;
	return NULL;
}

static int open_pty(int *slave)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	if (m < 0 || grantpt(m) < 0 || unlockpt(m) < 0)
		return -1;
	*slave = open(ptsname(m), O_RDWR | O_NOCTTY);
	return *slave < 0 ? -1 : m;
}

static void test_read(const char *what, const char *typed, int want_len,
		      const char *want)
{
	char pass[ASKPASS_MAX + 1];
	struct typist t = { 0 };
	struct termios before, after;
	pthread_t th;
	int r, fds[1];

	t.master = open_pty(&t.slave);
	if (t.master < 0) {
		T_OK(0, "%s: a pseudo-terminal opens", what);
		return;
	}
	t.text = typed;
	fds[0] = t.slave;
	tcgetattr(t.slave, &before);
	pthread_create(&th, NULL, type, &t);
	r = askpass_read(fds, 1, "Passphrase: ", pass, sizeof(pass));
	pthread_join(th, NULL);
	tcgetattr(t.slave, &after);
	T_INTEQ(r, want_len, "%s: length", what);
	if (want)
		T_STREQ(r >= 0 ? pass : NULL, want, "%s: the line", what);
	T_OK(t.echo_seen_off, "%s: echo off while asking", what);
	T_OK((after.c_lflag & ECHO) == (before.c_lflag & ECHO),
	     "%s: echo as before after", what);
	close(t.master);
	close(t.slave);
}

static void test_long(void)
{
	char typed[ASKPASS_MAX + 40];

	memset(typed, 'x', sizeof(typed) - 2);
	typed[sizeof(typed) - 2] = '\n';
	typed[sizeof(typed) - 1] = '\0';
	test_read("a line longer than ASKPASS_MAX", typed, -E2BIG, NULL);
}

static void test_runprog(void)
{
	char out[64], path[64];
	char *cat[] = { "/bin/cat", NULL };
	char *sh[] = { "/bin/sh", "-c", "echo to-stderr >&2; exit 3", NULL };
	char *none[] = { "/nonexistent/prog", NULL };

	T_INTEQ(runprog(cat, "secret", 6, out, sizeof(out)), 0,
		"runprog: cat exits 0");
	T_STREQ(out, "secret", "runprog: stdin reaches the program whole");
	T_INTEQ(runprog(sh, NULL, 0, out, sizeof(out)), 3,
		"runprog: the exit status");
	T_STREQ(out, "to-stderr", "runprog: stderr kept, newline dropped");
	T_INTEQ(runprog(cat, NULL, 0, out, 4), 0, "runprog: /dev/null in");
	T_STREQ(out, "", "runprog: ... nothing out");
	T_INTEQ(runprog(none, NULL, 0, out, sizeof(out)), 127,
		"runprog: a missing program exits 127");
	T_OK(strstr(out, "No such file") != NULL,
	     "runprog: ... and says why (%s)", out);
	T_INTEQ(runprog_find("sh", path, sizeof(path)), 0,
		"runprog_find: sh is found");
	T_INTEQ(runprog_find("no-such-program-x", path, sizeof(path)), -ENOENT,
		"runprog_find: a missing one is -ENOENT");
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	test_paths();
	test_read("a passphrase", "correct horse\n", 13, "correct horse");
	test_read("an empty line", "\n", 0, "");
	test_read("backspace is the terminal's", "abx\177c\n", 3, "abc");
	test_long();
	test_runprog();
	T_DONE();
}
