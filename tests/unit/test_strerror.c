/* test_strerror.c - the klibc build's errno texts: the kernel's words,
 * each at its number, none where the kernel has none */
#include <errno.h>
#include <stddef.h>

#include "strerror.h"
#include "t.h"

static const struct {
	int e;
	const char *text; /* NULL: none */
	const char *why;
} cases[] = {
	{ EPERM, "Operation not permitted", "EPERM, the first" },
	{ ENOENT, "No such file or directory", "ENOENT" },
	{ EIO, "I/O error", "EIO" },
	{ EAGAIN, "Try again", "EAGAIN, in the kernel's words" },
	{ ERANGE, "Math result not representable",
	  "ERANGE, errno-base's last" },
	{ EDEADLK, "Resource deadlock would occur",
	  "EDEADLK, errno.h's first" },
	{ ELOOP, "Too many symbolic links encountered", "ELOOP" },
	{ 41, NULL, "41 (EWOULDBLOCK is EAGAIN): none" },
	{ ENOMSG, "No message of desired type", "ENOMSG, after the gap at 41" },
	{ 58, NULL, "58 (EDEADLOCK is EDEADLK): none" },
	{ EBFONT, "Bad font file format", "EBFONT, after the gap at 58" },
	{ EUCLEAN, "Structure needs cleaning", "EUCLEAN" },
	{ EHWPOISON, "Memory page has hardware error", "EHWPOISON, the last" },
	{ EHWPOISON + 1, NULL, "none past the last" },
	{ 100000, NULL, "none far past the last" },
	{ 0, NULL, "none for 0" },
	{ -ENOENT, NULL, "none for a negative number" },
};

int main(void)
{
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		T_STREQ(errno_text(cases[i].e), cases[i].text, "%s",
			cases[i].why);
	T_DONE();
}
