/* switch_handoff.c - what the new init gets: the API mounts, the console, the exec
 *
 * Before the switch /dev /proc /sys /run move into the new root; after it
 * the console is opened there and init is executed, with the kernel's
 * fallbacks when nobody named it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "switch_check.h"
#include "switch_handoff.h"

#ifndef MS_MOVE
#define MS_MOVE 8192
#endif
#ifndef MNT_DETACH
#define MNT_DETACH 2
#endif

#define PATH_LEN SWITCH_PATH_LEN

extern char **environ;

/* Move /dev /proc /sys /run into the new root, so the new init finds
 * them; where the new root mounted its own, keep that one. */
unsigned switch_move_api_mounts(const char *newroot)
{
	char src[16], dst[PATH_LEN];
	struct stat st;
	unsigned moved = 0;
	int i, r;

	for (i = 0; switch_api_mounts[i]; i++) {
		snprintf(src, sizeof(src), "/%s", switch_api_mounts[i]);
		/* udev's initramfs-tools script leaves /dev a symlink to
		 * the one it moved: following it would detach that. */
		if (lstat(src, &st) < 0 || !S_ISDIR(st.st_mode) ||
		    switch_is_mount_point(src) != 1)
			continue;
		snprintf(dst, sizeof(dst), "%s/%s", newroot,
			 switch_api_mounts[i]);
		if (stat(dst, &st) < 0 || !S_ISDIR(st.st_mode)) {
			log_warn("%s is missing in the new root: detaching "
				 "%s",
				 dst, src);
			umount2(src, MNT_DETACH);
			continue;
		}
		if (switch_is_mount_point(dst) == 1) {
			log_debug("%s is already mounted: detaching %s", dst,
				  src);
			umount2(src, MNT_DETACH);
			continue;
		}
		if (mount(src, dst, NULL, MS_MOVE, NULL) < 0) {
			r = errno;
			log_warn("moving %s to %s: %s; detaching it", src, dst,
				 strerror(r));
			umount2(src, MNT_DETACH);
			continue;
		}
		moved |= 1u << i;
	}
	return moved;
}

/* The switch failed before the point of no return: put back what
 * move_api_mounts() moved, so a rescue shell (and the next try) has its
 * /dev, /proc, /sys and /run. */
void switch_move_api_mounts_back(const char *newroot, unsigned moved)
{
	char src[PATH_LEN], dst[16];
	int i;

	for (i = 0; switch_api_mounts[i]; i++) {
		if (!(moved & (1u << i)))
			continue;
		snprintf(src, sizeof(src), "%s/%s", newroot,
			 switch_api_mounts[i]);
		snprintf(dst, sizeof(dst), "/%s", switch_api_mounts[i]);
		if (mount(src, dst, NULL, MS_MOVE, NULL) < 0)
			log_warn("moving %s back to %s: %s", src, dst,
				 strerror(errno));
	}
}

void switch_open_console(const char *console)
{
	int fd;

	fd = open(console, O_RDWR | O_NOCTTY);
	if (fd < 0) {
		log_warn("opening console %s in the new root: %s; keeping the "
			 "current one",
			 console, strerror(errno));
		return;
	}
	dup2(fd, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
}

int switch_exec_init(const struct switch_opts *o)
{
	char *const *envp = o->envp ? o->envp : environ;
	char *own[2] = { (char *)o->init, NULL };
	char **argv;
	int argc = 0, i, err;

	execve(o->init, o->argv ? o->argv : own, envp);
	err = -errno;
	log_err("executing %s in the new root: %s", o->init, strerror(-err));
	if (o->exact_init)
		return err;
	/* As the kernel does: the same arguments, the next program. */
	while (o->argv && o->argv[argc])
		argc++;
	argv = calloc(argc + 2, sizeof(*argv));
	if (!argv)
		return err;
	for (i = 1; i < argc; i++)
		argv[i] = o->argv[i];
	for (i = 0; switch_fallback_inits[i]; i++) {
		if (!strcmp(switch_fallback_inits[i], o->init))
			continue;
		argv[0] = (char *)switch_fallback_inits[i];
		log_err("trying %s", switch_fallback_inits[i]);
		execve(switch_fallback_inits[i], argv, envp);
		log_err("executing %s: %s", switch_fallback_inits[i],
			strerror(errno));
	}
	free(argv);
	return err;
}

/* The usermodehelper files: in /proc, or in the new root's /proc when
 * the caller has moved it there already (initramfs-tools does). */
const char *switch_umh_dir(const char *newroot, char *buf, size_t len)
{
	static const char umh[] = "/proc/sys/kernel/usermodehelper";

	if (access(umh, F_OK) == 0)
		return umh;
	snprintf(buf, len, "%s%s", newroot, umh);
	return buf;
}
