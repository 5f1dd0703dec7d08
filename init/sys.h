/* sys.h - the few system calls the C libraries disagree about */
#ifndef NEWROOT_SYS_H
#define NEWROOT_SYS_H

#include <stddef.h>
#include <stdint.h>

/* Each returns 0 or -errno. */
int sys_pivot_root(const char *new_root, const char *put_old);
int sys_finit_module(int fd, const char *params, int flags);
int sys_init_module(const void *image, size_t len, const char *params);

/* Milliseconds since an arbitrary point; only differences mean anything. */
uint64_t sys_now_ms(void);

/* Restart the machine now (after sync); returns only on failure. */
int sys_reboot(void);

/* Stop the machine now (after sync), as halt -f: it does not restart;
 * returns only on failure. */
int sys_halt(void);

/* Sleep for ms milliseconds (restarts after signals). */
void sys_sleep_ms(unsigned ms);
/* write all n bytes (EINTR retried); 0, or -1 when the fd failed */
int sys_write_all(int fd, const void *p, size_t n);

#ifndef MODULE_INIT_IGNORE_MODVERSIONS
#define MODULE_INIT_IGNORE_MODVERSIONS 1
#endif
#ifndef MODULE_INIT_IGNORE_VERMAGIC
#define MODULE_INIT_IGNORE_VERMAGIC 2
#endif
#ifndef MODULE_INIT_COMPRESSED_FILE
#define MODULE_INIT_COMPRESSED_FILE 4
#endif

#endif
