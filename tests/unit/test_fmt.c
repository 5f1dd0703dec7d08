/* test_fmt.c - newroot's own vsnprintf (the klibc build's) writes what
 * the host's does, for every form newroot's messages use */
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "t.h"

/* Cutting the text short is what the cases test. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

/* The whole text, then cut at 0, 1, 4 and 9 bytes: the text, the return
 * value and the bytes after the cut (left alone) as the host's. */
#define SAME(...)                                                            \
	do {                                                                 \
		static const size_t sizes[] = { 64, 0, 1, 4, 9 };            \
		char a[64], b[64];                                           \
		int na, nb, i, same = 1;                                     \
		for (i = 0; i < 5; i++) {                                    \
			memset(a, 'x', sizeof(a));                           \
			memset(b, 'x', sizeof(b));                           \
			na = fmt_snprintf(a, sizes[i], __VA_ARGS__);         \
			nb = snprintf(b, sizes[i], __VA_ARGS__);             \
			if (na != nb || memcmp(a, b, sizeof(a)))             \
				same = 0;                                    \
		}                                                            \
		fmt_snprintf(a, sizeof(a), __VA_ARGS__);                     \
		snprintf(b, sizeof(b), __VA_ARGS__);                         \
		T_OK(same, "%s as the host's: '%s'", #__VA_ARGS__, b);       \
		if (!same)                                                   \
			printf("#   got '%s' (%d), want '%s' (%d)\n", a, na, \
			       b, nb);                                       \
	} while (0)

int main(void)
{
	const char *volatile null = NULL; /* unseen by -Wformat */

	SAME("plain text");
	SAME("%s", "");
	SAME("a %s b %s c", "one", "two");
	SAME("[%5s][%-5s][%.2s][%.*s][%*s]", "ab", "ab", "abcd", 3, "abcdef",
	     -4, "x");
	SAME("[%.0s][%3.1s]", "abc", "abc");
	SAME("%s", null);
	SAME("%c%c%c", 'a', 0x7f, '-');
	SAME("[%3c][%-3c]", 'a', 'b');
	SAME("%d %d %d %i", 0, 1, -1, 42);
	SAME("%d %d", INT_MAX, INT_MIN);
	SAME("%ld %ld %lld %lld", LONG_MAX, LONG_MIN, LLONG_MAX, LLONG_MIN);
	SAME("%u %u %lu %llu %zu", 0u, UINT_MAX, ULONG_MAX, ULLONG_MAX,
	     (size_t)12345);
	SAME("%x %X %lx %llx", 0xdeadbeefu, 0xabcdefu, 0x123456789abcul,
	     0xffffffffffffffffull);
	SAME("%02x:%02X %08x-%02x", 5u, 0xabu, 0x1234u, 0x1ffu);
	SAME("[%5d][%-5d][%05d][%-5d]", 42, 42, -42, -42);
	SAME("[%.3d][%.0d][%.0d][%6.3d][%-6.3d]", 7, 0, 3, -7, 7);
	SAME("[%*d][%-*d][%0*d]", 4, 1, 4, 2, 4, -3);
	SAME("%hd %hu %hhd %hhu %hhx", (short)-2, (unsigned short)65535,
	     (signed char)-3, (unsigned char)250, (unsigned char)0xab);
	SAME("%jd %td", (intmax_t)-9, (ptrdiff_t)-10);
	SAME("100%% %s%%", "done");
	SAME("%d%s%u%c", -1, "·", 2u, '!');
	SAME("a long line that is cut in every smaller buffer: %s %d",
	     "and a word", 12345);
	T_DONE();
}
