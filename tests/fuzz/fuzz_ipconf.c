/* fuzz_ipconf.c - libFuzzer harness over ipconf_parse(), the ip= grammar,
 * and ipconf_format() of what it accepted: the argument handed to klibc's
 * ipconfig must parse again to the same configuration, and every refusal
 * must say why. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzztext.h"
#include "ipconf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ipconf a, b;
	char err[256], arg[512], *text;
	int n;

	text = fuzz_text(data, size, 1024, &size);
	if (!text)
		return 0;
	n = ipconf_parse(text, &a, err, sizeof(err));
	free(text);
	if (n != 0) {
		if (!memchr(err, 0, sizeof(err)) || !err[0])
			__builtin_trap(); /* every refusal says why */
		return 0;
	}
	if (!memchr(a.hostname, 0, sizeof(a.hostname)) ||
	    !memchr(a.device, 0, sizeof(a.device)))
		__builtin_trap();
	ipconf_all_devices(&a);
	ipconf_format(&a, NULL, arg, 12); /* truncated */
	n = ipconf_format(&a, NULL, arg, sizeof(arg));
	if (n < 0 || strncmp(arg, "ip=", 3))
		__builtin_trap(); /* every field fits in 512 */
	if (ipconf_parse(arg + 3, &b, err, sizeof(err)) != 0) {
		fprintf(stderr, "argument '%s' does not parse: %s\n", arg, err);
		__builtin_trap();
	}
	if (memcmp(&a, &b, sizeof(a))) {
		fprintf(stderr, "argument '%s' parses differently\n", arg);
		__builtin_trap();
	}
	return 0;
}
