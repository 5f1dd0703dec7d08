/* t.h - the smallest test harness: each check prints "ok NAME" or
 * "not ok NAME" and tests/run.sh counts them. */
#ifndef NEWROOT_T_H
#define NEWROOT_T_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int t_failed;

#define T_OK(cond, ...)                                                     \
	do {                                                                \
		if (cond) {                                                 \
			printf("ok ");                                      \
		} else {                                                    \
			printf("not ok ");                                  \
			t_failed++;                                         \
		}                                                           \
		printf(__VA_ARGS__);                                        \
		if (!(cond))                                                \
			printf("  [%s:%d: %s]", __FILE__, __LINE__, #cond); \
		printf("\n");                                               \
	} while (0)

#define T_STREQ(got, want, ...)                                        \
	do {                                                           \
		const char *t_g_ = (got), *t_w_ = (want);              \
		int t_ok_ = (!t_g_ && !t_w_) ||                        \
			    (t_g_ && t_w_ && strcmp(t_g_, t_w_) == 0); \
		T_OK(t_ok_, __VA_ARGS__);                              \
		if (!t_ok_)                                            \
			printf("#   got '%s', want '%s'\n",            \
			       t_g_ ? t_g_ : "(null)",                 \
			       t_w_ ? t_w_ : "(null)");                \
	} while (0)

#define T_INTEQ(got, want, ...)                                          \
	do {                                                             \
		long long t_g_ = (got), t_w_ = (want);                   \
		T_OK(t_g_ == t_w_, __VA_ARGS__);                         \
		if (t_g_ != t_w_)                                        \
			printf("#   got %lld, want %lld\n", t_g_, t_w_); \
	} while (0)

#define T_DONE() return t_failed ? 1 : 0

/* The file name of what fd has open (the loaders the module tests put
 * in place of finit_module), into path; NULL when it cannot be read. */
static inline const char *t_fd_base(int fd, char *path, size_t size)
{
	char link[64];
	ssize_t n;

	snprintf(link, sizeof(link), "/proc/self/fd/%d", fd);
	n = readlink(link, path, size - 1);
	if (n < 0)
		return NULL;
	path[n] = '\0';
	return strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
}

#endif
