/* fuzz_modindex.c - libFuzzer harness over modindex_parse(), the module
 * index the init reads from the image (lib/modules/newroot.index), and
 * the lookups the loader makes in it: by name, by modalias (fnmatch over
 * every alias) and over each comma list of dependencies. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzztext.h"
#include "modindex.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count(const struct modindex_alias *a, void *ctx)
{
	(void)a;
	return ++*(int *)ctx >= 16;
}

static void walk(const char *list)
{
	char item[64];
	const char *p = list;

	while (p && (p = modindex_next(p, item, sizeof(item))))
		;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct modindex idx;
	char *buf;
	int i, n = 0, line = 0;

	if (size > 64 * 1024)
		return 0;
	buf = fuzz_text(data, size, size, NULL); /* a NUL goes at buf[len] */
	if (!buf)
		return 0;
	if (modindex_parse(buf, size, &idx, &line) == 0) {
		for (i = 0; i < idx.n_mods; i++) {
			struct modindex_mod *m = &idx.mods[i];

			if (modindex_find(&idx, m->name) == NULL)
				__builtin_trap(); /* sorted, so found */
			walk(m->deps);
			walk(m->pre);
			walk(m->post);
			if (m->path)
				modindex_compression(m->path);
		}
		for (i = 0; i < idx.n_load; i++)
			modindex_find(&idx, idx.load[i]);
		if (idx.n_aliases > 0)
			modindex_match(&idx, "pci:v00008086d00001234sv*", count,
				       &n);
		for (i = 0; i < idx.n_aliases && i < 8; i++)
			modindex_match(&idx, idx.aliases[i].pattern, count, &n);
		modindex_free(&idx);
	}
	free(buf);
	return 0;
}
