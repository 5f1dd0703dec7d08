/* fuzz_fstab.c - libFuzzer entry point over the fstab reader: the /usr
 * line of any bytes, and its options.  Not run by "make check" (this
 * tree has no "make fuzz" target; branch fuzz adds one, which picks up
 * every tests/fuzz/fuzz_*.c).  To run it:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -D_GNU_SOURCE \
 *	-Iinit -o build/fuzz_fstab tests/fuzz/fuzz_fstab.c init/fstab.c
 *   mkdir -p build/fuzz-corpus-fstab
 *   build/fuzz_fstab -max_total_time=300 build/fuzz-corpus-fstab
 */
#include <stddef.h>
#include <stdint.h>

#include "fstab.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fstab_entry e;
	struct fstab_opts o;

	if (fstab_find((const char *)data, size, "/usr", &e) == 0)
		fstab_parse_opts(e.opts, &o);
	return 0;
}
