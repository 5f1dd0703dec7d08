/* fuzz_probe.c - libFuzzer entry point over the whole probe: the
 * superblock table (with the FAT root directory walk and the md tail
 * superblocks) and the partition tables, on a device in memory.  Not run
 * by "make check".  To run it:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *	-Iinit -o build/fuzz_probe tests/fuzz/fuzz_probe.c init/probe/[a-z]*.c
 *   mkdir -p build/fuzz-corpus
 *   build/fuzz_probe -max_len=140000 -max_total_time=300 build/fuzz-corpus
 *
 * Seeding the corpus with the heads of real images (for example
 * "head -c 140000 ext4.img > build/fuzz-corpus/ext4") gets it past the
 * magic numbers quickly; 140000 bytes also reach past the btrfs
 * superblock and let the end-of-device md superblocks line up. */
#include <stddef.h>
#include <stdint.h>

#include "probe/probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct part_table t;
	struct probe_mem m = { data, size };
	struct probe_dev dev;
	struct probe_result r;

	probe_dev_from_mem(&dev, &m);
	probe_filesystem(&dev, &r);
	probe_partitions(&dev, &t);
	return 0;
}
