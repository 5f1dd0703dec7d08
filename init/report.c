/* report.c - the boot report */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "report.h"
#include "sys.h"

static int add(char *buf, size_t size, int n, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int add(char *buf, size_t size, int n, const char *fmt, ...)
{
	va_list ap;
	int m;

	if ((size_t)n >= size)
		return n;
	va_start(ap, fmt);
	m = vsnprintf(buf + n, size - n, fmt, ap);
	va_end(ap);
	if (m < 0)
		return n;
	return (size_t)(n + m) >= size ? (int)size - 1 : n + m;
}

int report_format(const struct boot *b, const char *method, int kv, char *buf,
		  size_t size)
{
	const char *sep = kv ? "\n" : " ";
	char mods[REPORT_LIST_MAX];
	int n = 0, s;
	uint64_t total = 0;

	if (!size)
		return 0;
	buf[0] = '\0';
	for (s = STAGE_TOP; s < STAGE_INIT; s++) {
		uint64_t ms = 0;

		if (b->t_end[s] >= b->t_start[s] && b->t_start[s])
			ms = b->t_end[s] - b->t_start[s];
		total += ms;
		n = add(buf, size, n, "%s%s_ms=%llu", n ? sep : "",
			stage_name(s), (unsigned long long)ms);
	}
	n = add(buf, size, n, "%stotal_ms=%llu", sep,
		(unsigned long long)total);
	n = add(buf, size, n, "%sroot=%s%sfstype=%s%smethod=%s", sep,
		b->root_dev[0] ? b->root_dev : "-", sep,
		b->root_type[0] ? b->root_type : "-", sep,
		method ? method : "-");
	/* Which drivers we loaded, and which the devices still queued
	 * would load: the real system's udev loads those. */
	modules_loaded(&b->mods, mods, sizeof(mods));
	n = add(buf, size, n, "%smodules_loaded=%s", sep, mods[0] ? mods : "-");
	modules_left(&b->mods, mods, sizeof(mods));
	n = add(buf, size, n, "%smodules_left=%s", sep, mods[0] ? mods : "-");
	if (kv)
		n = add(buf, size, n, "\n");
	return n;
}

int report_link_at(int rootfd)
{
	const char *dir = &INITRAMFS_DIR[1], *link = &INITRAMFS_REPORT[1];
	/* Relative, so it points at the report in whichever root it is
	 * read from. */
	const char *target = "../newroot/report";
	char old[64];
	ssize_t n;

	if (mkdirat(rootfd, dir, 0755) < 0 && errno != EEXIST)
		return -errno;
	if (symlinkat(target, rootfd, link) == 0)
		return 0;
	if (errno != EEXIST)
		return -errno;
	/* Ours from an earlier switch (a hook run twice) stays; anything
	 * else of that name is not ours to replace. */
	n = readlinkat(rootfd, link, old, sizeof(old) - 1);
	if (n < 0)
		return errno == EINVAL ? -EEXIST : -errno;
	old[n] = '\0';
	return strcmp(old, target) ? -EEXIST : 0;
}

void report_write(struct boot *b, const char *method)
{
	char line[2 * REPORT_LIST_MAX + 512];
	int fd, n;
	struct rusage ru;
	long rss;

	b->t_end[STAGE_BOTTOM] = sys_now_ms();
	/* Our peak resident memory (KiB), which make bench reports. */
	rss = getrusage(RUSAGE_SELF, &ru) ? -1 : (long)ru.ru_maxrss;
	n = report_format(b, method, 0, line, sizeof(line));
	n = add(line, sizeof(line), n, " peak_rss_kb=%ld", rss);
	log_info("boot report: %s", line);

	/* The initramfs's directory for the real system (systemd's
	 * shutdown and fsck's log look there), before the report, so a
	 * report that cannot be written does not take it away. */
	fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	n = fd < 0 ? -errno : report_link_at(fd);
	if (fd >= 0)
		close(fd);
	if (n < 0)
		log_warn("unable to make %s: %s (the boot goes on)",
			 INITRAMFS_REPORT, strerror(-n));

	n = report_format(b, method, 1, line, sizeof(line));
	n = add(line, sizeof(line), n, "peak_rss_kb=%ld\n", rss);
	if (mkdir(NEWROOT_REPORT_DIR, 0755) < 0 && errno != EEXIST)
		goto fail;
	fd = open(NEWROOT_REPORT, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC,
		  0644);
	if (fd < 0)
		goto fail;
	if (write(fd, line, n) != n) {
		close(fd);
		goto fail;
	}
	close(fd);
	return;
fail:
	log_warn("unable to write %s: %s (the boot goes on)", NEWROOT_REPORT,
		 strerror(errno));
}
