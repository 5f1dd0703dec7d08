/* vfat.c - FAT12/16/32: serial number as UUID, label from the root
 * directory's volume label entry or else from the boot sector */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "probe.h"

#define FAT12_MAX 0xff4
#define FAT16_MAX 0xfff4
#define FAT32_MAX 0x0ffffff6
#define DIRENT 32
#define ATTR_VOLUME_ID 0x08
#define ATTR_DIR 0x10
#define ATTR_LONG_NAME 0x0f

static const char no_name[] = "NO NAME    ";

struct fat_geom {
	uint32_t sector_size, cluster_sectors, reserved, fat_sectors;
	uint32_t dir_entries, clusters;
	int fat32;
};

static int is_pow2(uint32_t v)
{
	return v && !(v & (v - 1));
}

/* The checks blkid makes before it believes a boot sector is FAT. */
static int fat_geometry(const unsigned char *b, size_t len, struct fat_geom *g)
{
	uint32_t sectors, fat_len, dir_sectors, meta, max;
	int strong;

	if (len < 512)
		return 0;
	strong = !memcmp(b + 0x52, "MSWIN", 5) ||
		 !memcmp(b + 0x52, "FAT32   ", 8) ||
		 !memcmp(b + 0x36, "MSDOS", 5) ||
		 !memcmp(b + 0x36, "FAT16   ", 8) ||
		 !memcmp(b + 0x36, "FAT12   ", 8) ||
		 !memcmp(b + 0x36, "FAT     ", 8);
	if (!strong) {
		/* old floppies: a jump and the boot signature; JFS and HPFS
		 * put FAT-like pseudo boot sectors in front of themselves */
		if (b[0x1fe] != 0x55 || b[0x1ff] != 0xaa)
			return 0;
		if (b[0] != 0xeb && b[0] != 0xe9)
			return 0;
		if (!memcmp(b + 0x36, "JFS     ", 8) ||
		    !memcmp(b + 0x36, "HPFS    ", 8))
			return 0;
	}
	g->reserved = probe_le16(b + 0x0e);
	if (!b[0x10] || !g->reserved)
		return 0;
	if (!(b[0x15] >= 0xf8 || b[0x15] == 0xf0) || !is_pow2(b[0x0d]))
		return 0;
	g->sector_size = probe_le16(b + 0x0b);
	if (!is_pow2(g->sector_size) || g->sector_size < 512 ||
	    g->sector_size > 4096)
		return 0;
	g->cluster_sectors = b[0x0d];
	g->dir_entries = probe_le16(b + 0x11);
	sectors = probe_le16(b + 0x13);
	if (!sectors)
		sectors = probe_le32(b + 0x20);
	fat_len = probe_le16(b + 0x16);
	g->fat32 = !fat_len && probe_le32(b + 0x24);
	if (!fat_len)
		fat_len = probe_le32(b + 0x24);
	g->fat_sectors = fat_len * b[0x10];
	dir_sectors =
		(g->dir_entries * DIRENT + g->sector_size - 1) / g->sector_size;
	meta = g->reserved + g->fat_sectors + dir_sectors;
	g->clusters =
		sectors > meta ? (sectors - meta) / g->cluster_sectors : 0;
	if (g->fat32)
		max = FAT32_MAX;
	else
		max = g->clusters > FAT12_MAX ? FAT16_MAX : FAT12_MAX;
	return g->clusters <= max;
}

int vfat_is_boot_sector(const unsigned char *buf, size_t len)
{
	struct fat_geom g;

	return fat_geometry(buf, len, &g);
}

int probe_vfat(const unsigned char *buf, size_t len, struct probe_result *r)
{
	struct fat_geom g;
	const unsigned char *serial, *label;

	if (!fat_geometry(buf, len, &g))
		return -ENOENT;
	if (g.fat32) {
		serial = buf + 0x43;
		label = buf + 0x47;
	} else if (probe_le16(buf + 0x16)) {
		serial = buf + 0x27;
		label = buf + 0x2b;
	} else {
		return -ENOENT;
	}
	probe_set_type(r, "vfat", PROBE_USAGE_FS);
	snprintf(r->uuid, sizeof(r->uuid), "%02X%02X-%02X%02X", serial[3],
		 serial[2], serial[1], serial[0]);
	r->label[0] = '\0';
	if (memcmp(label, no_name, 11) != 0)
		probe_set_label(r->label, sizeof(r->label), label, 11);
	return 0;
}

int vfat_dir_label(const unsigned char *dir, size_t len, char label[12])
{
	size_t i;

	for (i = 0; i + DIRENT <= len; i += DIRENT) {
		const unsigned char *e = dir + i;
		unsigned attr = e[11];

		if (e[0] == 0)
			return -1; /* end of directory */
		if (e[0] == 0xe5 || probe_le16(e + 20) || probe_le16(e + 26) ||
		    (attr & 0x3f) == ATTR_LONG_NAME)
			continue;
		if ((attr & (ATTR_VOLUME_ID | ATTR_DIR)) == ATTR_VOLUME_ID) {
			if (!memcmp(e, no_name, 11))
				return -1; /* blkid takes the boot sector's */
			probe_set_label(label, 12, e, 11);
			return 1;
		}
	}
	return 0;
}

/* Read n bytes at off and look for the label entry there. */
static int dir_label_at(const struct probe_dev *dev, uint64_t off, size_t n,
			char label[12])
{
	unsigned char dir[8192];
	size_t done;

	for (done = 0; done < n; done += sizeof(dir)) {
		size_t k = n - done < sizeof(dir) ? n - done : sizeof(dir);
		int e;

		if (probe_read(dev, off + done, dir, k) < 0)
			return -1;
		e = vfat_dir_label(dir, k, label);
		if (e)
			return e;
	}
	return 0;
}

int vfat_read_root_label(const struct probe_dev *dev, const unsigned char *buf,
			 size_t len, struct probe_result *r)
{
	struct fat_geom g;
	char label[12];
	uint64_t data, cluster_bytes;
	uint32_t next, entries;
	int loops = 100;

	if (!fat_geometry(buf, len, &g))
		return -ENOENT;
	if (!g.fat32) {
		uint64_t root =
			(uint64_t)(g.reserved + g.fat_sectors) * g.sector_size;

		if (dir_label_at(dev, root, (size_t)g.dir_entries * DIRENT,
				 label) == 1)
			snprintf(r->label, sizeof(r->label), "%s", label);
		return 0;
	}
	/* FAT32: the root directory is a cluster chain */
	cluster_bytes = (uint64_t)g.cluster_sectors * g.sector_size;
	data = (uint64_t)g.reserved + g.fat_sectors;
	entries = (uint32_t)((uint64_t)probe_le32(buf + 0x24) * g.sector_size /
			     4);
	next = probe_le32(buf + 0x2c);
	while (next >= 2 && next < entries && --loops) {
		uint64_t off =
			(data + (uint64_t)(next - 2) * g.cluster_sectors) *
			g.sector_size;
		unsigned char fat[4];
		int e = dir_label_at(dev, off, (size_t)cluster_bytes, label);

		if (e == 1) {
			snprintf(r->label, sizeof(r->label), "%s", label);
			break;
		}
		if (e < 0)
			break; /* end of the directory, or a read failed */
		if (probe_read(dev,
			       (uint64_t)g.reserved * g.sector_size +
				       (uint64_t)next * 4,
			       fat, 4) < 0)
			break;
		next = probe_le32(fat) & 0x0fffffff;
	}
	return 0;
}
