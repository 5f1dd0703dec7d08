/* klibc_stdio.c - the klibc build starts without stdio
 *
 * klibc's start code calls __libc_init_stdio() to open stdin, stdout and
 * stderr as FILEs, and exit() flushes them: fdopen, isatty, fflush, fseek
 * and exit, 0.6 KB of the boot binary. newroot writes with write(2) and
 * writev(2) only (log.c) and never opens a FILE, so these two do nothing
 * but end the process. Should a FILE ever be used, klibc's fdopen.o comes
 * with it and the link fails on a second __libc_init_stdio: it cannot go
 * unnoticed.
 */
#ifdef NEWROOT_KLIBC
#include <stdlib.h>
#include <unistd.h>

void __libc_init_stdio(void);

void __libc_init_stdio(void)
{
}

void exit(int status)
{
	_exit(status);
}
#endif
