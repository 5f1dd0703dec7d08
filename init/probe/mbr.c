/* mbr.c - MS-DOS partition table: four primaries, and logical
 * partitions (5, 6, ...) along the chain of extended boot records */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "probe.h"

#define PT_OFF 446
#define EBR_NODATA_MAX 100 /* as blkid: give up on empty links */
#define EBR_HOPS_MAX 1024 /* and on a chain that loops */

struct mbr_walk {
	const struct probe_dev *dev;
	struct part_table *t;
	uint32_t disk_id;
	int next_logical;
};

static int is_extended(unsigned type)
{
	return type == 0x05 || type == 0x0f || type == 0x85;
}

static int has_boot_signature(const unsigned char *s)
{
	return s[510] == 0x55 && s[511] == 0xaa;
}

static void add_part(struct mbr_walk *w, int number, uint64_t start,
		     uint64_t size, unsigned type)
{
	struct part_entry *p;

	if (w->t->n >= PART_MAX)
		return;
	p = &w->t->part[w->t->n++];
	p->number = number;
	p->start = start;
	p->size = size;
	p->type = type;
	if (w->disk_id)
		snprintf(p->uuid, sizeof(p->uuid), "%08x-%02x", w->disk_id,
			 number & 0xff);
}

/*
 * Each EBR holds a data partition (its start relative to this EBR) and a
 * link to the next EBR (relative to the start of the extended partition).
 * The walk stops at a bad sector, a missing signature, a missing link,
 * too many links without data, or too many links.
 */
static void walk_ebr(struct mbr_walk *w, uint64_t ex_start, uint64_t ex_size)
{
	uint64_t cur = ex_start, cur_size = ex_size;
	int nodata = 0, hops = 0;
	unsigned char s[512];

	while (++nodata <= EBR_NODATA_MAX && ++hops <= EBR_HOPS_MAX &&
	       w->t->n < PART_MAX) {
		const unsigned char *e;
		uint64_t start = 0, size = 0;
		int i;

		if (probe_read(w->dev, cur * 512, s, sizeof(s)) < 0 ||
		    !has_boot_signature(s))
			return;
		for (i = 0, e = s + PT_OFF; i < 4; i++, e += 16) {
			start = probe_le32(e + 8);
			size = probe_le32(e + 12);
			if (!size || is_extended(e[4]))
				continue;
			/* the 3rd and 4th entries only count when inside */
			if (i >= 2 && (start + size > cur_size ||
				       cur + start + size > ex_start + ex_size))
				continue;
			add_part(w, w->next_logical++, cur + start, size, e[4]);
			nodata = 0;
		}
		for (i = 0, e = s + PT_OFF; i < 4; i++, e += 16) {
			start = probe_le32(e + 8);
			size = probe_le32(e + 12);
			if (size && is_extended(e[4]))
				break;
		}
		if (i == 4)
			return;
		cur = ex_start + start;
		cur_size = size;
	}
}

int probe_mbr(const struct probe_dev *dev, struct part_table *t)
{
	struct mbr_walk w = { dev, t, 0, 5 };
	unsigned char s[512];
	const unsigned char *e;
	int i, r;

	r = probe_read(dev, 0, s, sizeof(s));
	if (r < 0)
		return r;
	/* the boot signature is also on FAT boot sectors */
	if (!has_boot_signature(s) || vfat_is_boot_sector(s, sizeof(s)))
		return -ENOENT;
	for (i = 0, e = s + PT_OFF; i < 4; i++, e += 16)
		if ((e[0] != 0 && e[0] != 0x80) || e[4] == 0xee)
			return -ENOENT; /* not a table, or a GPT's */

	memcpy(t->type, "dos", 4);
	w.disk_id = probe_le32(s + 440);
	if (w.disk_id)
		snprintf(t->uuid, sizeof(t->uuid), "%08x", w.disk_id);
	for (i = 0, e = s + PT_OFF; i < 4; i++, e += 16)
		if (probe_le32(e + 12))
			add_part(&w, i + 1, probe_le32(e + 8),
				 probe_le32(e + 12), e[4]);
	for (i = 0, e = s + PT_OFF; i < 4; i++, e += 16)
		if (probe_le32(e + 12) && is_extended(e[4]))
			walk_ebr(&w, probe_le32(e + 8), probe_le32(e + 12));
	return 0;
}
