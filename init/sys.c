/* sys.c - system calls that klibc, musl and glibc wrap differently */
#include <errno.h>
#include <time.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef NEWROOT_KLIBC
#include <sys/syscall.h>
#endif

#include "sys.h"

#ifdef NEWROOT_KLIBC
/* klibc wraps these calls itself and has no syscall(). */
extern int finit_module(int, const char *, int);
extern int init_module(void *, unsigned long, const char *);

int sys_pivot_root(const char *new_root, const char *put_old)
{
	return pivot_root(new_root, put_old) < 0 ? -errno : 0;
}

int sys_finit_module(int fd, const char *params, int flags)
{
	return finit_module(fd, params, flags) < 0 ? -errno : 0;
}

int sys_init_module(const void *image, size_t len, const char *params)
{
	return init_module((void *)image, len, params) < 0 ? -errno : 0;
}

uint64_t sys_now_ms(void)
{
	/* klibc has no clock_gettime; the wall clock does not jump in an
	 * initramfs that never sets it. */
	struct timeval tv;

	gettimeofday(&tv, NULL);
	return (uint64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}
#else
int sys_pivot_root(const char *new_root, const char *put_old)
{
	return syscall(SYS_pivot_root, new_root, put_old) < 0 ? -errno : 0;
}

int sys_finit_module(int fd, const char *params, int flags)
{
	return syscall(SYS_finit_module, fd, params, flags) < 0 ? -errno : 0;
}

int sys_init_module(const void *image, size_t len, const char *params)
{
	return syscall(SYS_init_module, image, len, params) < 0 ? -errno : 0;
}

uint64_t sys_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}
#endif

static int do_reboot(int cmd)
{
	sync();
#ifdef NEWROOT_KLIBC
	return reboot(cmd, NULL) < 0 ? -errno : 0;
#else
	return reboot(cmd) < 0 ? -errno : 0;
#endif
}

int sys_reboot(void)
{
	return do_reboot(RB_AUTOBOOT);
}

int sys_halt(void)
{
	return do_reboot(RB_HALT_SYSTEM);
}

void sys_sleep_ms(unsigned ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

int sys_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = write(fd, p, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}
