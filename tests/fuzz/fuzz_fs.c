/* fuzz_fs.c - libFuzzer harness over probe_filesystem(): the whole
 * superblock table (md and LVM members, LUKS, swap and every filesystem,
 * with the FAT root directory walk and md's end-of-disk superblocks) on
 * a device of fuzzer-chosen size (fuzzdev.h).  "make fuzz" runs it;
 * tests/fuzz/seeds.sh seeds it with real mkfs images. */
#include "fuzzdev.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct probe_dev dev;
	struct fuzzdev d;
	struct probe_result r;

	fuzzdev_init(&dev, &d, data, size);
	if (probe_filesystem(&dev, &r) == 0) {
		/* what the caller prints must be terminated strings */
		if (!memchr(r.type, 0, sizeof(r.type)) ||
		    !memchr(r.uuid, 0, sizeof(r.uuid)) ||
		    !memchr(r.label, 0, sizeof(r.label)))
			__builtin_trap();
		fuzzdev_show("fuzz_fs", r.type);
	}
	return 0;
}
