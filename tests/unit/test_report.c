/* test_report.c - the boot report's two forms */
#include "report.h"
#include "t.h"

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
		"method=pivot",
		"one-line report");
	n = report_format(&b, "move", 1, buf, sizeof(buf));
	T_OK(strstr(buf, "\nmethod=move\n") != NULL, "key=value report");
	T_INTEQ(n, (long long)strlen(buf), "length returned");
	n = report_format(&b, "move", 1, buf, 20);
	T_INTEQ(n, 19, "truncated to the buffer");
	T_INTEQ((long long)strlen(buf), 19, "truncated string terminated");
	T_DONE();
}
