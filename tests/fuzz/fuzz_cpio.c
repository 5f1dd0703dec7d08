/* fuzz_cpio.c - libFuzzer harness over cpio_list() (mkimage/cpioread.c),
 * the reader behind "newroot-mkimage --list" (the kernel hook runs it on
 * the images in /boot): newc archives one after the other, each plain or
 * compressed with zstd, gzip or xz, printed as --list prints them.  lz4
 * goes through the external lz4 tool: fork() fails here
 * (-Wl,--wrap=fork), so that path is not fuzzed. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "cpioread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
pid_t __wrap_fork(void);

pid_t __wrap_fork(void)
{
	errno = ENOSYS;
	return -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static FILE *null;
	uint32_t v;

	if (!null)
		null = fopen("/dev/null", "w");
	if (!null)
		return 0;
	cpio_list(data, size, cpio_print_entry, null, 0);
	if (size >= 8)
		cpio_hex8(data, &v);
	return 0;
}
