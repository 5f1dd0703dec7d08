/* fuzz_part.c - libFuzzer harness over probe_partitions(): GPT (primary
 * and the backup header at the last LBA) and MBR with its chain of
 * logical partitions, on a device of fuzzer-chosen size (fuzzdev.h). */
#include "fuzzdev.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct part_table t;
	struct probe_dev dev;
	struct fuzzdev d;
	int i;

	fuzzdev_init(&dev, &d, data, size);
	if (probe_partitions(&dev, &t) != 0)
		return 0;
	fuzzdev_show("fuzz_part", t.type);
	if (t.n < 0 || t.n > PART_MAX)
		__builtin_trap();
	for (i = 0; i < t.n; i++)
		if (!memchr(t.part[i].uuid, 0, sizeof(t.part[i].uuid)) ||
		    !memchr(t.part[i].name, 0, sizeof(t.part[i].name)))
			__builtin_trap();
	return 0;
}
