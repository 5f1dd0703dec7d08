/* mountusr.c - a separate /usr from the new root's /etc/fstab */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "fsck.h"
#include "fstab.h"
#include "log.h"
#include "mountroot.h"
#include "mountusr.h"
#include "resolve.h"
#include "waitroot.h"

#define FSTAB NEWROOT_DIR "/etc/fstab"
#define USR_DIR NEWROOT_DIR "/usr"

/* The new root's fstab, whole or its first size - 1 bytes.  Returns
 * the length, -ENOENT when there is none, or -errno. */
static int read_fstab(char *buf, size_t size)
{
	int fd = open(FSTAB, O_RDONLY | O_CLOEXEC), n = 0, r;

	if (fd < 0)
		return -errno;
	/* A read error ends it: what was read so far is parsed. */
	while ((size_t)n < size - 1) {
		r = read(fd, buf + n, size - 1 - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		n += r;
	}
	close(fd);
	return n;
}

static int mount_as(struct boot *b, const struct fstab_entry *e,
		    const char *dev, const char *type,
		    const struct fstab_opts *o, int ro)
{
	unsigned long flags = o->flags | (ro ? MS_RDONLY : 0);

	const char *data = o->data[0] ? o->data : NULL;

	modules_load_fs(&b->mods, type);
	if (mount(dev, USR_DIR, type, flags, data) < 0) {
		if (ro || (errno != EROFS && errno != EACCES))
			return -errno;
		/* As for the root: a write-protected medium is mounted
		 * read-only rather than not at all. */
		log_warn("%s is write-protected, mounting /usr read-only", dev);
		ro = 1;
		if (mount(dev, USR_DIR, type, flags | MS_RDONLY, data) < 0)
			return -errno;
	}
	log_info("mounted %s on %s as %s (%s%s%s; /etc/fstab line %d)", dev,
		 USR_DIR, type, ro ? "read-only" : "read-write",
		 o->data[0] ? ", " : "", o->data, e->line);
	return 0;
}

/* Mount the device found for e with each of its types in turn. */
static int mount_dev(struct boot *b, const struct fstab_entry *e,
		     const struct blockdev *bd, const struct fstab_opts *o,
		     int ro)
{
	char dev[64], type[32];
	const char *p = e->type;
	int r = -ENODEV;

	resolve_devnode(bd, dev, sizeof(dev));
	if (!strcmp(p, "auto") || !*p) {
		if (bd->fs_err || !bd->fs.type[0]) {
			log_err("/usr: %s (/etc/fstab line %d: \"%s\") holds "
				"no filesystem newroot recognises; name its "
				"type in that line",
				dev, e->line, e->text);
			return -EMEDIUMTYPE;
		}
		p = bd->fs.type;
	}
	/* Checked as the first type it is mounted as, when fstab's pass
	 * field asks for a check (initramfs-tools' local_mount_fs()). */
	if (e->pass && fstype_next(p, type, sizeof(type))) {
		r = fsck_check(&b->cl, dev, type, "usr");
		if (r < 0)
			return r;
		r = -ENODEV;
	}
	while ((p = fstype_next(p, type, sizeof(type)))) {
		r = mount_as(b, e, dev, type, o, ro);
		if (r == 0)
			return 0;
		log_warn("mount %s on %s as %s failed: %s", dev, USR_DIR, type,
			 strerror(-r));
	}
	log_err("unable to mount /usr from %s (/etc/fstab line %d: \"%s\"): "
		"%s; the device holds %s: fix the type or options in that "
		"line, or check that the kernel has that filesystem",
		dev, e->line, e->text, strerror(-r),
		bd->fs_err == 0 && bd->fs.type[0] ? bd->fs.type
						  : "nothing "
						    "recognised");
	return r;
}

int mount_usr(struct boot *b, struct blockdev_set *set)
{
	static char buf[65536];
	struct fstab_entry e;
	struct fstab_opts o;
	struct root_spec spec;
	struct blockdev *bd = NULL;
	char err[200];
	int n, r, ro, ms;

	n = read_fstab(buf, sizeof(buf));
	if (n == -ENOENT)
		return 0;
	if (n < 0) {
		log_warn("unable to read %s: %s; a separate /usr is not "
			 "mounted",
			 FSTAB, strerror(-n));
		return 0;
	}
	r = fstab_find(buf, n, "/usr", &e);
	if (r == -ENOENT)
		return 0;
	if (r < 0) {
		log_err("%s: the /usr line has a field too long to read; "
			"shorten it (UUID= is short)",
			FSTAB);
		return r;
	}
	err[0] = '\0';
	r = root_spec_parse(e.spec, &spec, err, sizeof(err));
	if (r < 0) {
		log_err("/usr: %s line %d (\"%s\"): %s cannot be understood: "
			"%s",
			FSTAB, e.line, e.text, e.spec,
			err[0] ? err : strerror(-r));
		return r;
	}
	if (fstab_parse_opts(e.opts, &o) < 0) {
		log_err("/usr: %s line %d: the options are too long", FSTAB,
			e.line);
		return -ENAMETOOLONG;
	}
	/* The root's own state, which a write-protected disk may have
	 * made read-only whatever rw said. */
	ro = o.ro || (access(NEWROOT_DIR, W_OK) < 0 && errno == EROFS);
	ms = wait_timeout_ms(&b->cl);
	log_info("/usr is on %s (%s line %d); looking for it", e.spec, FSTAB,
		 e.line);
	r = wait_device(b, &spec, set, ms, &bd);
	if (r == -ENOENT && o.nofail) {
		log_warn("/usr: %s (%s line %d) did not appear within %d s; "
			 "going on without it (nofail)",
			 e.spec, FSTAB, e.line, ms / 1000);
		return 0;
	}
	if (r == -ENOENT) {
		log_err("/usr: %s of %s line %d (\"%s\") did not appear "
			"within %d s; check that line against the list "
			"below, or wait longer with rootwait or "
			"rootwait=SECS",
			e.spec, FSTAB, e.line, e.text, ms / 1000);
		wait_list_devices(set);
		return -ENODEV;
	}
	if (r < 0) {
		log_err("unable to look for /usr (%s): %s", e.spec,
			strerror(-r));
		return r;
	}
	return mount_dev(b, &e, bd, &o, ro);
}
