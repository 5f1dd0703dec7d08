/* fuzztext.h - the fuzzer's bytes as the text a parser takes */
#ifndef NEWROOT_FUZZTEXT_H
#define NEWROOT_FUZZTEXT_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A copy of at most max bytes of data, with a NUL after them (the
 * parsers write there); NULL when out of memory.  *len gets the length. */
static inline char *fuzz_text(const uint8_t *data, size_t size, size_t max,
			      size_t *len)
{
	char *s;

	if (size > max)
		size = max;
	s = malloc(size + 1);
	if (!s)
		return NULL;
	memcpy(s, data, size);
	s[size] = '\0';
	if (len)
		*len = size;
	return s;
}

#endif
