/* btrfs.c - btrfs: superblock at 64 KiB */
#include <errno.h>
#include <string.h>

#include "probe.h"

#define BTRFS_SB 0x10000
#define BTRFS_LABEL 0x12b
#define BTRFS_LABEL_LEN 256

int probe_btrfs(const unsigned char *buf, size_t len, struct probe_result *r)
{
	const unsigned char *sb = buf + BTRFS_SB;

	if (len < BTRFS_SB + BTRFS_LABEL + BTRFS_LABEL_LEN)
		return -ENOENT;
	if (memcmp(sb + 0x40, "_BHRfS_M", 8) != 0)
		return -ENOENT;
	probe_set_type(r, "btrfs", PROBE_USAGE_FS);
	probe_format_uuid(r->uuid, sizeof(r->uuid), sb + 0x20);
	probe_set_label(r->label, sizeof(r->label), sb + BTRFS_LABEL,
			BTRFS_LABEL_LEN);
	return 0;
}
