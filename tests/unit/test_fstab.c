/* test_fstab.c - the /usr line of an fstab, and its options */
#include <errno.h>
#include <sys/mount.h>

#include "fstab.h"
#include "t.h"

#ifndef MS_RELATIME
#define MS_RELATIME (1UL << 21)
#endif

/* A spec longer than FSTAB_FIELD_MAX (265 bytes). */
#define X20 "xxxxxxxxxxxxxxxxxxxx"
#define LONG_DEV "/dev/" X20 X20 X20 X20 X20 X20 X20 X20 X20 X20 X20 X20 X20

static const struct {
	const char *name, *fstab;
	int ret;
	const char *spec, *type, *opts;
	int line;
} finds[] = {
	{ "plain line", "UUID=ab /usr ext4 defaults 0 2\n", 0, "UUID=ab",
	  "ext4", "defaults", 1 },
	{ "comments, blank lines, other mounts first",
	  "# /etc/fstab\n\n/dev/vda1 / ext4 rw 0 1\n  \t\n"
	  "LABEL=usr\t/usr\txfs\tro,noatime\t0\t2\n",
	  0, "LABEL=usr", "xfs", "ro,noatime", 5 },
	{ "no /usr line", "/dev/vda1 / ext4 defaults 0 1\n", -ENOENT, NULL,
	  NULL, NULL, 0 },
	{ "empty file", "", -ENOENT, NULL, NULL, NULL, 0 },
	{ "commented out", "#UUID=ab /usr ext4 defaults 0 2\n", -ENOENT, NULL,
	  NULL, NULL, 0 },
	{ "/usr/ is /usr", "/dev/vdb1 /usr/ ext4 defaults\n", 0, "/dev/vdb1",
	  "ext4", "defaults", 1 },
	{ "/usr/local is not /usr", "/dev/vdb1 /usr/local ext4 defaults\n",
	  -ENOENT, NULL, NULL, NULL, 0 },
	{ "/usrx is not /usr", "/dev/vdb1 /usrx ext4 defaults\n", -ENOENT, NULL,
	  NULL, NULL, 0 },
	{ "type and options absent", "PARTUUID=1234-02 /usr", 0,
	  "PARTUUID=1234-02", "auto", "defaults", 1 },
	{ "no newline at the end, CRLF before",
	  "/dev/a / ext4 rw\r\n/dev/b /usr ext2 rw", 0, "/dev/b", "ext2", "rw",
	  2 },
	{ "the first of two /usr lines",
	  "/dev/b /usr ext4 rw\n/dev/c /usr xfs ro\n", 0, "/dev/b", "ext4",
	  "rw", 1 },
	{ "\\040 in a label", "LABEL=my\\040usr /usr ext4 defaults\n", 0,
	  "LABEL=my usr", "ext4", "defaults", 1 },
	{ "a line with one field", "/dev/b\n/dev/c /usr xfs\n", 0, "/dev/c",
	  "xfs", "defaults", 2 },
	{ "a long spec on another line is skipped",
	  LONG_DEV " /srv ext4\n"
		   "/dev/c /usr xfs\n",
	  0, "/dev/c", "xfs", "defaults", 2 },
	{ "a long spec on the /usr line", LONG_DEV " /usr ext4\n",
	  -ENAMETOOLONG, NULL, NULL, NULL, 0 },
};

static const struct {
	const char *opts;
	int ret;
	int ro, nofail;
	unsigned long flags;
	const char *data;
} optcases[] = {
	{ "defaults", 0, 0, 0, 0, "" },
	{ "ro", 0, 1, 0, 0, "" },
	{ "ro,rw", 0, 0, 0, 0, "" },
	{ "rw,ro", 0, 1, 0, 0, "" },
	{ "defaults,ro", 0, 1, 0, 0, "" },
	{ "nosuid,nodev,noatime", 0, 0, 0, MS_NOSUID | MS_NODEV | MS_NOATIME,
	  "" },
	{ "noexec,exec", 0, 0, 0, 0, "" },
	{ "errors=remount-ro", 0, 0, 0, 0, "errors=remount-ro" },
	{ "noauto,nofail,x-systemd.device-timeout=5,_netdev,user,comment=x", 0,
	  0, 1, 0, "" },
	{ "ro,data=ordered,,commit=30,relatime", 0, 1, 0, MS_RELATIME,
	  "data=ordered,commit=30" },
	{ "subvol=@usr,compress=zstd", 0, 0, 0, 0,
	  "subvol=@usr,compress=zstd" },
};

/* fsck's pass, the sixth field: a /usr with 0 or none is not checked. */
static const struct {
	const char *fstab;
	int pass;
} passes[] = {
	{ "UUID=ab /usr ext4 defaults 0 2\n", 2 },
	{ "UUID=ab /usr ext4 defaults 0 0\n", 0 },
	{ "UUID=ab\t/usr\text4\tdefaults\t1\t1", 1 },
	{ "UUID=ab /usr ext4 defaults 0\n", 0 },
	{ "UUID=ab /usr ext4 defaults\n", 0 },
	{ "UUID=ab /usr ext4\n", 0 },
	{ "UUID=ab /usr\n", 0 },
	{ "UUID=ab /usr ext4 defaults 0 2x\n", 0 },
	{ "UUID=ab /usr ext4 defaults 0 2 extra\n", 2 },
	{ "/dev/a / ext4 rw 0 1\nUUID=ab /usr ext4 rw 0 3\r\n", 3 },
};

int main(void)
{
	struct fstab_entry e;
	struct fstab_opts o;
	unsigned i;
	char big[400];
	int r;

	for (i = 0; i < sizeof(finds) / sizeof(finds[0]); i++) {
		memset(&e, 0, sizeof(e));
		r = fstab_find(finds[i].fstab, strlen(finds[i].fstab), "/usr",
			       &e);
		T_INTEQ(r, finds[i].ret, "%s: return", finds[i].name);
		if (r || finds[i].ret)
			continue;
		T_STREQ(e.spec, finds[i].spec, "%s: spec", finds[i].name);
		T_STREQ(e.type, finds[i].type, "%s: type", finds[i].name);
		T_STREQ(e.opts, finds[i].opts, "%s: options", finds[i].name);
		T_INTEQ(e.line, finds[i].line, "%s: line number",
			finds[i].name);
	}
	for (i = 0; i < sizeof(passes) / sizeof(passes[0]); i++) {
		e.pass = -1;
		r = fstab_find(passes[i].fstab, strlen(passes[i].fstab), "/usr",
			       &e);
		T_INTEQ(r, 0, "pass of '%s': found", passes[i].fstab);
		T_INTEQ(e.pass, passes[i].pass, "pass of '%s'",
			passes[i].fstab);
	}
	/* The buffer is not a string: the length bounds it. */
	r = fstab_find("/dev/b /usr ext4 rw\n", 11, "/usr", &e);
	T_OK(r == 0 && !strcmp(e.type, "auto"), "length bounds the buffer");
	r = fstab_find("a /usr x y\n", 11, "/usr", &e);
	T_STREQ(e.text, "a /usr x y", "the line's text, for messages");

	for (i = 0; i < sizeof(optcases) / sizeof(optcases[0]); i++) {
		r = fstab_parse_opts(optcases[i].opts, &o);
		T_INTEQ(r, optcases[i].ret, "'%s': return", optcases[i].opts);
		T_INTEQ(o.ro, optcases[i].ro, "'%s': ro", optcases[i].opts);
		T_INTEQ(o.nofail, optcases[i].nofail, "'%s': nofail",
			optcases[i].opts);
		T_INTEQ((long long)o.flags, (long long)optcases[i].flags,
			"'%s': flags", optcases[i].opts);
		T_STREQ(o.data, optcases[i].data, "'%s': data",
			optcases[i].opts);
	}
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	T_INTEQ(fstab_parse_opts(big, &o), -ENAMETOOLONG,
		"data longer than the buffer: -ENAMETOOLONG");
	T_DONE();
}
