/* synth.c - write md RAID and LVM2 member images that mdadm and pvcreate
 * cannot make without block devices (root and loop devices): the few
 * superblock fields blkid and newroot read, nothing else.
 *
 *   synth md090|md090be|md10|md12|lvm2 IMAGE
 *
 * IMAGE must exist (its size decides where the tail superblocks go); it
 * may already hold a filesystem, which the member signature must win
 * over.  tests/probe/images.sh checks blkid agrees on each image. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bytes.h"
#include "probe/probe.h"

#define MD_MAGIC 0xa92b4efcu

static const unsigned char set_uuid[16] = { 0x3c, 0x1d, 0x2e, 0x4f, 0x50, 0x61,
					    0x72, 0x83, 0x94, 0xa5, 0xb6, 0xc7,
					    0xd8, 0xe9, 0xfa, 0x0b };

/* 0.90: 64 KiB-aligned, 64 KiB before the end, in the byte order of
 * the machine that wrote it (big-endian ones too) */
static uint64_t md090(unsigned char *sb, uint64_t size, int big)
{
	void (*put)(unsigned char *, uint32_t) = big ? put32be : put32le;
	uint64_t off = (size & ~(uint64_t)0xffff) - 0x10000;

	put(sb, MD_MAGIC);
	put(sb + 4, 0); /* major */
	put(sb + 8, 90); /* minor */
	memcpy(sb + 20, set_uuid, 4);
	put(sb + 32, (uint32_t)(off >> 10)); /* KiB of data */
	memcpy(sb + 52, set_uuid + 4, 12);
	return off;
}

static uint64_t md1x(unsigned char *sb, uint64_t off, const char *name)
{
	put32le(sb, MD_MAGIC);
	put32le(sb + 4, 1);
	memcpy(sb + 16, set_uuid, 16);
	strncpy((char *)sb + 32, name, 32);
	put64le(sb + 144, off >> 9); /* super_offset, in sectors */
	return off;
}

static uint64_t lvm2(unsigned char *s)
{
	const char *id = "Ab3dEf6hIj0lMn1pQr2tUv4xYz5BcDe7";

	memcpy(s, "LABELONE", 8);
	put64le(s + 8, 1); /* this label's sector */
	put32le(s + 20, 32); /* offset of the contents */
	memcpy(s + 24, "LVM2 001", 8);
	memcpy(s + 32, id, 32);
	put32le(s + 16, ~probe_crc32(~0xf597a6cfu, s + 20, 512 - 20));
	return 512;
}

int main(int argc, char **argv)
{
	unsigned char sb[4096] = { 0 };
	struct stat st;
	uint64_t off;
	size_t n = sizeof(sb);
	int fd;

	if (argc != 3) {
		fprintf(stderr,
			"usage: synth md090|md090be|md10|md12|lvm2 IMAGE\n");
		return 100;
	}
	fd = open(argv[2], O_RDWR);
	if (fd < 0 || fstat(fd, &st) < 0 || st.st_size < 0x30000) {
		perror(argv[2]);
		return 111;
	}
	if (!strcmp(argv[1], "md090")) {
		off = md090(sb, (uint64_t)st.st_size, 0);
	} else if (!strcmp(argv[1], "md090be")) {
		off = md090(sb, (uint64_t)st.st_size, 1);
	} else if (!strcmp(argv[1], "md10")) {
		off = md1x(sb,
			   ((uint64_t)st.st_size & ~(uint64_t)0xfff) - 0x2000,
			   "synth:10");
	} else if (!strcmp(argv[1], "md12")) {
		off = md1x(sb, 4096, "synth:12");
	} else if (!strcmp(argv[1], "lvm2")) {
		off = lvm2(sb);
		n = 512;
	} else {
		fprintf(stderr, "synth: unknown kind %s\n", argv[1]);
		return 100;
	}
	if (pwrite(fd, sb, n, (off_t)off) != (ssize_t)n || close(fd) < 0) {
		perror(argv[2]);
		return 111;
	}
	return 0;
}
