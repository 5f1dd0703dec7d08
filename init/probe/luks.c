/* luks.c - LUKS1/LUKS2 encrypted volumes (primary header only) */
#include <errno.h>
#include <string.h>

#include "probe.h"

int probe_luks(const unsigned char *buf, size_t len, struct probe_result *r)
{
	unsigned version;

	if (len < 264 + 8 || memcmp(buf, "LUKS\xba\xbe", 6) != 0)
		return -ENOENT;
	version = probe_be16(buf + 6);
	/* a LUKS2 header says where it is: the primary one at 0 */
	if (version == 2 && probe_be64(buf + 256) != 0)
		return -ENOENT;
	probe_set_type(r, "crypto_LUKS", PROBE_USAGE_CRYPTO);
	probe_set_label(r->uuid, sizeof(r->uuid), buf + 168, 40);
	if (version == 2)
		probe_set_label(r->label, sizeof(r->label), buf + 24, 48);
	return 0;
}
