/* lvm.c - LVM2 physical volume label ("LABELONE" in sectors 0-3) */
#include <errno.h>
#include <string.h>

#include "probe.h"

#define LVM_SECTOR 512
#define LVM_ID_LEN 32

/* LVM's CRC: the reflected CRC-32 polynomial, initial value 0xf597a6cf,
 * no final inversion. */
static uint32_t lvm_crc(const unsigned char *p, size_t n)
{
	return ~probe_crc32(~0xf597a6cfu, p, n);
}

/* "xxxxxx-xxxx-xxxx-xxxx-xxxx-xxxx-xxxxxx" as pvs and blkid print it */
static void format_pv_uuid(char *out, const unsigned char *id)
{
	static const int dash_after[] = { 6, 10, 14, 18, 22, 26 };
	int i, d = 0, o = 0;

	for (i = 0; i < LVM_ID_LEN; i++) {
		if (d < 6 && i == dash_after[d]) {
			out[o++] = '-';
			d++;
		}
		out[o++] = (char)id[i];
	}
	out[o] = '\0';
}

int probe_lvm2(const unsigned char *buf, size_t len, struct probe_result *r)
{
	unsigned s;

	for (s = 0; s < 4; s++) {
		const unsigned char *l = buf + (size_t)s * LVM_SECTOR;

		if ((size_t)(s + 1) * LVM_SECTOR > len)
			return -ENOENT;
		if (memcmp(l, "LABELONE", 8) != 0 ||
		    memcmp(l + 24, "LVM2 001", 8) != 0)
			continue;
		if (probe_le64(l + 8) != s)
			continue;
		if (lvm_crc(l + 20, LVM_SECTOR - 20) != probe_le32(l + 16))
			continue;
		probe_set_type(r, "LVM2_member", PROBE_USAGE_RAID);
		format_pv_uuid(r->uuid, l + 32);
		return 0;
	}
	return -ENOENT;
}
