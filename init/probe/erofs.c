/* erofs.c - EROFS: superblock at 1 KiB */
#include <errno.h>

#include "probe.h"

#define EROFS_SB 1024
#define EROFS_MAGIC 0xe0f5e1e2u

int probe_erofs(const unsigned char *buf, size_t len, struct probe_result *r)
{
	const unsigned char *sb = buf + EROFS_SB;

	if (len < EROFS_SB + 128 || probe_le32(sb) != EROFS_MAGIC)
		return -ENOENT;
	if (sb[12] < 9 || sb[12] > 16) /* block size bits */
		return -ENOENT;
	probe_set_type(r, "erofs", PROBE_USAGE_FS);
	probe_format_uuid(r->uuid, sizeof(r->uuid), sb + 48);
	probe_set_label(r->label, sizeof(r->label), sb + 64, 16);
	return 0;
}
