/* strtab.c - tables of strings packed into one string (see strtab.h) */
#include <string.h>
#ifndef NEWROOT_KLIBC
#include <strings.h>
#endif

#include "strtab.h"

const char *strtab_nth(const char *tab, size_t size, int n)
{
	const char *s = tab, *end = tab + size - 1;

	if (n < 0)
		return NULL;
	for (; n > 0 && s < end; n--)
		s += strlen(s) + 1;
	return s < end && *s ? s : NULL;
}

int strtab_find(const char *tab, size_t size, const char *s)
{
	const char *p = tab, *end = tab + size - 1;
	int n;

	for (n = 0; p < end; n++, p += strlen(p) + 1)
		if (*p && !strcasecmp(p, s))
			return n;
	return -1;
}
