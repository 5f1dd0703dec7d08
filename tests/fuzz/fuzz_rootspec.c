/* fuzz_rootspec.c - libFuzzer harness over root_spec_parse(), the root=
 * grammar, and root_spec_format() of what it accepted: the canonical form
 * must parse again to the same device. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzztext.h"
#include "rootspec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct root_spec a, b;
	char err[256], canon[2 * ROOTSPEC_VALUE_MAX + 64], *text;
	int n;

	text = fuzz_text(data, size, 4 * ROOTSPEC_VALUE_MAX, &size);
	if (!text)
		return 0;
	n = root_spec_parse(text, &a, err, sizeof(err));
	free(text);
	if (n != 0) {
		if (!memchr(err, 0, sizeof(err)) || !err[0])
			__builtin_trap(); /* every refusal says why */
		return 0;
	}
	if (!memchr(a.value, 0, sizeof(a.value)))
		__builtin_trap();
	root_kind_name(a.kind);
	n = root_spec_format(&a, canon, sizeof(canon));
	if (n < 0 || (size_t)n >= sizeof(canon))
		return 0;
	root_spec_format(&a, canon, 8); /* truncated */
	n = root_spec_format(&a, canon, sizeof(canon));
	if (root_spec_parse(canon, &b, err, sizeof(err)) != 0) {
		fprintf(stderr, "canonical form '%s' does not parse: %s\n",
			canon, err);
		__builtin_trap();
	}
	if (a.kind != b.kind || strcmp(a.value, b.value) ||
	    (a.kind == ROOT_DEVNUM &&
	     (a.major != b.major || a.minor != b.minor)) ||
	    a.has_partnroff != b.has_partnroff ||
	    (a.has_partnroff && a.partnroff != b.partnroff)) {
		fprintf(stderr, "canonical form '%s' parses differently\n",
			canon);
		__builtin_trap();
	}
	return 0;
}
