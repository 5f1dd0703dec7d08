/* test_probe.c - the superblock and partition-table probes over small
 * crafted buffers: each format found with its UUID and label, every
 * truncation rejected without reading past the end (the sanitizers
 * watch), bad GPT CRCs rejected, looping EBR chains cut off, UTF-16
 * names, FAT labels.  Real images made by the real tools are compared
 * with blkid in tests/probe/images.sh. */
#include <errno.h>
#include <stdlib.h>

#include "../probe/bytes.h"
#include "probe/probe.h"
#include "t.h"

static const unsigned char uuid1[16] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab,
					 0xcd, 0xef, 0x10, 0x32, 0x54, 0x76,
					 0x98, 0xba, 0xdc, 0xfe };
#define UUID1 "01234567-89ab-cdef-1032-547698badcfe"

/* Each builder fills a zeroed buffer of the case's length. */
static void mk_ext(unsigned char *b, uint32_t compat, uint32_t incompat)
{
	unsigned char *sb = b + 1024;

	sb[0x38] = 0x53, sb[0x39] = 0xef;
	put32le(sb + 0x5c, compat);
	put32le(sb + 0x60, incompat);
	memcpy(sb + 0x68, uuid1, 16);
	memcpy(sb + 0x78, "rootfs", 6);
}

static void mk_ext2(unsigned char *b)
{
	mk_ext(b, 0, 0x2);
}

static void mk_ext3(unsigned char *b)
{
	mk_ext(b, 0x4, 0x2);
}

static void mk_ext4(unsigned char *b)
{
	mk_ext(b, 0x4, 0x2 | 0x40 | 0x200); /* extents, flex_bg */
}

static void mk_ext4_nojournal(unsigned char *b)
{
	mk_ext(b, 0, 0x2 | 0x40);
}

static void mk_jbd(unsigned char *b)
{
	mk_ext(b, 0, 0x8);
}

static void mk_xfs(unsigned char *b)
{
	memcpy(b, "XFSB", 4);
	put32be(b + 4, 4096);
	put32be(b + 12, 65536); /* dblocks (low half of a be64) */
	memcpy(b + 32, uuid1, 16);
	put32be(b + 80, 1); /* rextsize */
	put32be(b + 84, 16384); /* agblocks */
	put32be(b + 88, 4); /* agcount */
	put16be(b + 102, 512); /* sectsize */
	put16be(b + 104, 512); /* inodesize */
	memcpy(b + 108, "xfsname", 7);
	b[120] = 12, b[121] = 9, b[122] = 9, b[123] = 3, b[127] = 25;
}

static void mk_btrfs(unsigned char *b)
{
	memcpy(b + 0x10000 + 0x20, uuid1, 16);
	memcpy(b + 0x10000 + 0x40, "_BHRfS_M", 8);
	memcpy(b + 0x10000 + 0x12b, "btr label", 9);
}

static void mk_f2fs(unsigned char *b)
{
	unsigned char *sb = b + 1024;

	put32le(sb, 0xf2f52010);
	sb[4] = 1, sb[6] = 14; /* version 1.14 */
	memcpy(sb + 0x6c, uuid1, 16);
	memcpy(sb + 0x7c, "f\0l\0\xfc\0", 6); /* "flü" */
}

static void mk_erofs(unsigned char *b)
{
	put32le(b + 1024, 0xe0f5e1e2);
	b[1024 + 12] = 12;
	memcpy(b + 1024 + 48, uuid1, 16);
	memcpy(b + 1024 + 64, "erolabel", 8);
}

static void mk_squashfs(unsigned char *b)
{
	memcpy(b, "hsqs", 4);
	b[28] = 4;
}

static void mk_swap(unsigned char *b)
{
	memcpy(b + 4096 - 10, "SWAPSPACE2", 10);
	put32le(b + 1024, 1);
	put32le(b + 1028, 9); /* last page */
	memcpy(b + 1036, uuid1, 16);
	memcpy(b + 1052, "swapper", 7);
}

/* the same swap after the kernel wrote a hibernation image into it */
static void mk_swsuspend(unsigned char *b)
{
	mk_swap(b);
	memcpy(b + 4096 - 20, "SWAPSPACE2", 10); /* orig_sig */
	memcpy(b + 4096 - 10, "S1SUSPEND\0", 10);
}

static void mk_luks2(unsigned char *b)
{
	memcpy(b, "LUKS\xba\xbe", 6);
	put16be(b + 6, 2);
	memcpy(b + 24, "vault", 5);
	memcpy(b + 168, UUID1, 36);
}

static void mk_lvm2(unsigned char *b)
{
	unsigned char *l = b + 512;

	memcpy(l, "LABELONE", 8);
	put64le(l + 8, 1);
	put32le(l + 20, 32);
	memcpy(l + 24, "LVM2 001", 8);
	memcpy(l + 32, "abcdefghijklmnopqrstuvwxyz012345", 32);
	put32le(l + 16, ~probe_crc32(~0xf597a6cfu, l + 20, 512 - 20));
}

static void mk_md12(unsigned char *b)
{
	unsigned char *sb = b + 4096;

	put32le(sb, 0xa92b4efc);
	put32le(sb + 4, 1);
	memcpy(sb + 16, uuid1, 16);
	memcpy(sb + 32, "host:root", 9);
	put64le(sb + 144, 8);
}

static void mk_iso(unsigned char *b)
{
	unsigned char *pvd = b + 0x8000;

	pvd[0] = 1;
	memcpy(pvd + 1, "CD001", 5);
	memset(pvd + 40, ' ', 32);
	memcpy(pvd + 40, "CDLABEL", 7);
	memcpy(pvd + 813, "2023121110090800", 16);
	memcpy(pvd + 830, "2024010203040506", 16);
}

static void mk_vfat16(unsigned char *b)
{
	memcpy(b, "\xeb\x3c\x90mkfs.fat", 11);
	b[0x0b] = 0x00, b[0x0c] = 0x02; /* 512 bytes a sector */
	b[0x0d] = 4; /* sectors a cluster */
	b[0x0e] = 4; /* reserved sectors */
	b[0x10] = 2; /* FATs */
	b[0x11] = 0x00, b[0x12] = 0x02; /* 512 root entries */
	b[0x15] = 0xf8;
	b[0x16] = 64; /* sectors a FAT */
	put32le(b + 0x20, 65536);
	put32le(b + 0x27, 0x1234abcd);
	memcpy(b + 0x2b, "MY DISK    ", 11);
	memcpy(b + 0x36, "FAT16   ", 8);
	b[0x1fe] = 0x55, b[0x1ff] = 0xaa;
}

static const struct fs_case {
	const char *name;
	void (*mk)(unsigned char *b);
	int (*probe)(const unsigned char *, size_t, struct probe_result *);
	size_t need; /* the fewest bytes the probe accepts */
	const char *type, *uuid, *label;
} fs_cases[] = {
	{ "ext2", mk_ext2, probe_ext, 1024 + 0x88, "ext2", UUID1, "rootfs" },
	{ "ext3", mk_ext3, probe_ext, 1024 + 0x88, "ext3", UUID1, "rootfs" },
	{ "ext4", mk_ext4, probe_ext, 1024 + 0x88, "ext4", UUID1, "rootfs" },
	{ "ext4 without journal", mk_ext4_nojournal, probe_ext, 1024 + 0x88,
	  "ext4", UUID1, "rootfs" },
	{ "jbd", mk_jbd, probe_ext, 1024 + 0x88, "jbd", UUID1, "rootfs" },
	{ "xfs", mk_xfs, probe_xfs, 128, "xfs", UUID1, "xfsname" },
	{ "btrfs", mk_btrfs, probe_btrfs, 0x10000 + 0x12b + 256, "btrfs", UUID1,
	  "btr label" },
	{ "f2fs", mk_f2fs, probe_f2fs, 1024 + 0x7c + 1024, "f2fs", UUID1,
	  "fl\xc3\xbc" },
	{ "erofs", mk_erofs, probe_erofs, 1024 + 128, "erofs", UUID1,
	  "erolabel" },
	{ "squashfs", mk_squashfs, probe_squashfs, 32, "squashfs", "", "" },
	{ "swap", mk_swap, probe_swap, 40960, "swap", UUID1, "swapper" },
	{ "swsuspend", mk_swsuspend, probe_swap, 40960, "swsuspend", UUID1,
	  "swapper" },
	{ "luks2", mk_luks2, probe_luks, 272, "crypto_LUKS", UUID1, "vault" },
	{ "lvm2", mk_lvm2, probe_lvm2, 1024, "LVM2_member",
	  "abcdef-ghij-klmn-opqr-stuv-wxyz-012345", "" },
	{ "md 1.2", mk_md12, probe_md, 4096 + 256, "linux_raid_member", UUID1,
	  "host:root" },
	{ "iso9660", mk_iso, probe_iso9660, 0x8000 + 881, "iso9660",
	  "2024-01-02-03-04-05-06", "CDLABEL" },
	{ "vfat16", mk_vfat16, probe_vfat, 512, "vfat", "1234-ABCD",
	  "MY DISK" },
};

/* Run p over the first len bytes, in a heap block of exactly len bytes
 * so that AddressSanitizer reports any read past the end. */
static int run_cut(const struct fs_case *c, const unsigned char *full,
		   size_t len, struct probe_result *r)
{
	unsigned char *b = malloc(len ? len : 1);
	int e;

	memcpy(b, full, len);
	memset(r, 0, sizeof(*r));
	e = c->probe(b, len, r);
	free(b);
	return e;
}

static void test_fs_cases(void)
{
	size_t i;

	for (i = 0; i < sizeof(fs_cases) / sizeof(fs_cases[0]); i++) {
		const struct fs_case *c = &fs_cases[i];
		unsigned char *full = calloc(1, c->need);
		struct probe_result r;
		size_t len, bad = 0;

		c->mk(full);
		T_INTEQ(run_cut(c, full, c->need, &r), 0, "%s: found", c->name);
		T_STREQ(r.type, c->type, "%s: TYPE", c->name);
		T_STREQ(r.uuid, c->uuid, "%s: UUID", c->name);
		T_STREQ(r.label, c->label, "%s: LABEL", c->name);
		/* every shorter buffer: dense near the end, sparse before */
		for (len = 0; len < c->need;
		     len += (len + 700 < c->need) ? 97 : 1)
			if (run_cut(c, full, len, &r) != -ENOENT)
				bad++;
		T_INTEQ(bad, 0, "%s: every truncation is rejected", c->name);
		free(full);
	}
}

static void test_fs_table(void)
{
	/* the whole table over one buffer: md wins over the ext4 inside */
	unsigned char *b = calloc(1, PROBE_HEAD);
	struct probe_mem m = { b, PROBE_HEAD };
	struct probe_dev dev;
	struct probe_result r;

	probe_dev_from_mem(&dev, &m);
	T_INTEQ(probe_filesystem(&dev, &r), -ENOENT, "zeros: nothing found");
	mk_ext4(b);
	T_INTEQ(probe_filesystem(&dev, &r), 0, "table finds ext4");
	T_STREQ(r.type, "ext4", "table: ext4 TYPE");
	T_INTEQ(r.usage, PROBE_USAGE_FS, "table: ext4 USAGE");
	mk_md12(b);
	T_INTEQ(probe_filesystem(&dev, &r), 0, "table finds md over ext4");
	T_STREQ(r.type, "linux_raid_member", "md signature wins over ext4");
	T_INTEQ(r.usage, PROBE_USAGE_RAID, "md USAGE is raid");
	m.len = 100;
	dev.size = 100;
	T_INTEQ(probe_filesystem(&dev, &r), -ENOENT, "100-byte device");
	free(b);
}

static void test_md_090(void)
{
	/* 0.90 at the end of a 1 MiB + 4 KiB device, big-endian words */
	uint64_t size = 0x101000, off = probe_md_offset_090(size);
	unsigned char sb[4096] = { 0 };
	struct probe_result r;

	T_INTEQ(off, 0xf0000, "md 0.90 offset");
	T_INTEQ(probe_md_offset_10(size), 0xff000, "md 1.0 offset");
	T_INTEQ(probe_md_offset_090(4096), 0, "md 0.90: tiny device");
	put32le(sb, 0xa92b4efc);
	put32le(sb + 8, 90);
	memcpy(sb + 20, uuid1, 4);
	memcpy(sb + 52, uuid1 + 4, 12);
	put32le(sb + 32, 0x3c0); /* 960 KiB of data */
	T_INTEQ(probe_md_at(sb, sizeof(sb), off, size, &r), 0, "md 0.90 LE");
	/* blkid prints each word most significant byte first */
	T_STREQ(r.uuid, "67452301-efcd-ab89-7654-3210fedcba98",
		"md 0.90 UUID word order as blkid");
	put32le(sb + 32, 0x400); /* more data than fits before it */
	T_INTEQ(probe_md_at(sb, sizeof(sb), off, size, &r), -ENOENT,
		"md 0.90 claiming too much data is rejected");
}

static void test_lvm_bad_crc(void)
{
	unsigned char b[2048] = { 0 };
	struct probe_result r;

	mk_lvm2(b);
	b[512 + 100] ^= 1;
	T_INTEQ(probe_lvm2(b, sizeof(b), &r), -ENOENT, "lvm2: bad CRC");
}

/* A 256-sector disk with a protective MBR and a GPT of one partition. */
#define DISK_SECTORS 256
static void mk_gpt(unsigned char *d)
{
	unsigned char *mbr = d, *h = d + 512, *e = d + 1024;
	static const unsigned char disk_guid[16] = { 0x3d, 0x2c, 0x1b, 0x4f,
						     0x11, 0x11, 0x22, 0x22,
						     0x33, 0x33, 0x44, 0x44,
						     0x55, 0x55, 0x66, 0x66 };

	mbr[446 + 4] = 0xee;
	put32le(mbr + 446 + 8, 1);
	put32le(mbr + 446 + 12, DISK_SECTORS - 1);
	mbr[510] = 0x55, mbr[511] = 0xaa;

	memset(e, 0x11, 16); /* a type GUID */
	memcpy(e + 16, uuid1, 16); /* partition GUID */
	put64le(e + 32, 34);
	put64le(e + 40, 99);
	memcpy(e + 56, "b\0o\0o\0t\0", 8);
	memset(e + 128 * 2, 0x22, 16); /* entry 3, leaving 2 unused */
	put64le(e + 128 * 2 + 32, 100);
	put64le(e + 128 * 2 + 40, 199);

	memcpy(h, "EFI PART", 8);
	put32le(h + 8, 0x10000);
	put32le(h + 12, 92);
	put64le(h + 24, 1);
	put64le(h + 32, DISK_SECTORS - 1);
	put64le(h + 40, 34);
	put64le(h + 48, DISK_SECTORS - 34);
	memcpy(h + 56, disk_guid, 16);
	put64le(h + 72, 2);
	put32le(h + 80, 128);
	put32le(h + 84, 128);
	put32le(h + 88, probe_crc32(0, e, 128 * 128));
	put32le(h + 16, 0); /* the CRC is over the header with it zero */
	put32le(h + 16, probe_crc32(0, h, 92));
}

static int parts_of(unsigned char *d, size_t len, struct part_table *t)
{
	struct probe_mem m = { d, len };
	struct probe_dev dev;

	probe_dev_from_mem(&dev, &m);
	return probe_partitions(&dev, t);
}

static void test_gpt(void)
{
	size_t len = DISK_SECTORS * 512;
	unsigned char *d = calloc(1, len);
	static struct part_table t;

	T_INTEQ(probe_crc32(0, "123456789", 9), 0xcbf43926,
		"crc32 check value");
	mk_gpt(d);
	T_INTEQ(parts_of(d, len, &t), 0, "gpt: found");
	T_STREQ(t.type, "gpt", "gpt: PTTYPE");
	T_STREQ(t.uuid, "4f1b2c3d-1111-2222-3333-444455556666",
		"gpt: PTUUID, mixed-endian GUID in lower case");
	T_INTEQ(t.n, 2, "gpt: two used entries");
	T_INTEQ(t.part[0].number, 1, "gpt: first is 1");
	T_STREQ(t.part[0].uuid, "67452301-ab89-efcd-1032-547698badcfe",
		"gpt: PARTUUID");
	T_STREQ(t.part[0].name, "boot", "gpt: PARTLABEL");
	T_INTEQ(t.part[0].start, 34, "gpt: start");
	T_INTEQ(t.part[0].size, 66, "gpt: size");
	T_INTEQ(t.part[1].number, 3, "gpt: an unused slot keeps its number");

	d[512 + 60] ^= 0xff; /* the disk GUID, under the header CRC */
	T_INTEQ(parts_of(d, len, &t), -ENOENT, "gpt: bad header CRC");
	T_INTEQ(gpt_check_header(d + 512, 512, 1), -ENOENT,
		"gpt_check_header: bad CRC");
	mk_gpt(d);
	T_INTEQ(gpt_check_header(d + 512, 512, 1), 0, "gpt_check_header ok");
	T_INTEQ(gpt_check_header(d + 512, 512, 2), -ENOENT,
		"gpt_check_header: header at the wrong LBA");
	d[1024 + 56] = 'B'; /* a name, under the entries' CRC */
	T_INTEQ(parts_of(d, len, &t), -ENOENT, "gpt: bad entries CRC");
	mk_gpt(d);
	put32le(d + 512 + 12, 600); /* header larger than a sector */
	put32le(d + 512 + 16, 0);
	put32le(d + 512 + 16, probe_crc32(0, d + 512, 512));
	T_INTEQ(parts_of(d, len, &t), -ENOENT, "gpt: header size > sector");
	mk_gpt(d);
	T_INTEQ(parts_of(d, 1024, &t), -ENOENT,
		"gpt: entries past the end of the device");
	mk_gpt(d);
	memset(d + 446, 0, 16); /* no 0xee entry: not a protective MBR */
	put32le(d + 446 + 12, 10);
	d[446 + 4] = 0x83;
	T_INTEQ(parts_of(d, len, &t), 0, "no pMBR: read as dos");
	T_STREQ(t.type, "dos", "no pMBR: PTTYPE dos");
	free(d);
}

static void mbr_entry(unsigned char *s, int i, unsigned type, uint32_t start,
		      uint32_t size)
{
	unsigned char *e = s + 446 + 16 * i;

	e[4] = (unsigned char)type;
	put32le(e + 8, start);
	put32le(e + 12, size);
	s[510] = 0x55, s[511] = 0xaa;
}

static void test_mbr(void)
{
	size_t len = 2048 * 512;
	unsigned char *d = calloc(1, len);
	static struct part_table t;

	put32le(d + 440, 0x12345678);
	mbr_entry(d, 0, 0x83, 1, 10);
	mbr_entry(d, 1, 0x05, 100, 900);
	mbr_entry(d + 100 * 512, 0, 0x83, 1, 10); /* logical 5 at 101 */
	mbr_entry(d + 100 * 512, 1, 0x05, 50, 100); /* next EBR at 150 */
	mbr_entry(d + 150 * 512, 0, 0x82, 2, 20); /* logical 6 at 152 */
	T_INTEQ(parts_of(d, len, &t), 0, "dos: found");
	T_STREQ(t.type, "dos", "dos: PTTYPE");
	T_STREQ(t.uuid, "12345678", "dos: PTUUID");
	T_INTEQ(t.n, 4, "dos: 2 primaries and 2 logicals");
	T_INTEQ(t.part[2].number, 5, "dos: first logical is 5");
	T_INTEQ(t.part[2].start, 101, "dos: logical 5 start");
	T_STREQ(t.part[2].uuid, "12345678-05", "dos: PARTUUID of 5");
	T_INTEQ(t.part[3].number, 6, "dos: second logical is 6");
	T_INTEQ(t.part[3].start, 152, "dos: logical 6 start (EBR-relative)");
	T_INTEQ(t.part[3].type, 0x82, "dos: logical 6 type");

	/* an EBR whose link points back at itself, with data each time */
	mbr_entry(d + 150 * 512, 1, 0x05, 50, 100);
	T_INTEQ(parts_of(d, len, &t), 0, "dos: EBR loop with data ends");
	T_INTEQ(t.n, PART_MAX, "dos: EBR loop stops at PART_MAX");
	/* a loop of links without data partitions */
	memset(d + 150 * 512 + 446, 0, 16);
	T_INTEQ(parts_of(d, len, &t), 0, "dos: EBR loop without data ends");
	T_INTEQ(t.n, 3, "dos: EBR loop without data adds nothing");
	/* a link past the end of the device */
	mbr_entry(d + 150 * 512, 1, 0x05, 5000, 100);
	T_INTEQ(parts_of(d, len, &t), 0, "dos: EBR past the end ends");

	d[446] = 0x12; /* a boot flag that is neither 0 nor 0x80 */
	T_INTEQ(parts_of(d, len, &t), -ENOENT, "dos: bad boot flag");
	d[446] = 0;
	put32le(d + 440, 0);
	T_INTEQ(parts_of(d, len, &t), 0, "dos: no disk id");
	T_STREQ(t.part[0].uuid, "", "dos: no disk id, no PARTUUID");

	memset(d, 0, 512);
	mk_vfat16(d);
	T_INTEQ(parts_of(d, len, &t), -ENOENT,
		"dos: a FAT boot sector is not a partition table");
	T_INTEQ(parts_of(d, 300, &t), -ENOENT, "dos: device under a sector");
	free(d);
}

static void test_utf16(void)
{
	static const struct {
		const char *in;
		size_t n;
		int be;
		size_t out_size;
		const char *want;
	} c[] = {
		{ "r\0o\0o\0t\0", 8, 0, 64, "root" },
		{ "\0r\0o\0o\0t", 8, 1, 64, "root" },
		{ "a\0\0\0b\0", 6, 0, 64, "a" }, /* stops at NUL */
		{ "\xfc\0", 2, 0, 64, "\xc3\xbc" },
		{ "\xac\x20", 2, 0, 64, "\xe2\x82\xac" },
		{ "\x3d\xd8\x00\xde", 4, 0, 64, "\xf0\x9f\x98\x80" },
		{ "\x3d\xd8x\0", 4, 0, 64, "\xef\xbf\xbdx" }, /* lone high */
		{ "\x00\xdcx\0", 4, 0, 64, "\xef\xbf\xbdx" }, /* lone low */
		{ "\x3d\xd8", 2, 0, 64, "\xef\xbf\xbd" }, /* cut pair */
		{ "a\0 \0 \0", 6, 0, 64, "a" }, /* trailing blanks */
		{ "a\0\xac\x20", 4, 0, 3, "a" }, /* no half characters */
		{ "ab", 1, 0, 64, "" }, /* odd length */
	};
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		char out[64];

		probe_utf16_to_utf8(out, c[i].out_size,
				    (const unsigned char *)c[i].in, c[i].n,
				    c[i].be);
		T_STREQ(out, c[i].want, "utf16 case %zu", i);
	}
}

static void test_fat_labels(void)
{
	unsigned char b[512] = { 0 }, dir[5 * 32] = { 0 };
	struct probe_result r;
	char label[12];

	mk_vfat16(b);
	memcpy(b + 0x2b, "ABC        ", 11);
	T_INTEQ(probe_vfat(b, sizeof(b), &r), 0, "vfat: found");
	T_STREQ(r.label, "ABC", "vfat: trailing spaces trimmed");
	memcpy(b + 0x2b, "NO NAME    ", 11);
	probe_vfat(b, sizeof(b), &r);
	T_STREQ(r.label, "", "vfat: NO NAME is no label");
	b[0x10] = 0;
	T_INTEQ(probe_vfat(b, sizeof(b), &r), -ENOENT, "vfat: no FATs");

	dir[0] = 0xe5; /* deleted label entry */
	dir[11] = 0x08;
	memcpy(dir + 32, "LONGNAME   ", 11);
	dir[32 + 11] = 0x0f; /* a long-name piece */
	memcpy(dir + 64, "FILE    TXT", 11);
	dir[64 + 26] = 3; /* a file with a cluster */
	memcpy(dir + 96, "MY LABEL   ", 11);
	dir[96 + 11] = 0x08 | 0x20;
	T_INTEQ(vfat_dir_label(dir, sizeof(dir), label), 1,
		"vfat root dir: label entry found");
	T_STREQ(label, "MY LABEL", "vfat root dir: label trimmed");
	T_INTEQ(vfat_dir_label(dir, 96, label), 0,
		"vfat root dir: not in these entries");
	dir[64] = 0;
	T_INTEQ(vfat_dir_label(dir, sizeof(dir), label), -1,
		"vfat root dir: end of directory first");
	T_INTEQ(vfat_dir_label(dir, 31, label), 0, "vfat root dir: short");
}

static void test_formats(void)
{
	char s[64];

	probe_format_uuid(s, sizeof(s), uuid1);
	T_STREQ(s, UUID1, "uuid: bytes in order");
	probe_format_guid(s, sizeof(s), uuid1);
	T_STREQ(s, "67452301-ab89-efcd-1032-547698badcfe",
		"guid: first three fields little-endian");
	memset(s, 'x', sizeof(s));
	probe_format_uuid(s, sizeof(s),
			  (const unsigned char *)"\0\0\0\0\0\0"
						 "\0\0\0\0\0\0"
						 "\0\0\0\0");
	T_STREQ(s, "", "uuid: all zeros is none");
	probe_set_label(s, sizeof(s), (const unsigned char *)"lab\0el", 6);
	T_STREQ(s, "lab", "label: stops at NUL");
	probe_set_label(s, 4, (const unsigned char *)"abcdef", 6);
	T_STREQ(s, "abc", "label: cut to the room");
}

int main(void)
{
	test_fs_cases();
	test_fs_table();
	test_md_090();
	test_lvm_bad_crc();
	test_gpt();
	test_mbr();
	test_utf16();
	test_fat_labels();
	test_formats();
	T_DONE();
}
