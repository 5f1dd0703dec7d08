/* caps.h - drop capabilities by name, as klibc run-init -d does */
#ifndef NEWROOT_CAPS_H
#define NEWROOT_CAPS_H

#include <stddef.h>
#include <stdint.h>

/* The capability numbered by name: "CAP_SYS_ADMIN", "cap_sys_admin" or
 * "sys_admin".  -1 when the name is unknown.  Pure. */
int cap_from_name(const char *name);

/* "CAP_SYS_ADMIN" for 21; NULL past the last one we know. */
const char *cap_name(int cap);

/* Parse a comma-separated list into a mask (bit N = capability N).  Pure.
 * Returns 0, or -EINVAL with the unknown name copied into bad. */
int caps_parse(const char *list, uint64_t *mask, char *bad, size_t badlen);

/* Clear the mask's bits in a usermodehelper file ("bset" or
 * "inheritable": two decimal 32-bit words) under dirfd.  Returns 0 or
 * -errno. */
int caps_umh_update(int dirfd, const char *file, uint64_t mask);

/*
 * Drop the mask's capabilities from the bounding set, the inheritable set
 * and the usermodehelper files under umh_dir
 * ("/proc/sys/kernel/usermodehelper"), so neither the new init nor
 * anything the kernel spawns can get them back.  Logs what failed and
 * returns 0 or -errno.
 */
int caps_drop(uint64_t mask, const char *umh_dir);

#endif
