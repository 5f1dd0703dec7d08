/* test_report.c - the boot report's two forms */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "report.h"
#include "t.h"

/* /run/initramfs and its link to the report, in a scratch root. */
static void test_link(void)
{
	char tmp[] = "/tmp/test_report.XXXXXX", buf[64], cmd[64];
	struct stat st;
	ssize_t n;
	int fd;

	if (!mkdtemp(tmp)) {
		T_OK(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	fd = open(tmp, O_RDONLY | O_DIRECTORY);
	T_INTEQ(report_link_at(fd), -ENOENT, "no /run: -ENOENT");
	mkdirat(fd, "run", 0755);
	T_INTEQ(report_link_at(fd), 0, "/run/initramfs made");
	T_OK(fstatat(fd, "run/initramfs", &st, 0) == 0 && S_ISDIR(st.st_mode) &&
		     (st.st_mode & 07777) == 0755,
	     "/run/initramfs is a directory, mode 0755");
	n = readlinkat(fd, "run/initramfs/newroot.report", buf,
		       sizeof(buf) - 1);
	buf[n < 0 ? 0 : n] = '\0';
	T_STREQ(buf, "../newroot/report", "newroot.report links the report");
	T_INTEQ(report_link_at(fd), 0, "made again: the link stays, 0");
	unlinkat(fd, "run/initramfs/newroot.report", 0);
	close(openat(fd, "run/initramfs/newroot.report", O_CREAT | O_WRONLY,
		     0644));
	T_INTEQ(report_link_at(fd), -EEXIST,
		"a file of the link's name: -EEXIST");
	T_OK(fstatat(fd, "run/initramfs/newroot.report", &st,
		     AT_SYMLINK_NOFOLLOW) == 0 &&
		     S_ISREG(st.st_mode),
	     "that file is left alone");
	close(fd);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmp);
	if (system(cmd) != 0)
		printf("# %s failed\n", cmd);
}

int main(void)
{
	struct boot b;
	char buf[512];
	int n;

	memset(&b, 0, sizeof(b));
	b.t_start[STAGE_TOP] = 1000;
	b.t_end[STAGE_TOP] = 1004;
	b.t_start[STAGE_MODULES] = 1004;
	b.t_end[STAGE_MODULES] = 1124;
	b.t_start[STAGE_MOUNT] = 1130;
	b.t_end[STAGE_MOUNT] = 1200;
	strcpy(b.root_dev, "/dev/sda1");
	strcpy(b.root_type, "ext4");

	report_format(&b, "pivot", 0, buf, sizeof(buf));
	T_STREQ(buf,
		"top_ms=4 modules_ms=120 premount_ms=0 mount_ms=70 "
		"bottom_ms=0 total_ms=194 root=/dev/sda1 fstype=ext4 "
		"method=pivot modules_loaded=- modules_left=-",
		"one-line report");
	n = report_format(&b, "move", 1, buf, sizeof(buf));
	T_OK(strstr(buf, "\nmethod=move\n") != NULL, "key=value report");
	T_INTEQ(n, (long long)strlen(buf), "length returned");
	n = report_format(&b, "move", 1, buf, 20);
	T_INTEQ(n, 19, "truncated to the buffer");
	T_INTEQ((long long)strlen(buf), 19, "truncated string terminated");
	test_link();
	T_DONE();
}
