/* fuzz_crypttab.c - libFuzzer entry point over the /etc/crypttab reader
 * (the image's file, written by a host-only build or by hand) and the
 * rules that use its lines.  Run by "make fuzz" and, for a few seconds,
 * by "make check" (tests/fuzz/run.sh crypttab); seeds in
 * tests/fuzz/corpus/crypttab.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "crypttab.h"
#include "unlock_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct crypttab ct;
	static struct unlock_conf conf; /* empty: crypttab decides */
	struct unlock_plan plan;
	struct blockdev bd;
	int i, n;

	n = crypttab_parse((const char *)data, size, &ct);
	if (n > CRYPTTAB_MAX || ct.n < 0 || ct.n > CRYPTTAB_MAX)
		__builtin_trap();
	for (i = 0; i < ct.n; i++) {
		const struct crypttab_entry *e = &ct.e[i];

		if (!e->name || !e->device || !e->opts || e->name < ct.buf ||
		    e->name >= ct.buf + sizeof(ct.buf))
			__builtin_trap();
		/* The device it names, as a LUKS container of that UUID or
		 * node name, finds a line. */
		memset(&bd, 0, sizeof(bd));
		bd.fs_probed = true;
		strcpy(bd.fs.type, "crypto_LUKS");
		if (!strncmp(e->device, "UUID=", 5) &&
		    strlen(e->device + 5) < sizeof(bd.fs.uuid))
			strcpy(bd.fs.uuid, e->device + 5);
		if (!strncmp(e->device, "/dev/", 5) &&
		    strlen(e->device + 5) < sizeof(bd.name))
			strcpy(bd.name, e->device + 5);
		unlock_rule(&bd, &conf, &ct, &plan);
		if (strlen(plan.name) >= sizeof(plan.name) ||
		    strlen(plan.unknown) >= sizeof(plan.unknown))
			__builtin_trap();
	}
	return 0;
}
