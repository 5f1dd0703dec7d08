/* iso9660.c - ISO 9660 (CD/DVD images), with the Joliet volume name */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "probe.h"

#define ISO_PVD 0x8000
#define ISO_SECTOR 2048
#define ISO_VD_MAX 16
#define ISO_VD_NEED 881 /* through the modification date */

/* blkid's UUID: the date as "YYYY-MM-DD-HH-MM-SS-CC", when it is set */
static int iso_date_uuid(char *out, size_t size, const unsigned char *d)
{
	int i;

	for (i = 0; i < 16; i++)
		if (d[i] != '0')
			break;
	if (i == 16 && d[16] == 0)
		return 0; /* unset: all '0' and no time zone */
	snprintf(out, size, "%.4s-%.2s-%.2s-%.2s-%.2s-%.2s-%.2s", d, d + 4,
		 d + 6, d + 8, d + 10, d + 12, d + 14);
	return 1;
}

/* Is the UTF-16BE Joliet name the same as the PVD's ASCII one? */
static int same_as_utf16be(const unsigned char *ascii, const unsigned char *u16,
			   size_t n)
{
	size_t a, u;

	for (a = 0, u = 0; u + 1 < n; a++, u += 2)
		if (u16[u] != 0 || ascii[a] != u16[u + 1])
			return 0;
	return 1;
}

int probe_iso9660(const unsigned char *buf, size_t len, struct probe_result *r)
{
	const unsigned char *pvd = buf + ISO_PVD;
	size_t off;
	int i;

	if (len < ISO_PVD + ISO_VD_NEED || memcmp(pvd + 1, "CD001", 5) != 0)
		return -ENOENT;
	probe_set_type(r, "iso9660", PROBE_USAGE_FS);
	/* modification date first, then creation date, as blkid */
	if (!iso_date_uuid(r->uuid, sizeof(r->uuid), pvd + 830))
		iso_date_uuid(r->uuid, sizeof(r->uuid), pvd + 813);

	/* A Joliet supplementary descriptor may carry a longer name. */
	off = ISO_PVD + ISO_SECTOR;
	for (i = 0; i < ISO_VD_MAX; i++, off += ISO_SECTOR) {
		const unsigned char *vd = buf + off;

		if (off + 128 > len || vd[0] == 0xff)
			break;
		if (vd[0] != 2)
			continue;
		if (memcmp(vd + 88, "%/@", 3) != 0 &&
		    memcmp(vd + 88, "%/C", 3) != 0 &&
		    memcmp(vd + 88, "%/E", 3) != 0)
			continue;
		if (same_as_utf16be(pvd + 40, vd + 40, 32))
			break;
		probe_utf16_to_utf8(r->label, sizeof(r->label), vd + 40, 32, 1);
		return 0;
	}
	probe_set_label(r->label, sizeof(r->label), pvd + 40, 32);
	return 0;
}
