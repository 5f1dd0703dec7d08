/* probe.h - filesystem and partition-table probes: pure functions over
 * bytes read from a device, in the manner of libblkid's superblocks/. */
#ifndef NEWROOT_PROBE_H
#define NEWROOT_PROBE_H

#include <stddef.h>
#include <stdint.h>

#define PROBE_TYPE_MAX 24
#define PROBE_UUID_MAX 64
#define PROBE_LABEL_MAX 256

enum probe_usage {
	PROBE_USAGE_NONE,
	PROBE_USAGE_FS,     /* a filesystem newroot can mount */
	PROBE_USAGE_RAID,   /* linux_raid_member, LVM2_member: not a root */
	PROBE_USAGE_CRYPTO, /* crypto_LUKS */
	PROBE_USAGE_OTHER,  /* swap, ... */
};

/* What blkid would print as TYPE=, UUID= and LABEL=. */
struct probe_result {
	char type[PROBE_TYPE_MAX];
	char uuid[PROBE_UUID_MAX];
	char label[PROBE_LABEL_MAX];
	enum probe_usage usage;
};

/* Where the bytes come from: a file descriptor in the init, a buffer in
 * the tests.  read() returns 0 when len bytes at off were read, or -errno
 * (reads past the end fail with -EIO). */
struct probe_dev {
	int (*read)(void *ctx, uint64_t off, void *buf, size_t len);
	void *ctx;
	uint64_t size; /* bytes */
};

/* A reader over an open device or image file (pread); size from
 * BLKGETSIZE64 or fstat.  Returns 0 or -errno.  ctx points at fd. */
int probe_dev_from_fd(struct probe_dev *dev, int *fd);

/* A reader over a buffer in memory (tests, fuzzers). */
struct probe_mem {
	const unsigned char *data;
	size_t len;
};
void probe_dev_from_mem(struct probe_dev *dev, struct probe_mem *mem);

/*
 * Identify the filesystem (or RAID/LVM member, or swap) on dev.  RAID and
 * LVM member signatures win over a filesystem found inside, as in blkid.
 * Returns 0 with *r filled in, -ENOENT when nothing is recognised, or the
 * -errno of a failed read.
 */
int probe_filesystem(const struct probe_dev *dev, struct probe_result *r);

#define PART_MAX 128

struct part_entry {
	int number;          /* as the kernel numbers it (sda<number>) */
	uint64_t start;      /* in 512-byte sectors */
	uint64_t size;       /* in 512-byte sectors */
	char uuid[40];       /* GPT: partition GUID, lower case;
				MBR: "ssssssss-pp" as blkid's PARTUUID */
	char name[PROBE_LABEL_MAX]; /* GPT partition name, UTF-8 */
	unsigned type;       /* MBR type byte; 0 for GPT */
};

struct part_table {
	char type[8];        /* "gpt" or "dos", as blkid's PTTYPE */
	char uuid[40];       /* GPT disk GUID or MBR signature "ssssssss" */
	int n;
	struct part_entry part[PART_MAX];
};

/* Read the partition table (GPT, else MBR with logical partitions).
 * Returns 0, -ENOENT when there is none, or -errno of a failed read. */
int probe_partitions(const struct probe_dev *dev, struct part_table *t);

#endif
