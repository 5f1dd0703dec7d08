/* switch_nuke.c - the delete walk that frees the initramfs
 *
 * The initramfs (ramfs or tmpfs) holds its files in memory until they
 * are deleted: after the switch nobody can reach them, so they are
 * deleted first, as klibc's run-init and systemd do.  DO NOT cross into
 * another filesystem, DO NOT follow symlinks, and DO NOT touch what the
 * new root is built from (switch_keep.c finds it).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "switch_nuke.h"

#ifndef O_CLOEXEC
#define O_CLOEXEC 02000000
#endif

static int nuke_entry(DIR *dir, const char *name, dev_t dev,
		      const struct switch_keep *keep);

/* Empty the directory dir reads (its descriptor is the only one this
 * level holds: a tree deeper than the descriptor limit allows for two
 * per level is still deleted). */
static int nuke_dir(DIR *dir, dev_t dev, const struct switch_keep *keep)
{
	struct dirent *d;
	int r, err = 0;

	while ((d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		r = nuke_entry(dir, d->d_name, dev, keep);
		if (r < 0 && !err)
			err = r;
	}
	return err;
}

static int failed(const char *name, int r)
{
	log_warn("nuking initramfs contents: %s: %s", name, strerror(-r));
	return r;
}

/* Delete one entry of dir (a directory with all below it); logs its own
 * failures and returns the first -errno below it. */
static int nuke_entry(DIR *dir, const char *name, dev_t dev,
		      const struct switch_keep *keep)
{
	int fd = dirfd(dir), sub, r;
	struct stat st;
	DIR *subdir;

	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0)
		return failed(name, -errno);
	/* DO NOT cross into another filesystem: the new root, /dev and
	 * anything else mounted here are some other device. */
	if (st.st_dev != dev || switch_keep_has(keep, &st))
		return 0;
	if (!S_ISDIR(st.st_mode)) {
		/* Symbolic links are removed, never followed. */
		return unlinkat(fd, name, 0) < 0 ? failed(name, -errno) : 0;
	}
	sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (sub < 0)
		return failed(name, -errno);
	subdir = fdopendir(sub);
	if (!subdir) {
		r = -errno;
		close(sub);
		return failed(name, r);
	}
	r = nuke_dir(subdir, dev, keep);
	closedir(subdir);
	/* A mount point or a kept entry below keeps its parents. */
	if (unlinkat(fd, name, AT_REMOVEDIR) < 0 && errno != ENOTEMPTY &&
	    errno != EBUSY && !r)
		r = failed(name, -errno);
	return r;
}

int switch_nuke(int dirfd, dev_t dev, const struct switch_keep *keep)
{
	DIR *dir;
	int fd, r;

	fd = dup(dirfd);
	if (fd < 0)
		return -errno;
	/* The dup shares its offset with dirfd: start from the top. */
	lseek(fd, 0, SEEK_SET);
	dir = fdopendir(fd);
	if (!dir) {
		r = -errno;
		close(fd);
		return r;
	}
	r = nuke_dir(dir, dev, keep);
	closedir(dir);
	return r;
}
