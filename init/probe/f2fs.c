/* f2fs.c - F2FS: superblock at 1 KiB, label in UTF-16LE */
#include <errno.h>

#include "probe.h"

#define F2FS_SB 1024
#define F2FS_MAGIC 0xf2f52010u
#define F2FS_LABEL 0x7c
#define F2FS_LABEL_LEN 1024 /* 512 UTF-16 units */

int probe_f2fs(const unsigned char *buf, size_t len, struct probe_result *r)
{
	const unsigned char *sb = buf + F2FS_SB;

	if (len < F2FS_SB + F2FS_LABEL + F2FS_LABEL_LEN)
		return -ENOENT;
	if (probe_le32(sb) != F2FS_MAGIC)
		return -ENOENT;
	probe_set_type(r, "f2fs", PROBE_USAGE_FS);
	/* version 1.0 had another layout: blkid names the type only */
	if (probe_le16(sb + 4) == 1 && probe_le16(sb + 6) == 0)
		return 0;
	probe_format_uuid(r->uuid, sizeof(r->uuid), sb + 0x6c);
	probe_utf16_to_utf8(r->label, sizeof(r->label), sb + F2FS_LABEL,
			    F2FS_LABEL_LEN, 0);
	return 0;
}
