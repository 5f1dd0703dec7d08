/* fuzz_fstab.c - libFuzzer entry point over the fstab reader: the /usr
 * line of any bytes, and its options.  Run by "make fuzz" and, for a
 * few seconds, by "make check" (tests/fuzz/run.sh fstab); seeds are the
 * committed lines in tests/fuzz/corpus/fstab when there are any.
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
