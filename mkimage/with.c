/* with.c - --with fsck: util-linux fsck and the checkers, each with its
 * libraries through --add-program's code (elfdeps.c), as
 * initramfs-tools' fsck hook copies fsck and fsck.TYPE.  The --with list
 * is parsed in withstack.c, with crypt, lvm and md. */
#include <errno.h>
#include <fcntl.h>
#include <mntent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "elfdeps.h"
#include "mkimage.h"

/* Where a Debian system has them (/sbin is /usr/sbin when merged). */
#define SBIN "/sbin"

/* Whether path is an ELF file (not a shell script such as fsck.xfs or
 * fsck.btrfs, which would need a shell in the image). */
static int is_elf(const char *path)
{
	unsigned char m[4];
	int fd = open(path, O_RDONLY | O_CLOEXEC), ok;

	if (fd < 0)
		return 0;
	ok = read(fd, m, 4) == 4 && !memcmp(m, "\177ELF", 4);
	close(fd);
	return ok;
}

/* fsck.TYPE for one type; e2fsck's names are links to e2fsck, as in
 * e2fsprogs.  quiet: a type --host-only found, whose checker may well
 * be missing (the filesystem is then mounted unchecked). */
static int add_checker(struct image *im, const char *type, int quiet)
{
	char path[64], dst[64];
	int r;

	if (!strcmp(type, "ext2") || !strcmp(type, "ext3") ||
	    !strcmp(type, "ext4")) {
		if (access(SBIN "/e2fsck", X_OK) < 0) {
			say("--with fsck: " SBIN "/e2fsck: %s; install "
			    "e2fsprogs",
			    strerror(errno));
			return -ENOENT;
		}
		r = image_add_program(im, SBIN "/e2fsck");
		snprintf(dst, sizeof(dst), "sbin/fsck.%s", type);
		return r < 0 ? r : image_add_symlink(im, dst, "e2fsck");
	}
	snprintf(path, sizeof(path), SBIN "/fsck.%s", type);
	if (access(path, X_OK) < 0) {
		if (!quiet || verbose)
			say("%s%s: not on this machine; %s filesystems are "
			    "mounted unchecked",
			    quiet ? "warning: " : "--with fsck: ", path, type);
		return quiet ? 0 : -ENOENT;
	}
	if (!is_elf(path)) {
		say("warning: %s is a script and the image has no shell: left "
		    "out, %s filesystems are mounted unchecked",
		    path, type);
		return 0;
	}
	return image_add_program(im, path);
}

/* The type of the host's /usr in /etc/fstab, when it has a line with a
 * type other than "auto". */
static int usr_type(char *type, size_t size)
{
	FILE *f = setmntent("/etc/fstab", "re");
	struct mntent *m;
	int r = -ENOENT;

	while (f && (m = getmntent(f)))
		if (!strcmp(m->mnt_dir, "/usr") &&
		    strcmp(m->mnt_type, "auto")) {
			snprintf(type, size, "%s", m->mnt_type);
			r = 0;
			break;
		}
	if (f)
		endmntent(f);
	return r;
}

/* The checkers for this machine's root and /usr (--host-only). */
static int add_host_checkers(struct image *im)
{
	char type[64];
	int r = 0;

	if (host_root_type(type, sizeof(type)) == 0)
		r = add_checker(im, type, 1);
	if (r == 0 && usr_type(type, sizeof(type)) == 0)
		r = add_checker(im, type, 1);
	return r;
}

/* Whether this machine has an ELF checker for type. */
static int have_checker(const char *type)
{
	char path[64];

	if (!strncmp(type, "ext", 3) && strlen(type) == 4)
		snprintf(path, sizeof(path), SBIN "/e2fsck");
	else
		snprintf(path, sizeof(path), SBIN "/fsck.%s", type);
	return access(path, X_OK) == 0 && is_elf(path);
}

/* fsck, the ext2/3/4 checker when generic, this machine's root and /usr
 * checkers when host_only. */
static int add_fsck(struct image *im, int generic, int host_only)
{
	static const char *const types[] = { "ext2", "ext3", "ext4" };
	size_t i;
	int r;

	if (access(SBIN "/fsck", X_OK) < 0) {
		say("--with fsck: " SBIN "/fsck: %s; install util-linux",
		    strerror(errno));
		return -ENOENT;
	}
	r = image_add_program(im, SBIN "/fsck");
	for (i = 0; generic && r == 0 && i < sizeof(types) / sizeof(types[0]);
	     i++)
		r = add_checker(im, types[i], 0);
	if (r == 0 && host_only)
		r = add_host_checkers(im);
	return r;
}

int with_fsck(struct image *im, int fsck, int host_only)
{
	char type[64];

	if (fsck)
		return add_fsck(im, 1, host_only);
	/* --host-only checks this machine's root as this machine boots:
	 * with its fsck and checker, when it has them. */
	if (host_only && access(SBIN "/fsck", X_OK) == 0 &&
	    host_root_type(type, sizeof(type)) == 0 && have_checker(type)) {
		if (verbose)
			say("--host-only: fsck and the checker for the root's "
			    "%s",
			    type);
		return add_fsck(im, 0, 1);
	}
	return 0;
}
