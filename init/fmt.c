/* fmt.c - the printf formatting newroot uses, and no more
 *
 * klibc's vsnprintf carries every conversion C knows (floats aside), 2.9 KB
 * of the boot binary. newroot's messages use %s %c %d %i %u %x %X with the
 * flags '-' and '0', a width and a precision (each a number or '*') and
 * the length modifiers hh h l ll z j t; this is that, a third of the size.
 * The klibc build takes it as its vsnprintf and snprintf (the link then
 * leaves klibc's out); the other builds keep their libc's. Pure: the unit
 * test compares it with the host's vsnprintf case by case.
 */
#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>

#include "fmt.h"

struct out {
	char *buf;
	size_t size; /* of buf */
	size_t len; /* would-be length: counts what did not fit too */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_n(struct out *o, char c, int n)
{
	while (n-- > 0)
		put(o, c);
}

int fmt_vsnprintf(char *buf, size_t size, const char *f, va_list ap)
{
	struct out o = { buf, size, 0 };

	for (; *f; f++) {
		char tmp[24], *s, *e = tmp + sizeof(tmp), sign = 0, c;
		int left = 0, zero = 0, width = 0, prec = -1, lng = 0, n;
		unsigned long long v;

		if (*f != '%') {
			put(&o, *f);
			continue;
		}
		for (;; f++) {
			if (f[1] == '-')
				left = 1;
			else if (f[1] == '0')
				zero = 1;
			else
				break;
		}
		if (*++f == '*') {
			width = va_arg(ap, int);
			if (width < 0) {
				left = 1;
				width = -width;
			}
			f++;
		}
		for (; *f >= '0' && *f <= '9'; f++)
			width = width * 10 + *f - '0';
		if (*f == '.') {
			prec = 0;
			if (*++f == '*') {
				prec = va_arg(ap, int);
				if (prec < 0)
					prec = -1;
				f++;
			}
			for (; *f >= '0' && *f <= '9'; f++)
				prec = prec * 10 + *f - '0';
		}
		for (; *f == 'h' || *f == 'l' || *f == 'z' || *f == 'j' ||
		       *f == 't';
		     f++)
			lng += *f == 'h' ? -1 : 2;
		c = *f;
		s = e;
		if (c == 's') {
			s = va_arg(ap, char *);
			if (!s)
				s = "(null)";
			for (e = s; (prec < 0 || e - s < prec) && *e; e++)
				;
			prec = -1;
			zero = 0;
		} else if (c == 'c') {
			*--s = (char)va_arg(ap, int);
			zero = 0;
		} else if (c == 'd' || c == 'i' || c == 'u' || c == 'x' ||
			   c == 'X') {
			int base = c == 'x' || c == 'X' ? 16 : 10;

			if (lng > 0)
				v = va_arg(ap, unsigned long long);
			else
				v = va_arg(ap, unsigned int);
			if (c == 'd' || c == 'i') {
				long long sv = lng > 0	   ? (long long)v
					       : lng == -1 ? (short)v
					       : lng < -1  ? (signed char)v
							   : (int)v;

				v = sv;
				if (sv < 0) {
					sign = '-';
					v = -v;
				}
			} else if (lng == -1) {
				v = (unsigned short)v;
			} else if (lng < -1) {
				v = (unsigned char)v;
			}
			for (; v || (s == e && prec != 0); v /= base) {
				char d = "0123456789abcdef"[v % base];

				*--s = c == 'X' && d > '9' ? d - 32 : d;
			}
			if (prec >= 0)
				zero = 0;
		} else {
			/* "%%", or a conversion newroot does not use: as is. */
			if (c != '%')
				put(&o, '%');
			if (!c)
				break;
			put(&o, c);
			continue;
		}
		/* [spaces][sign][zeros][digits or text][spaces] */
		n = (int)(e - s);
		prec = prec > n ? prec - n : 0;
		width -= n + prec + (sign != 0);
		if (!left && !zero)
			put_n(&o, ' ', width);
		if (sign)
			put(&o, sign);
		put_n(&o, '0', zero && !left ? width : 0);
		put_n(&o, '0', prec);
		while (s < e)
			put(&o, *s++);
		if (left)
			put_n(&o, ' ', width);
	}
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int fmt_snprintf(char *buf, size_t size, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = fmt_vsnprintf(buf, size, f, ap);
	va_end(ap);
	return n;
}

#ifdef NEWROOT_KLIBC
int vsnprintf(char *buf, size_t size, const char *f, va_list ap)
{
	return fmt_vsnprintf(buf, size, f, ap);
}

int snprintf(char *buf, size_t size, const char *f, ...)
	__attribute__((alias("fmt_snprintf")));
#endif
