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
	PROBE_USAGE_FS, /* a filesystem newroot can mount */
	PROBE_USAGE_RAID, /* linux_raid_member, LVM2_member: not a root */
	PROBE_USAGE_CRYPTO, /* crypto_LUKS */
	PROBE_USAGE_OTHER, /* swap, ... */
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
	int number; /* as the kernel numbers it (sda<number>) */
	uint64_t start; /* in 512-byte sectors */
	uint64_t size; /* in 512-byte sectors */
	char uuid[40]; /* GPT: partition GUID, lower case;
				MBR: "ssssssss-pp" as blkid's PARTUUID */
	char name[PROBE_LABEL_MAX]; /* GPT partition name, UTF-8 */
	unsigned type; /* MBR type byte; 0 for GPT */
};

struct part_table {
	char type[8]; /* "gpt" or "dos", as blkid's PTTYPE */
	char uuid[40]; /* GPT disk GUID or MBR signature "ssssssss" */
	int n;
	struct part_entry part[PART_MAX];
};

/* Read the partition table (GPT, else MBR with logical partitions).
 * Returns 0, -ENOENT when there is none, or -errno of a failed read. */
int probe_partitions(const struct probe_dev *dev, struct part_table *t);

/*
 * The pieces below are the probes' own parts, exported for the table in
 * probe.c, the unit tests and the fuzzer.
 *
 * Each superblock probe is a pure function over the first bytes of the
 * device: buf[0] is byte 0 and len is how many bytes were read (the
 * device's size when it is shorter than PROBE_HEAD).  It returns 0 with
 * *r filled in, or -ENOENT.  Every field read is checked against len.
 */
#define PROBE_HEAD (68 * 1024) /* reaches btrfs's superblock at 64 KiB */

/* md versions 1.1 (at 0) and 1.2 (at 4 KiB); probe_filesystem() also
 * reads the end of the device for 0.90 and 1.0 (probe_md_at below). */
int probe_md(const unsigned char *buf, size_t len, struct probe_result *r);
int probe_lvm2(const unsigned char *buf, size_t len, struct probe_result *r);
int probe_luks(const unsigned char *buf, size_t len, struct probe_result *r);
int probe_vfat(const unsigned char *buf, size_t len, struct probe_result *r);
int probe_swap(const unsigned char *buf, size_t len, struct probe_result *r);
int probe_xfs(const unsigned char *buf, size_t len, struct probe_result *r);
int probe_squashfs(const unsigned char *buf, size_t len,
		   struct probe_result *r);
int probe_ext(const unsigned char *buf, size_t len, struct probe_result *r);
int probe_iso9660(const unsigned char *buf, size_t len, struct probe_result *r);
int probe_btrfs(const unsigned char *buf, size_t len, struct probe_result *r);
int probe_f2fs(const unsigned char *buf, size_t len, struct probe_result *r);
int probe_erofs(const unsigned char *buf, size_t len, struct probe_result *r);

/*
 * md RAID superblocks sit at fixed places, some near the end: sb is the
 * bytes read at offset off of a device of dev_size bytes.  Versions 0.90
 * (end), 1.0 (end), 1.1 (0) and 1.2 (4096).
 */
int probe_md_at(const unsigned char *sb, size_t len, uint64_t off,
		uint64_t dev_size, struct probe_result *r);
uint64_t probe_md_offset_090(uint64_t dev_size); /* 0 when too small */
uint64_t probe_md_offset_10(uint64_t dev_size); /* 0 when too small */

/* FAT: does the boot sector in buf look like FAT (used by the MBR probe
 * so a FAT boot sector is not taken for a partition table)? */
int vfat_is_boot_sector(const unsigned char *buf, size_t len);
/* The volume label entry of a root directory (dir holds len bytes of
 * entries): 1 and the label in label[12] (trimmed); -1 when the
 * directory ends first (or its label entry says "NO NAME"); 0 when
 * these entries hold no label and the directory goes on. */
int vfat_dir_label(const unsigned char *dir, size_t len, char label[12]);
/* Refine r->label from the root directory, as blkid does: reads the
 * FAT12/16 root directory or walks the FAT32 root cluster chain. */
int vfat_read_root_label(const struct probe_dev *dev, const unsigned char *buf,
			 size_t len, struct probe_result *r);

/* Partition tables.  Both return 0, -ENOENT or -errno of a read. */
int probe_gpt(const struct probe_dev *dev, struct part_table *t);
int probe_mbr(const struct probe_dev *dev, struct part_table *t);
/* Check a GPT header in hdr (one sector of ssz bytes read at LBA lba):
 * signature, size, CRC32, my_lba.  Returns 0 or -ENOENT. */
int gpt_check_header(const unsigned char *hdr, size_t ssz, uint64_t lba);

/* Helpers shared by the probes (util.c). */
/* dev->read, but -ENOENT (nothing there) for a range past the end. */
int probe_read(const struct probe_dev *dev, uint64_t off, void *buf,
	       size_t len);
uint32_t probe_crc32(uint32_t crc, const void *buf, size_t len);
/* Byte order, for any alignment and any host.  Always inline: the
 * compiler turns each into one load, shorter than a call, but at -Oz it
 * decides on inlining before it sees that. */
static inline __attribute__((always_inline)) uint16_t
probe_le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline __attribute__((always_inline)) uint32_t
probe_le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static inline __attribute__((always_inline)) uint64_t
probe_le64(const unsigned char *p)
{
	return (uint64_t)probe_le32(p) | (uint64_t)probe_le32(p + 4) << 32;
}

static inline __attribute__((always_inline)) uint16_t
probe_be16(const unsigned char *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline __attribute__((always_inline)) uint32_t
probe_be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | (uint32_t)p[3];
}

static inline __attribute__((always_inline)) uint64_t
probe_be64(const unsigned char *p)
{
	return (uint64_t)probe_be32(p) << 32 | (uint64_t)probe_be32(p + 4);
}

/* 16 bytes as "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" (byte order as
 * stored); an all-zero UUID gives "", as blkid leaves it out. */
void probe_format_uuid(char *out, size_t size, const unsigned char *u);
/* A GPT/EFI GUID: first three fields little-endian, lower case. */
void probe_format_guid(char *out, size_t size, const unsigned char *g);
/* Copy a label of at most n bytes (stops at NUL), trailing white space
 * removed, as blkid_probe_set_label. */
void probe_set_label(char *dst, size_t size, const unsigned char *src,
		     size_t n);
/* UTF-16 (little or big endian) of at most n bytes to UTF-8, stopping
 * at NUL; trailing white space removed.  Returns the length written. */
size_t probe_utf16_to_utf8(char *dst, size_t size, const unsigned char *src,
			   size_t n, int big_endian);
/* Fill in type and usage. */
void probe_set_type(struct probe_result *r, const char *type,
		    enum probe_usage usage);

#endif
