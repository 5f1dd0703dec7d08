/* fuzz_elf.c - libFuzzer harness over elf_deps() (mkimage/elfread.c),
 * the ELF header reader behind "newroot-mkimage --add-program": any
 * bytes as a program file; the names it returns must be terminated. */
#include <stdint.h>
#include <string.h>

#include "elfdeps.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct elf_deps d;
	int i;

	if (elf_deps(data, size, &d) < 0)
		return 0;
	if (memchr(d.interp, '\0', sizeof(d.interp)) == NULL)
		__builtin_trap();
	for (i = 0; i < d.n_needed; i++)
		if (memchr(d.needed[i], '\0', sizeof(d.needed[i])) == NULL)
			__builtin_trap();
	return 0;
}
