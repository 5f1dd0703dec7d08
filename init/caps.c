/* caps.c - drop capabilities by name (run-init -d, switch-root -d) */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#ifndef NEWROOT_KLIBC
#include <strings.h>
#endif
#include <sys/prctl.h>
#include <unistd.h>

#ifdef NEWROOT_KLIBC
#include <sys/capability.h>
#else
#include <linux/capability.h>
#include <sys/syscall.h>
#endif

#include "caps.h"
#include "log.h"
#include "strtab.h"

#ifndef PR_CAPBSET_READ
#define PR_CAPBSET_READ 23
#endif
#ifndef PR_CAPBSET_DROP
#define PR_CAPBSET_DROP 24
#endif

/* In the kernel's order: index = capability number; one packed string
 * (strtab.h). */
static const char cap_names[] = "chown\0"
				"dac_override\0"
				"dac_read_search\0"
				"fowner\0"
				"fsetid\0"
				"kill\0"
				"setgid\0"
				"setuid\0"
				"setpcap\0"
				"linux_immutable\0"
				"net_bind_service\0"
				"net_broadcast\0"
				"net_admin\0"
				"net_raw\0"
				"ipc_lock\0"
				"ipc_owner\0"
				"sys_module\0"
				"sys_rawio\0"
				"sys_chroot\0"
				"sys_ptrace\0"
				"sys_pacct\0"
				"sys_admin\0"
				"sys_boot\0"
				"sys_nice\0"
				"sys_resource\0"
				"sys_time\0"
				"sys_tty_config\0"
				"mknod\0"
				"lease\0"
				"audit_write\0"
				"audit_control\0"
				"setfcap\0"
				"mac_override\0"
				"mac_admin\0"
				"syslog\0"
				"wake_alarm\0"
				"block_suspend\0"
				"audit_read\0"
				"perfmon\0"
				"bpf\0"
				"checkpoint_restore\0";

int cap_from_name(const char *name)
{
	if (!strncasecmp(name, "cap_", 4))
		name += 4;
	return strtab_find(cap_names, sizeof(cap_names), name);
}

const char *cap_name(int cap)
{
	static char buf[32];
	const char *s = strtab_nth(cap_names, sizeof(cap_names), cap);
	int i;

	if (!s)
		return NULL;
	strcpy(buf, "CAP_");
	for (i = 0; s[i] && i < 27; i++)
		buf[4 + i] = toupper((unsigned char)s[i]);
	buf[4 + i] = '\0';
	return buf;
}

int caps_parse(const char *list, uint64_t *mask, char *bad, size_t badlen)
{
	const char *p = list, *end;
	char word[40];
	size_t n;
	int cap;

	*mask = 0;
	if (bad && badlen)
		bad[0] = '\0';
	while (p && *p) {
		end = strchr(p, ',');
		n = end ? (size_t)(end - p) : strlen(p);
		if (n == 0 || n >= sizeof(word)) {
			cap = -1;
		} else {
			memcpy(word, p, n);
			word[n] = '\0';
			cap = cap_from_name(word);
		}
		if (cap < 0) {
			if (bad && badlen)
				snprintf(bad, badlen, "%.*s", (int)n, p);
			return -EINVAL;
		}
		*mask |= (uint64_t)1 << cap;
		p = end ? end + 1 : NULL;
	}
	return 0;
}

int caps_umh_update(int dirfd, const char *file, uint64_t mask)
{
	char buf[64];
	unsigned long lo, hi;
	char *end;
	ssize_t n;
	int fd, len, err = 0;

	fd = openat(dirfd, file, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	if (n <= 0) {
		err = n < 0 ? -errno : -EIO;
		goto out;
	}
	buf[n] = '\0';
	lo = strtoul(buf, &end, 10);
	hi = strtoul(end, &end, 10);
	while (*end == '\n' || *end == ' ' || *end == '\t')
		end++;
	if (*end) {
		err = -EINVAL;
		goto out;
	}
	lo &= ~(unsigned long)(uint32_t)mask;
	hi &= ~(unsigned long)(uint32_t)(mask >> 32);
	len = snprintf(buf, sizeof(buf), "%lu %lu\n", lo, hi);
	if (lseek(fd, 0, SEEK_SET) < 0 || write(fd, buf, len) != len)
		err = -errno;
out:
	close(fd);
	return err;
}

/* capget (set = 0) or capset (set = 1): glibc and musl declare neither. */
static int cap_call(int set, struct __user_cap_header_struct *h,
		    struct __user_cap_data_struct *d)
{
#ifdef NEWROOT_KLIBC
	return set ? capset(h, d) : capget(h, d);
#else
	return syscall(set ? SYS_capset : SYS_capget, h, d);
#endif
}

int caps_drop(uint64_t mask, const char *umh_dir)
{
	static const char *const umh_files[] = { "bset", "inheritable" };
	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	int cap, dirfd, i, err;

	if (!mask)
		return 0;
	/* The kernel's helpers (modprobe, hotplug) are spawned with these
	 * sets: without this a dropped capability comes back through them. */
	dirfd = open(umh_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		err = -errno;
		log_err("dropping capabilities: %s: %s (is /proc mounted?)",
			umh_dir, strerror(-err));
		return err;
	}
	for (i = 0; i < 2; i++) {
		err = caps_umh_update(dirfd, umh_files[i], mask);
		if (err < 0) {
			log_err("dropping capabilities: %s/%s: %s", umh_dir,
				umh_files[i], strerror(-err));
			close(dirfd);
			return err;
		}
	}
	close(dirfd);
	for (cap = 0; cap < 64; cap++) {
		if (!(mask & ((uint64_t)1 << cap)))
			continue;
		/* Not in the set (or unknown to this kernel): nothing to drop. */
		if (prctl(PR_CAPBSET_READ, cap, 0, 0, 0) != 1)
			continue;
		if (prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) < 0) {
			err = -errno;
			log_err("dropping %s from the bounding set: %s",
				cap_name(cap), strerror(-err));
			return err;
		}
	}
	if (cap_call(0, &h, d) < 0) {
		err = -errno;
		log_err("dropping capabilities: capget: %s", strerror(-err));
		return err;
	}
	d[0].inheritable &= ~(uint32_t)mask;
	d[1].inheritable &= ~(uint32_t)(mask >> 32);
	h.version = _LINUX_CAPABILITY_VERSION_3;
	h.pid = 0;
	if (cap_call(1, &h, d) < 0) {
		err = -errno;
		log_err("dropping capabilities from the inheritable set: %s",
			strerror(-err));
		return err;
	}
	for (cap = 0; cap < 64; cap++)
		if (mask & ((uint64_t)1 << cap))
			log_info("dropped capability %s", cap_name(cap));
	return 0;
}
