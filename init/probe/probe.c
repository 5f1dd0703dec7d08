/* probe.c - read the regions the probes need and try them in order */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/fs.h>

#include "probe.h"

static int fd_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	int fd = *(int *)ctx;
	unsigned char *p = buf;

	while (len) {
		ssize_t n = pread(fd, p, len, (off_t)off);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (n == 0)
			return -EIO; /* past the end */
		p += n;
		off += (uint64_t)n;
		len -= (size_t)n;
	}
	return 0;
}

int probe_dev_from_fd(struct probe_dev *dev, int *fd)
{
	struct stat st;

	if (fstat(*fd, &st) < 0)
		return -errno;
	dev->read = fd_read;
	dev->ctx = fd;
	if (S_ISBLK(st.st_mode)) {
		uint64_t size = 0;

		if (ioctl(*fd, BLKGETSIZE64, &size) < 0)
			return -errno;
		dev->size = size;
	} else {
		dev->size = (uint64_t)st.st_size;
	}
	return 0;
}

static int mem_read(void *ctx, uint64_t off, void *buf, size_t len)
{
	const struct probe_mem *m = ctx;

	if (off > m->len || len > m->len - off)
		return -EIO;
	memcpy(buf, m->data + off, len);
	return 0;
}

void probe_dev_from_mem(struct probe_dev *dev, struct probe_mem *mem)
{
	dev->read = mem_read;
	dev->ctx = mem;
	dev->size = mem->len;
}

/*
 * The order matters where signatures can coexist: RAID and LVM members
 * first (a member's data may start with a filesystem, which must not be
 * mounted on its own), then the filesystems, roughly in blkid's order.
 */
static const struct {
	const char *name;
	int (*probe)(const unsigned char *buf, size_t len,
		     struct probe_result *r);
} probes[] = {
	{ "linux_raid_member", probe_md },
	{ "LVM2_member", probe_lvm2 },
	{ "crypto_LUKS", probe_luks },
	{ "vfat", probe_vfat },
	{ "swap", probe_swap },
	{ "xfs", probe_xfs },
	{ "squashfs", probe_squashfs },
	{ "ext", probe_ext },
	{ "iso9660", probe_iso9660 },
	{ "btrfs", probe_btrfs },
	{ "f2fs", probe_f2fs },
	{ "erofs", probe_erofs },
};

/* md 0.90 and 1.0 keep their superblock near the end of the device. */
static int probe_md_tail(const struct probe_dev *dev, struct probe_result *r)
{
	uint64_t off[2] = { probe_md_offset_090(dev->size),
			    probe_md_offset_10(dev->size) };
	unsigned char sb[4096];
	int i;

	for (i = 0; i < 2; i++) {
		size_t n = sizeof(sb);

		if (!off[i])
			continue;
		if (dev->size - off[i] < n)
			n = (size_t)(dev->size - off[i]);
		if (probe_read(dev, off[i], sb, n) < 0)
			continue;
		if (probe_md_at(sb, n, off[i], dev->size, r) == 0)
			return 0;
	}
	return -ENOENT;
}

int probe_filesystem(const struct probe_dev *dev, struct probe_result *r)
{
	size_t len = dev->size < PROBE_HEAD ? (size_t)dev->size : PROBE_HEAD;
	unsigned char *buf;
	size_t i;
	int e;

	memset(r, 0, sizeof(*r));
	if (probe_md_tail(dev, r) == 0)
		return 0;
	memset(r, 0, sizeof(*r));
	if (!len)
		return -ENOENT;
	buf = malloc(len);
	if (!buf)
		return -ENOMEM;
	e = dev->read(dev->ctx, 0, buf, len);
	if (e < 0)
		goto out;
	e = -ENOENT;
	for (i = 0; i < sizeof(probes) / sizeof(probes[0]); i++) {
		if (probes[i].probe(buf, len, r) == 0) {
			e = 0;
			break;
		}
		memset(r, 0, sizeof(*r));
	}
	if (!e && strcmp(r->type, "vfat") == 0)
		vfat_read_root_label(dev, buf, len, r);
out:
	free(buf);
	return e;
}

int probe_partitions(const struct probe_dev *dev, struct part_table *t)
{
	int e;

	memset(t, 0, sizeof(*t));
	e = probe_gpt(dev, t);
	if (e != -ENOENT)
		return e;
	memset(t, 0, sizeof(*t));
	e = probe_mbr(dev, t);
	if (e)
		memset(t, 0, sizeof(*t));
	return e;
}
