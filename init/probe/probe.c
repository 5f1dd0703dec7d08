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

int probe_filesystem(const struct probe_dev *dev, struct probe_result *r)
{
	memset(r, 0, sizeof(*r));
	return -ENOENT;
}

int probe_partitions(const struct probe_dev *dev, struct part_table *t)
{
	memset(t, 0, sizeof(*t));
	return -ENOENT;
}
