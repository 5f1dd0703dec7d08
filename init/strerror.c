/* strerror.c - strerror for the klibc build, from a packed table
 *
 * klibc's sys_errlist is an array of 134 pointers to the texts: 1 KB of
 * pointers in a 80 KB binary. The same texts, made the same way from the
 * kernel's errno headers (init/errtab.awk), as one string walked from the
 * start (strtab.c): strerror runs when a message is printed, not in a
 * loop.
 */
#include <stdio.h>
#include <string.h>

#include "errtab.h"
#include "strerror.h"
#include "strtab.h"

const char *errno_text(int e)
{
	return strtab_nth(errtab, sizeof(errtab), e);
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
