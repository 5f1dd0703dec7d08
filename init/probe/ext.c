/* ext.c - ext2, ext3, ext4 (and an external ext3/4 journal, "jbd") */
#include <errno.h>

#include "probe.h"

#define EXT_SB 1024
#define EXT_SB_NEED 0x88 /* up to the end of s_volume_name */

#define COMPAT_HAS_JOURNAL 0x0004
#define INCOMPAT_FILETYPE 0x0002
#define INCOMPAT_RECOVER 0x0004
#define INCOMPAT_JOURNAL_DEV 0x0008
#define INCOMPAT_META_BG 0x0010
#define RO_COMPAT_EXT2_SUPP 0x0007 /* sparse_super, large_file, btree_dir */

#define EXT2_INCOMPAT_SUPP (INCOMPAT_FILETYPE | INCOMPAT_META_BG)
#define EXT3_INCOMPAT_SUPP (EXT2_INCOMPAT_SUPP | INCOMPAT_RECOVER)

/*
 * The type is decided by the features, as blkid does: a journal device is
 * "jbd"; with a journal, "ext3" unless a feature ext3 does not know (for
 * example extents) makes it "ext4"; without one, "ext2" unless a feature
 * ext2 does not know makes it "ext4".  blkid also consults
 * /proc/filesystems for the ext4-only kernels; the answer the kernel
 * needs is the same, since ext4 mounts all three.
 */
int probe_ext(const unsigned char *buf, size_t len, struct probe_result *r)
{
	const unsigned char *sb = buf + EXT_SB;
	uint32_t fc, fi, frc;
	const char *type;

	if (len < EXT_SB + EXT_SB_NEED)
		return -ENOENT;
	if (sb[0x38] != 0x53 || sb[0x39] != 0xef)
		return -ENOENT;
	fc = probe_le32(sb + 0x5c);
	fi = probe_le32(sb + 0x60);
	frc = probe_le32(sb + 0x64);

	if (fi & INCOMPAT_JOURNAL_DEV)
		type = "jbd";
	else if (fc & COMPAT_HAS_JOURNAL)
		type = (frc & ~RO_COMPAT_EXT2_SUPP) ||
				       (fi & ~EXT3_INCOMPAT_SUPP)
			       ? "ext4"
			       : "ext3";
	else
		type = (frc & ~RO_COMPAT_EXT2_SUPP) ||
				       (fi & ~EXT2_INCOMPAT_SUPP)
			       ? "ext4"
			       : "ext2";
	probe_set_type(r, type,
		       fi & INCOMPAT_JOURNAL_DEV ? PROBE_USAGE_OTHER
						 : PROBE_USAGE_FS);
	probe_format_uuid(r->uuid, sizeof(r->uuid), sb + 0x68);
	probe_set_label(r->label, sizeof(r->label), sb + 0x78, 16);
	return 0;
}
