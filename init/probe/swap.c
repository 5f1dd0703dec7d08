/* swap.c - Linux swap space: "SWAPSPACE2" at the end of the first page;
 * a hibernation image written into it replaces that with "S1SUSPEND"
 * (blkid's TYPE="swsuspend"), the header before it kept. */
#include <errno.h>
#include <string.h>

#include "probe.h"

#define SWAP_HDR 1024 /* version, last_page, nr_badpages, uuid, label */
#define SWAP_MIN_SIZE (10 * 4096)

int probe_swap(const unsigned char *buf, size_t len, struct probe_result *r)
{
	static const unsigned char toi[] = "\xed\xc3\x02\xe9\x98\x56\xe5\x0c";
	const unsigned char *h = buf + SWAP_HDR;
	size_t page;
	int v0 = 0, image = 0;

	if (len < SWAP_MIN_SIZE)
		return -ENOENT;
	/* the signature ends the first page: 4 KiB to 64 KiB pages */
	for (page = 4096; page <= 65536; page <<= 1) {
		if (page > len)
			return -ENOENT;
		if (memcmp(buf + page - 10, "SWAPSPACE2", 10) == 0)
			break;
		if (memcmp(buf + page - 10, "SWAP-SPACE", 10) == 0) {
			v0 = 1;
			break;
		}
		if (memcmp(buf + page - 10, "S1SUSPEND", 9) == 0 ||
		    memcmp(buf + page - 10, "S2SUSPEND", 9) == 0 ||
		    memcmp(buf + page - 10, "ULSUSPEND", 9) == 0 ||
		    memcmp(buf + page - 10, "LINHIB0001", 10) == 0) {
			image = 1;
			break;
		}
	}
	if (page > 65536 || memcmp(buf, toi, 8) == 0) /* TuxOnIce */
		return -ENOENT;
	if (!v0) {
		uint32_t v = probe_le32(h);

		if ((v != 1 && v != 0x01000000) || !probe_le32(h + 4))
			return -ENOENT;
	}
	probe_set_type(r, image ? "swsuspend" : "swap", PROBE_USAGE_OTHER);
	if (v0)
		return 0; /* version 0 has neither UUID nor label */
	/* blkid's "is there garbage down there" check on padding[32..33] */
	if (probe_le32(h + 44 + 4 * 32) == 0 &&
	    probe_le32(h + 44 + 4 * 33) == 0) {
		probe_format_uuid(r->uuid, sizeof(r->uuid), h + 12);
		probe_set_label(r->label, sizeof(r->label), h + 28, 16);
	}
	return 0;
}
