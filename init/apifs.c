/* apifs.c - the API filesystems, the log and the command line */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "apifs.h"
#include "log.h"

struct apifs {
	const char *type;
	const char *dir;
	unsigned long flags;
	const char *data;
};

static const struct apifs apifs_table[] = {
	{ "devtmpfs", "/dev", MS_NOSUID, "mode=0755" },
	{ "proc", "/proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL },
	{ "sysfs", "/sys", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL },
	{ "tmpfs", "/run", MS_NOSUID | MS_NODEV, "mode=0755" },
};

/* Without devtmpfs the kernel still needs a console and a null device
 * for us and for a rescue shell. */
static int make_static_dev(void)
{
	int r = 0;

	if (mknod("/dev/console", S_IFCHR | 0600, makedev(5, 1)) < 0 &&
	    errno != EEXIST)
		r = -errno;
	if (mknod("/dev/null", S_IFCHR | 0666, makedev(1, 3)) < 0 &&
	    errno != EEXIST && !r)
		r = -errno;
	return r;
}

static int mount_apifs(const struct apifs *a)
{
	if (mkdir(a->dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (mount(a->type, a->dir, a->type, a->flags, a->data) == 0)
		return 0;
	/* Already there (a second run after a rescue shell): fine. */
	if (errno == EBUSY)
		return 0;
	return -errno;
}

static int read_cmdline(char *buf, size_t size)
{
	int fd = open("/proc/cmdline", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

static void apply_log_level(const struct cmdline *cl)
{
	if (cl->debug)
		log_set_level(LOG_LVL_DEBUG);
	else if (cl->quiet)
		log_set_level(LOG_LVL_WARN);
	else
		log_set_level(LOG_LVL_INFO);
}

int stage_top(struct boot *b)
{
	static char text[CMDLINE_MAX];
	unsigned i;
	int r;

	for (i = 0; i < sizeof(apifs_table) / sizeof(apifs_table[0]); i++) {
		const struct apifs *a = &apifs_table[i];

		r = mount_apifs(a);
		if (r == -ENODEV && !strcmp(a->type, "devtmpfs")) {
			r = make_static_dev();
			if (r == 0)
				continue;
		}
		if (r < 0) {
			/* The log is not open yet: the console is all we
			 * have. */
			log_use_kmsg("/dev/kmsg", "/dev/console");
			log_err("fatal: unable to mount %s on %s: %s", a->type,
				a->dir, strerror(-r));
			return r;
		}
	}
	log_use_kmsg("/dev/kmsg", "/dev/console");
	log_kmsg_unlimit();

	r = read_cmdline(text, sizeof(text));
	if (r < 0) {
		log_err("unable to read /proc/cmdline: %s; booting with the "
			"defaults",
			strerror(-r));
		text[0] = '\0';
	}
	r = cmdline_parse(text, &b->cl);
	apply_log_level(&b->cl);
	if (r == -EINVAL)
		log_warn("kernel command line has an unterminated quote; "
			 "the words after it were ignored");
	else if (r == -E2BIG)
		log_warn("kernel command line is too long or has too many "
			 "words; some were ignored");
	if (b->cl.n_errors)
		log_warn("kernel command line: %d value(s) could not be "
			 "understood and were ignored",
			 b->cl.n_errors);
	log_debug("command line: %s", text);
	return 0;
}
