/* strtab.h - tables of strings packed into one string */
#ifndef NEWROOT_STRTAB_H
#define NEWROOT_STRTAB_H

#include <stddef.h>

/*
 * A table "first\0second\0...\0last\0" (a C string literal of them, so
 * size is sizeof the literal, its final NUL included): no pointer per
 * entry, 8 bytes less each in the boot binary.  strtab_nth returns entry
 * n, or NULL when n is negative, past the end or the entry is empty;
 * strtab_find the number of the entry equal to s ignoring case, or -1.
 */
const char *strtab_nth(const char *tab, size_t size, int n);
int strtab_find(const char *tab, size_t size, const char *s);

#endif
