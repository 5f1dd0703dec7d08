/* fuzz_uevent.c - libFuzzer harness over uevent_parse(), one netlink
 * message as uevent_recv() hands it over (a buffer one byte longer than
 * the message: the parser terminates it there). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzztext.h"
#include "uevent.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_in(const char *buf, size_t len, const char *p)
{
	if (p && (p < buf || p >= buf + len ||
		  !memchr(p, 0, (size_t)(buf + len - p))))
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct uevent ev;
	char *buf;

	if (size > 8192) /* uevent_recv's buffer */
		return 0;
	buf = fuzz_text(data, size, size, NULL);
	if (!buf)
		return 0;
	if (uevent_parse(buf, size + 1, &ev) == 0) {
		check_in(buf, size + 1, ev.action);
		check_in(buf, size + 1, ev.devpath);
		check_in(buf, size + 1, ev.subsystem);
		check_in(buf, size + 1, ev.devname);
		check_in(buf, size + 1, ev.devtype);
		check_in(buf, size + 1, ev.modalias);
	}
	free(buf);
	return 0;
}
