/* test_mountroot.c - rootfstype= lists */
#include "mountroot.h"
#include "t.h"

int main(void)
{
	char t[8];
	const char *p = "ext4,,xfs,verylongname";

	p = fstype_next(p, t, sizeof(t));
	T_STREQ(t, "ext4", "first type");
	p = fstype_next(p, t, sizeof(t));
	T_STREQ(t, "xfs", "empty item skipped");
	p = fstype_next(p, t, sizeof(t));
	T_STREQ(t, "verylon", "long type cut to the buffer");
	T_OK(fstype_next(p, t, sizeof(t)) == NULL, "end of list");
	T_OK(fstype_next("", t, sizeof(t)) == NULL, "empty list");
	T_OK(fstype_next(NULL, t, sizeof(t)) == NULL, "no list");
	T_DONE();
}
