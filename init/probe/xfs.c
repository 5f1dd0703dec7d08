/* xfs.c - XFS: big-endian superblock at 0, checked beyond the magic */
#include <errno.h>
#include <string.h>

#include "probe.h"

static int pow2_in(uint32_t v, unsigned lg, unsigned min_lg, unsigned max_lg)
{
	return lg >= min_lg && lg <= max_lg && v == (uint32_t)1 << lg;
}

int probe_xfs(const unsigned char *buf, size_t len, struct probe_result *r)
{
	uint32_t bsize, agblocks, agcount, rextsize;
	uint64_t dblocks, rtext;
	unsigned blocklog, sectlog, inodelog;

	if (len < 128 || memcmp(buf, "XFSB", 4) != 0)
		return -ENOENT;
	bsize = probe_be32(buf + 4);
	dblocks = probe_be64(buf + 8);
	rextsize = probe_be32(buf + 80);
	agblocks = probe_be32(buf + 84);
	agcount = probe_be32(buf + 88);
	blocklog = buf[120], sectlog = buf[121], inodelog = buf[122];
	rtext = (uint64_t)rextsize * bsize;

	/* the sanity checks blkid makes: a stray "XFSB" is not enough */
	if (!agcount || !pow2_in(probe_be16(buf + 102), sectlog, 9, 15) ||
	    !pow2_in(bsize, blocklog, 9, 16) ||
	    !pow2_in(probe_be16(buf + 104), inodelog, 8, 11) ||
	    blocklog - inodelog != buf[123] || rtext < 4096 ||
	    rtext > 1024 * 1024 * 1024 || buf[127] > 100 || !dblocks ||
	    dblocks > (uint64_t)agcount * agblocks ||
	    dblocks < (uint64_t)(agcount - 1) * agblocks + 64)
		return -ENOENT;

	probe_set_type(r, "xfs", PROBE_USAGE_FS);
	probe_format_uuid(r->uuid, sizeof(r->uuid), buf + 32);
	probe_set_label(r->label, sizeof(r->label), buf + 108, 12);
	return 0;
}
