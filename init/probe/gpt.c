/* gpt.c - GUID partition table: protective MBR, header at LBA 1 (else
 * the backup at the last LBA), CRC32-checked header and entries */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

#define GPT_HDR_MIN 92
#define GPT_ENTRIES_MAX (1024 * 1024) /* bytes; 128 x 128 is usual */

int gpt_check_header(const unsigned char *hdr, size_t ssz, uint64_t lba)
{
	static const unsigned char zero[4];
	uint32_t hsize, crc;

	if (ssz < GPT_HDR_MIN || memcmp(hdr, "EFI PART", 8) != 0)
		return -ENOENT;
	hsize = probe_le32(hdr + 12);
	if (hsize < GPT_HDR_MIN || hsize > ssz)
		return -ENOENT;
	/* the CRC covers the header with its own CRC field as zero */
	crc = probe_crc32(0, hdr, 16);
	crc = probe_crc32(crc, zero, 4);
	crc = probe_crc32(crc, hdr + 20, hsize - 20);
	if (crc != probe_le32(hdr + 16))
		return -ENOENT;
	if (probe_le64(hdr + 24) != lba)
		return -ENOENT;
	if (probe_le64(hdr + 40) > probe_le64(hdr + 48))
		return -ENOENT; /* first usable LBA after the last */
	return 0;
}

/* A protective (or hybrid) MBR: boot signature and a 0xee entry. */
static int has_pmbr(const unsigned char *mbr)
{
	int i;

	if (mbr[510] != 0x55 || mbr[511] != 0xaa)
		return 0;
	for (i = 0; i < 4; i++)
		if (mbr[446 + 16 * i + 4] == 0xee)
			return 1;
	return 0;
}

static int all_zero(const unsigned char *p, size_t n)
{
	while (n--)
		if (*p++)
			return 0;
	return 1;
}

static void add_entries(struct part_table *t, const unsigned char *ents,
			uint32_t n, uint32_t esz, unsigned ssf)
{
	uint32_t i;

	for (i = 0; i < n && t->n < PART_MAX; i++) {
		const unsigned char *e = ents + (size_t)i * esz;
		uint64_t first = probe_le64(e + 32), last = probe_le64(e + 40);
		struct part_entry *p;

		if (all_zero(e, 16) || last < first)
			continue; /* unused; the numbers stay the slots */
		p = &t->part[t->n++];
		p->number = (int)i + 1;
		p->start = first * ssf;
		p->size = (last - first + 1) * ssf;
		probe_format_guid(p->uuid, sizeof(p->uuid), e + 16);
		probe_utf16_to_utf8(p->name, sizeof(p->name), e + 56, 72, 0);
	}
}

/* Read and check the header at lba for sector size ssz; then its
 * entries.  Returns 0, -ENOENT, -ENOMEM or a read's -errno. */
static int read_gpt(const struct probe_dev *dev, unsigned ssz, uint64_t lba,
		    struct part_table *t)
{
	unsigned char hdr[4096];
	unsigned char *ents;
	uint32_t n, esz;
	size_t bytes;
	int e;

	e = probe_read(dev, lba * ssz, hdr, ssz);
	if (e < 0)
		return e;
	if (gpt_check_header(hdr, ssz, lba) < 0)
		return -ENOENT;
	n = probe_le32(hdr + 80);
	esz = probe_le32(hdr + 84);
	if (esz < 128 || esz % 8 || esz > 4096 || !n ||
	    (uint64_t)n * esz > GPT_ENTRIES_MAX)
		return -ENOENT;
	bytes = (size_t)n * esz;
	ents = malloc(bytes);
	if (!ents)
		return -ENOMEM;
	e = probe_read(dev, probe_le64(hdr + 72) * ssz, ents, bytes);
	if (!e && probe_crc32(0, ents, bytes) != probe_le32(hdr + 88))
		e = -ENOENT;
	if (!e) {
		memcpy(t->type, "gpt", 4);
		probe_format_guid(t->uuid, sizeof(t->uuid), hdr + 56);
		add_entries(t, ents, n, esz, ssz / 512);
	}
	free(ents);
	return e;
}

int probe_gpt(const struct probe_dev *dev, struct part_table *t)
{
	static const unsigned sizes[] = { 512, 4096 };
	unsigned char mbr[512];
	int e, i;

	e = probe_read(dev, 0, mbr, sizeof(mbr));
	if (e < 0)
		return e;
	if (!has_pmbr(mbr))
		return -ENOENT;
	for (i = 0; i < 2; i++) {
		uint64_t last = dev->size / sizes[i];

		e = read_gpt(dev, sizes[i], 1, t);
		if (e == -ENOENT && last > 2) /* the backup header */
			e = read_gpt(dev, sizes[i], last - 1, t);
		if (e != -ENOENT)
			return e;
	}
	return -ENOENT;
}
