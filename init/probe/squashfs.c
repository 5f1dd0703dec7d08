/* squashfs.c - SquashFS: no UUID, no label; version 4 is "squashfs" */
#include <errno.h>
#include <string.h>

#include "probe.h"

int probe_squashfs(const unsigned char *buf, size_t len, struct probe_result *r)
{
	unsigned major;

	if (len < 32)
		return -ENOENT;
	if (memcmp(buf, "hsqs", 4) == 0)
		major = probe_le16(buf + 28);
	else if (memcmp(buf, "sqsh", 4) == 0 && probe_be16(buf + 28) <= 3)
		major = probe_be16(buf + 28); /* big-endian: v3 and older */
	else
		return -ENOENT;
	probe_set_type(r, major >= 4 ? "squashfs" : "squashfs3",
		       PROBE_USAGE_FS);
	return 0;
}
