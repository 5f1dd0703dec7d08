/* md.c - Linux md RAID member superblocks (0.90, 1.0, 1.1, 1.2) */
#include <errno.h>

#include "probe.h"

#define MD_MAGIC 0xa92b4efcu
#define MD_RESERVED 0x10000 /* 0.90: the last 64 KiB-aligned 64 KiB */

uint64_t probe_md_offset_090(uint64_t dev_size)
{
	if (dev_size <= MD_RESERVED)
		return 0;
	return (dev_size & ~(uint64_t)(MD_RESERVED - 1)) - MD_RESERVED;
}

uint64_t probe_md_offset_10(uint64_t dev_size)
{
	if (dev_size <= MD_RESERVED)
		return 0;
	return (dev_size & ~(uint64_t)0xfff) - 0x2000;
}

/* 0.90: the UUID words are in the superblock's byte order; blkid prints
 * each 32-bit word most significant byte first. */
static int md_090(const unsigned char *sb, size_t len, uint64_t off,
		  uint64_t dev_size, struct probe_result *r)
{
	static const int word[4] = { 20, 52, 56, 60 };
	uint32_t (*rd)(const unsigned char *);
	unsigned char u[16] = { 0 };
	uint64_t size;
	int i, n;

	if (len < 64)
		return -ENOENT;
	if (probe_le32(sb) == MD_MAGIC)
		rd = probe_le32;
	else if (probe_be32(sb) == MD_MAGIC)
		rd = probe_be32;
	else
		return -ENOENT;
	size = (uint64_t)rd(sb + 32) << 10; /* KiB of data before it */
	if (dev_size < size + MD_RESERVED || off < size)
		return -ENOENT;
	n = rd(sb + 8) >= 90 ? 4 : 1; /* minor version */
	for (i = 0; i < n; i++) {
		uint32_t w = rd(sb + word[i]);

		u[4 * i] = (unsigned char)(w >> 24);
		u[4 * i + 1] = (unsigned char)(w >> 16);
		u[4 * i + 2] = (unsigned char)(w >> 8);
		u[4 * i + 3] = (unsigned char)w;
	}
	probe_set_type(r, "linux_raid_member", PROBE_USAGE_RAID);
	probe_format_uuid(r->uuid, sizeof(r->uuid), u);
	r->label[0] = '\0';
	return 0;
}

/* 1.x: little-endian, and the superblock records its own sector. */
static int md_1x(const unsigned char *sb, size_t len, uint64_t off,
		 struct probe_result *r)
{
	if (len < 256 || probe_le32(sb) != MD_MAGIC || probe_le32(sb + 4) != 1)
		return -ENOENT;
	if (probe_le64(sb + 144) != off >> 9)
		return -ENOENT;
	probe_set_type(r, "linux_raid_member", PROBE_USAGE_RAID);
	probe_format_uuid(r->uuid, sizeof(r->uuid), sb + 16);
	probe_set_label(r->label, sizeof(r->label), sb + 32, 32);
	return 0;
}

int probe_md_at(const unsigned char *sb, size_t len, uint64_t off,
		uint64_t dev_size, struct probe_result *r)
{
	if (off && off == probe_md_offset_090(dev_size) &&
	    md_090(sb, len, off, dev_size, r) == 0)
		return 0;
	return md_1x(sb, len, off, r);
}

/* The versions at the start of the device: 1.1 at 0, 1.2 at 4 KiB. */
int probe_md(const unsigned char *buf, size_t len, struct probe_result *r)
{
	if (md_1x(buf, len, 0, r) == 0)
		return 0;
	if (len > 4096 && md_1x(buf + 4096, len - 4096, 4096, r) == 0)
		return 0;
	return -ENOENT;
}
