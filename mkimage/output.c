/* output.c - replacing the image: a temporary file beside it, written,
 * synced, renamed over it, the directory synced.  A power cut leaves the
 * old image or the new one, never an empty file; a signal leaves no
 * temporary file. */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mkimage.h"

/* Global for the signal handler. */
static char tmp_path[PATH_MAX];
static const int signals[] = { SIGINT, SIGTERM, SIGHUP };

static void remove_tmp(void)
{
	if (tmp_path[0])
		unlink(tmp_path);
	tmp_path[0] = '\0';
}

static void on_signal(int sig)
{
	if (tmp_path[0])
		unlink(tmp_path); /* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void catch_signals(void)
{
	struct sigaction sa, old;
	unsigned i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++) {
		/* A signal ignored by who started us (nohup) stays so. */
		if (sigaction(signals[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
			sigaction(signals[i], &sa, NULL);
	}
}

static void block_signals(int how)
{
	sigset_t set;
	unsigned i;

	sigemptyset(&set);
	for (i = 0; i < sizeof(signals) / sizeof(signals[0]); i++)
		sigaddset(&set, signals[i]);
	sigprocmask(how, &set, NULL);
}

int output_open(struct output *out, const char *name)
{
	char dir[PATH_MAX], base[PATH_MAX];
	struct stat st;
	mode_t mask;

	memset(out, 0, sizeof(*out));
	out->fd = -1;
	out->name = name;
	/* -o naming a symlink replaces what it points to, as cp and GNU
	 * sed --follow-symlinks do; the link stays. */
	if (lstat(name, &st) == 0 && S_ISLNK(st.st_mode)) {
		if (!realpath(name, out->path)) {
			int e = errno;

			say("-o %s: a symlink to nothing that exists (%s); "
			    "name the image itself",
			    name, strerror(e));
			return -e;
		}
	} else if (snprintf(out->path, sizeof(out->path), "%s", name) >=
		   (int)sizeof(out->path)) {
		say("cannot write %s: %s", name, strerror(ENAMETOOLONG));
		return -ENAMETOOLONG;
	}
	/* The mode the replaced image had, or what the umask allows. */
	mask = umask(0);
	umask(mask);
	out->mode = 0666 & ~mask;
	if (stat(out->path, &st) == 0 && S_ISREG(st.st_mode))
		out->mode = st.st_mode & 0777;

	snprintf(dir, sizeof(dir), "%s", out->path);
	snprintf(base, sizeof(base), "%s", out->path);
	if (snprintf(tmp_path, sizeof(tmp_path), "%s/.%s.tmp-XXXXXX",
		     dirname(dir), basename(base)) >= (int)sizeof(tmp_path)) {
		tmp_path[0] = '\0';
		say("cannot write %s: %s", name, strerror(ENAMETOOLONG));
		return -ENAMETOOLONG;
	}
	catch_signals();
	out->fd = mkstemp(tmp_path);
	if (out->fd < 0) {
		int e = errno;

		tmp_path[0] = '\0';
		say("cannot write %s: %s", name, strerror(e));
		return -e;
	}
	atexit(remove_tmp);
	return 0;
}

static int write_all(int fd, const unsigned char *p, size_t len)
{
	while (len) {
		ssize_t n = write(fd, p, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

/* After the rename: the directory entry reaches the disk too. */
static void sync_dir(const char *path)
{
	char dir[PATH_MAX];
	int fd;

	snprintf(dir, sizeof(dir), "%s", path);
	fd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0 || (fsync(fd) < 0 && errno != EINVAL))
		say("warning: %s: cannot sync the directory (%s); run sync "
		    "before a reboot",
		    dir, strerror(errno));
	if (fd >= 0)
		close(fd);
}

int output_commit(struct output *out, const unsigned char *p, size_t len,
		  mode_t limit)
{
	mode_t mode = out->mode & limit;
	int r;

	r = write_all(out->fd, p, len);
	if (r == 0 && fchmod(out->fd, mode) < 0)
		r = -errno;
	if (r == 0 && fsync(out->fd) < 0)
		r = -errno;
	if (close(out->fd) < 0 && r == 0)
		r = -errno;
	out->fd = -1;
	if (r < 0) {
		say("writing %s: %s", tmp_path, strerror(-r));
		return r;
	}
	block_signals(SIG_BLOCK);
	if (rename(tmp_path, out->path) < 0) {
		r = -errno;
		say("cannot write %s: %s", out->name, strerror(-r));
	} else {
		tmp_path[0] = '\0';
	}
	block_signals(SIG_UNBLOCK);
	if (r == 0)
		sync_dir(out->path);
	return r;
}

void output_abort(struct output *out)
{
	if (out->fd >= 0)
		close(out->fd);
	out->fd = -1;
	remove_tmp();
}
