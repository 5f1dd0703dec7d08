/* fmt.h - the printf formatting newroot uses (see fmt.c) */
#ifndef NEWROOT_FMT_H
#define NEWROOT_FMT_H

#include <stdarg.h>
#include <stddef.h>

/* vsnprintf for %s %c %d %i %u %x %X %%, flags '-' '0', width and
 * precision (number or '*'), lengths hh h l ll z j t: writes at most size
 * bytes with the NUL and returns the length the whole text would have. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
