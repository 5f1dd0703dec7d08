/* fuzz_cli.c - libFuzzer harness over the switch's option parser,
 * cli_parse_switch(), for each of its three syntaxes, and the -d list of
 * capability names it hands to caps_parse().  The input is the argv: the
 * first byte picks the applet, the rest is split on NUL into words. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "caps.h"
#include "cli.h"
#include "fuzztext.h"

#define MAX_ARGS 64

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { "newroot", "run-init",
					     "switch_root" };
	char *argv[MAX_ARGS + 1], *buf, *p, *end, err[256], bad[64];
	struct switch_opts o;
	uint64_t mask;
	int argc = 1, applet, r;

	if (size < 1 || size > 4096)
		return 0;
	applet = data[0] % 3; /* enum cli_applet */
	buf = fuzz_text(data + 1, size - 1, size - 1, NULL);
	if (!buf)
		return 0;
	argv[0] = (char *)names[applet];
	end = buf + size - 1;
	for (p = buf; p < end && argc < MAX_ARGS; p += strlen(p) + 1)
		argv[argc++] = p;
	argv[argc] = NULL;

	r = cli_parse_switch(argc, argv, applet, &o, err, sizeof(err));
	if (r == CLI_USAGE && (!memchr(err, 0, sizeof(err)) || !err[0]))
		__builtin_trap(); /* bad usage says why */
	if (r == CLI_RUN) {
		/* NEWROOT, INIT and the init's argv come from argv */
		if (!o.newroot || !o.init || !o.argv || o.argv[0] != o.init)
			__builtin_trap();
		if (o.drop_caps)
			caps_parse(o.drop_caps, &mask, bad, sizeof(bad));
	}
	cli_exit_code(applet, r, r == CLI_RUN ? -1 : 0);
	free(buf);
	return 0;
}
