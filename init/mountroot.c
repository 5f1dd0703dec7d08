/* mountroot.c - the mount stage's one job: the real root at /new-root
 * (and a separate /usr: mountusr.c) */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fsck.h"
#include "log.h"
#include "modules.h"
#include "mountroot.h"
#include "mountusr.h"
#include "netup.h"
#include "nfsroot.h"
#include "nfsspec.h"
#include "resolve.h"
#include "resume.h"
#include "waitroot.h"

const char *fstype_next(const char *list, char *out, size_t size)
{
	size_t n;

	while (list && *list == ',')
		list++;
	if (!list || !*list)
		return NULL;
	n = strcspn(list, ",");
	if (n >= size)
		n = size - 1;
	memcpy(out, list, n);
	out[n] = '\0';
	list += strcspn(list, ",");
	return list;
}

static int try_mount(const char *dev, const char *dir, const char *type,
		     const struct cmdline *cl, struct modules *mods, int *ro)
{
	unsigned long flags = *ro ? MS_RDONLY : 0;
	int r;

	/* The driver may be a module nobody loaded yet. */
	modules_load_fs(mods, type);
	r = mount(dev, dir, type, flags, cl->rootflags);
	if (r < 0 && !*ro && (errno == EROFS || errno == EACCES)) {
		/* As the kernel does: a read-only medium is mounted
		 * read-only rather than not at all. */
		log_warn("%s is write-protected, mounting read-only", dev);
		*ro = 1;
		r = mount(dev, dir, type, MS_RDONLY, cl->rootflags);
	}
	if (r < 0)
		return -errno;
	log_info("mounted %s on %s as %s (%s%s%s)", dev, dir, type,
		 *ro ? "read-only" : "read-write", cl->rootflags ? ", " : "",
		 cl->rootflags ? cl->rootflags : "");
	return 0;
}

/* The kernel's fallback: every block filesystem it knows. */
static int try_all(const struct cmdline *cl, struct modules *mods,
		   const char *dev, const char *dir, char *used,
		   size_t used_size, int *ro)
{
	char buf[4096], *line, *save = NULL;
	int fd = open("/proc/filesystems", O_RDONLY | O_CLOEXEC);
	ssize_t n;
	int r = -ENODEV;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "nodev", 5))
			continue;
		while (*line == '\t' || *line == ' ')
			line++;
		r = try_mount(dev, dir, line, cl, mods, ro);
		if (r == 0) {
			snprintf(used, used_size, "%s", line);
			return 0;
		}
	}
	return r;
}

int mount_root(const struct cmdline *cl, struct modules *mods, const char *dev,
	       const char *probed, const char *dir, char *used,
	       size_t used_size)
{
	char type[32];
	const char *p = cl->rootfstype;
	int ro = !cl->rw, r = -ENODEV;

	if (mkdir(dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (p && *p) {
		while ((p = fstype_next(p, type, sizeof(type)))) {
			r = try_mount(dev, dir, type, cl, mods, &ro);
			if (r == 0) {
				snprintf(used, used_size, "%s", type);
				return 0;
			}
			log_warn("mount %s as %s failed: %s", dev, type,
				 strerror(-r));
		}
		log_err("unable to mount the root %s with rootfstype=%s: %s; "
			"the device holds %s: fix rootfstype= or leave it "
			"out",
			dev, cl->rootfstype, strerror(-r),
			probed && *probed ? probed
					  : "no filesystem newroot "
					    "recognises");
		return r;
	}
	if (probed && *probed) {
		r = try_mount(dev, dir, probed, cl, mods, &ro);
		if (r == 0) {
			snprintf(used, used_size, "%s", probed);
			return 0;
		}
		log_err("unable to mount the root %s (%s) on %s: %s; check "
			"rootflags=%s and that the kernel has %s support",
			dev, probed, dir, strerror(-r),
			cl->rootflags ? cl->rootflags : "", probed);
		return r;
	}
	r = try_all(cl, mods, dev, dir, used, used_size, &ro);
	if (r < 0)
		log_err("unable to mount the root %s: no filesystem newroot "
			"recognises, and no type in /proc/filesystems mounts "
			"it (%s); name it with rootfstype=",
			dev, strerror(-r));
	return r;
}

static int refuse_usage(const struct blockdev *bd, const char *dev)
{
	switch (bd->fs.usage) {
	case PROBE_USAGE_RAID:
		log_err("%s is a %s: a member of an array or volume group, not "
			"a filesystem; point root= at the assembled device",
			dev, bd->fs.type);
		return -EMEDIUMTYPE;
	case PROBE_USAGE_CRYPTO:
		log_err("%s is encrypted (%s): root= names the container; "
			"point it at what it opens as (root=/dev/mapper/luks-"
			"%s, or the UUID= of the filesystem inside)",
			dev, bd->fs.type, bd->fs.uuid);
		return -EMEDIUMTYPE;
	case PROBE_USAGE_OTHER:
		log_err("%s holds %s, not a root filesystem; check root=", dev,
			bd->fs.type);
		return -EMEDIUMTYPE;
	default:
		return 0;
	}
}

/* fsck before the mount: the type rootfstype= names first, else the
 * probed one. */
static int check_root(struct boot *b, const struct blockdev *bd)
{
	char type[32] = "";

	if (b->cl.rootfstype && *b->cl.rootfstype)
		fstype_next(b->cl.rootfstype, type, sizeof(type));
	else if (bd->fs_err == 0)
		snprintf(type, sizeof(type), "%s", bd->fs.type);
	return fsck_check(&b->cl, b->root_dev, type, "root");
}

int stage_mount(struct boot *b)
{
	static struct blockdev_set set;
	struct root_spec spec;
	struct blockdev *bd = NULL;
	char err[200];
	int r;

	/* Tried again after the failure policy's shell: the root is
	 * mounted already, /usr is what failed. */
	if (b->root_type[0])
		return mount_usr(b, &set);
	/* ip=: the network before the root is looked for. */
	nfsroot_want_network(b);
	netup(b);
	resume_from(b);
	if (!b->cl.root || !*b->cl.root) {
		log_err("no root= on the kernel command line; add one, e.g. "
			"root=/dev/sda1 or root=UUID=...");
		return -EINVAL;
	}
	/* A network root resolves when the network is up, not as a
	 * device (docs/devices.md). */
	if (nfs_root_is(b->cl.root)) {
		r = nfsroot_mount(b);
		return r < 0 ? r : mount_usr(b, &set);
	}
	err[0] = '\0';
	r = root_spec_parse(b->cl.root, &spec, err, sizeof(err));
	if (r < 0) {
		log_err("root=%s cannot be understood: %s", b->cl.root,
			err[0] ? err : strerror(-r));
		return r;
	}
	r = wait_root(b, &spec, &set, &bd);
	if (r < 0)
		return r;
	resolve_devnode(bd, b->root_dev, sizeof(b->root_dev));
	log_info("root=%s is %s (%u:%u%s%s)", b->cl.root, b->root_dev,
		 bd->major, bd->minor, bd->fs.type[0] ? ", " : "", bd->fs.type);
	if (bd->fs_err == 0 && !b->cl.rootfstype) {
		r = refuse_usage(bd, b->root_dev);
		if (r < 0)
			return r;
	}
	r = check_root(b, bd);
	if (r < 0)
		return r;
	r = mount_root(&b->cl, &b->mods, b->root_dev,
		       bd->fs_err == 0 ? bd->fs.type : NULL, NEWROOT_DIR,
		       b->root_type, sizeof(b->root_type));
	if (r < 0)
		return r;
	return mount_usr(b, &set);
}
