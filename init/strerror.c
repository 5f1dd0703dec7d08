/* strerror.c - strerror for the klibc build, from a packed table
 *
 * klibc's sys_errlist is an array of 134 pointers to the texts: 1 KB of
 * pointers in a 80 KB binary. The same texts, made the same way from the
 * kernel's errno headers (init/errtab.awk), as one string walked from the
 * start: strerror runs when a message is printed, not in a loop.
 */
#include <stdio.h>
#include <string.h>

#include "errtab.h"
#include "strerror.h"

const char *errno_text(int e)
{
	const char *s = errtab;

	if (e <= 0)
		return NULL;
	while (e--) {
		s += strlen(s) + 1;
		if (s >= errtab + sizeof(errtab) - 1)
			return NULL;
	}
	return *s ? s : NULL;
}

#ifdef NEWROOT_KLIBC
/* klibc's own words for an errno without a text: "error N". */
char *strerror(int e)
{
	static char unknown[sizeof("error -2147483648")];
	const char *s = errno_text(e);

	if (s)
		return (char *)s;
	snprintf(unknown, sizeof(unknown), "error %d", e);
	return unknown;
}
#endif
