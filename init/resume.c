/* resume.c - resume=: give a hibernation image back to the kernel
 *
 * As initramfs-tools' local-premount/resume and dracut's resume module:
 * the kernel cannot resume by itself when the swap's driver is a module,
 * so the initramfs writes the device number to /sys/power/resume once
 * the device is there.  We write it only when the probe saw the image's
 * signature, so a plain swap costs nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "blockdev.h"
#include "log.h"
#include "resolve.h"
#include "resume.h"
#include "rootspec.h"
#include "waitroot.h"

enum resume_action resume_action(const char *fstype)
{
	if (!strcmp(fstype, "swsuspend"))
		return RESUME_IMAGE;
	if (!strcmp(fstype, "swap"))
		return RESUME_NO_IMAGE;
	return RESUME_NOT_SWAP;
}

static int write_resume(const struct blockdev *bd)
{
	char num[32];
	int fd, n, r = 0;

	n = snprintf(num, sizeof(num), "%u:%u\n", bd->major, bd->minor);
	fd = open("/sys/power/resume", O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, num, (size_t)n) != n)
		r = -errno;
	close(fd);
	return r;
}

int resume_wait_ms(const struct cmdline *cl)
{
	int t = cmdline_secs_ms(cl->timeout); /* -1 without rd.timeout= */

	return t >= 0 && t < RESUME_WAIT_MS ? t : RESUME_WAIT_MS;
}

void resume_from(struct boot *b)
{
	const struct cmdline *cl = &b->cl;
	static struct blockdev_set set;
	struct root_spec spec;
	struct blockdev *bd = NULL;
	char err[200], node[64];
	int r, limit = resume_wait_ms(cl);

	if (!cl->resume || !*cl->resume)
		return;
	if (cl->noresume) {
		log_info("noresume: not looking for a hibernation image on "
			 "resume=%s",
			 cl->resume);
		return;
	}
	err[0] = '\0';
	r = root_spec_parse(cl->resume, &spec, err, sizeof(err));
	if (r < 0) {
		log_warn("resume=%s cannot be understood (%s); booting "
			 "without resuming",
			 cl->resume, err[0] ? err : strerror(-r));
		return;
	}
	r = wait_device(b, &spec, &set, limit, &bd);
	if (r == -ENOENT) {
		log_warn("resume=%s did not appear within %d ms; booting "
			 "without resuming (a hibernated system's image stays "
			 "unused)",
			 cl->resume, limit);
		return;
	}
	if (r < 0) {
		log_warn("unable to look for resume=%s: %s; booting without "
			 "resuming",
			 cl->resume, strerror(-r));
		return;
	}
	resolve_devnode(bd, node, sizeof(node));
	switch (resume_action(bd->fs_err == 0 ? bd->fs.type : "")) {
	case RESUME_IMAGE:
		log_info("resume=%s is %s (%u:%u) and holds a hibernation "
			 "image: resuming from it",
			 cl->resume, node, bd->major, bd->minor);
		r = write_resume(bd);
		/* On success the kernel is now the hibernated system's. */
		log_warn("the kernel did not resume from %s (%s); booting "
			 "normally: the image stays unused",
			 node, r < 0 ? strerror(-r) : "see its messages above");
		break;
	case RESUME_NO_IMAGE:
		log_info("resume=%s is %s, a swap without a hibernation "
			 "image: booting normally",
			 cl->resume, node);
		break;
	case RESUME_NOT_SWAP:
		log_warn("resume=%s is %s, which is %s, not swap; booting "
			 "without resuming",
			 cl->resume, node,
			 bd->fs_err == 0 ? bd->fs.type : "unrecognised");
		break;
	}
}
