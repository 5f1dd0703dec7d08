/* fuzz_hostcrypttab.c - libFuzzer harness over crypttab_filter() and
 * stack_crypt_uuid() (mkimage/crypttab.c, mkimage/stackwalk.c): any
 * bytes as /etc/crypttab for a root on two dm-crypt devices, and as a
 * dm/uuid.  The lines kept are no more than the input (plus the last
 * newline), each key file named is a terminated absolute path, and the
 * UUID is empty or 36 characters. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "stack.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int key(const char *path, void *arg)
{
	size_t n = strlen(path);

	if (path[0] != '/' || n >= 1024)
		__builtin_trap();
	*(size_t *)arg += n;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct stack st;
	struct buf out = { 0 };
	char uuid[40], *dm;
	size_t keys = 0;

	st.n_crypt = 2;
	strcpy(st.crypt_name[0], "vda2_crypt");
	strcpy(st.crypt_uuid[0], "13000000-c000-4000-8000-000000000001");
	strcpy(st.crypt_name[1], "cryptroot");
	st.crypt_uuid[1][0] = '\0';
	if (crypttab_filter((const char *)data, size, &st, &out, key, &keys) ==
		    0 &&
	    out.len > size + 1)
		__builtin_trap();
	buf_free(&out);

	dm = malloc(size + 1);
	if (!dm)
		return 0;
	memcpy(dm, data, size);
	dm[size] = '\0';
	stack_crypt_uuid(dm, uuid, sizeof(uuid));
	if (uuid[0] && strlen(uuid) != 36)
		__builtin_trap();
	free(dm);
	return 0;
}
