/* test_switch.c - the pure pieces of the switch, on a fixture tree */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "caps.h"
#include "switchroot.h"
#include "t.h"

static char tmp[64];
static int root;

static void put(const char *rel, mode_t mode)
{
	int fd = openat(root, rel, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, "x\n", 2) != 2) {
		perror(rel);
		exit(1);
	}
	close(fd);
	fchmodat(root, rel, mode, 0);
}

static void dir(const char *rel)
{
	mkdirat(root, rel, 0755);
}

static void lnk(const char *target, const char *rel)
{
	if (symlinkat(target, root, rel) < 0) {
		perror(rel);
		exit(1);
	}
}

static void fixture(void)
{
	char name[16];
	int i;

	strcpy(tmp, "/tmp/test_switch.XXXXXX");
	if (!mkdtemp(tmp)) {
		perror("mkdtemp");
		exit(1);
	}
	root = open(tmp, O_RDONLY | O_DIRECTORY);
	dir("sbin");
	dir("lib");
	dir("lib/systemd");
	dir("usr");
	dir("usr/bin");
	dir("etc");
	put("lib/systemd/systemd", 0755);
	put("usr/bin/sh", 0755);
	put("etc/motd", 0644);
	lnk("/lib/systemd/systemd", "sbin/init");
	lnk("usr/bin", "bin");
	lnk("../../../../../lib/systemd/systemd", "sbin/up");
	lnk("/etc/hostname", "sbin/host");
	lnk("loop-b", "sbin/loop-a");
	lnk("loop-a", "sbin/loop-b");
	mkfifoat(root, "etc/fifo", 0755);
	/* A chain of 40 links ends at systemd; one more is too many. */
	for (i = 0; i < 41; i++) {
		snprintf(name, sizeof(name), "c%d", i);
		if (i == 0) {
			lnk("/lib/systemd/systemd", name);
		} else {
			char prev[16];

			snprintf(prev, sizeof(prev), "c%d", i - 1);
			lnk(prev, name);
		}
	}
}

static const char *resolve(const char *path, int want)
{
	static char out[256];
	int r = switch_resolve_in_root(root, path, out, sizeof(out));

	T_INTEQ(r, want, "resolve %s: %s", path, want ? strerror(-want) : "ok");
	return out;
}

static void test_resolve(void)
{
	T_STREQ(resolve("/sbin/init", 0), "lib/systemd/systemd",
		"absolute link resolves inside the root, not the host");
	T_STREQ(resolve("/bin/sh", 0), "usr/bin/sh",
		"relative link to a directory");
	T_STREQ(resolve("bin/sh", 0), "usr/bin/sh", "relative INIT");
	T_STREQ(resolve("/sbin/up", 0), "lib/systemd/systemd",
		"'..' in a link stops at the root");
	T_STREQ(resolve("/../../usr/./bin//sh", 0), "usr/bin/sh",
		"'..', '.' and '//' in the path");
	T_STREQ(resolve("/", 0), ".", "the root itself");
	/* The host has /etc/passwd and /etc/hostname; the root has not. */
	resolve("/../../etc/passwd", -ENOENT);
	resolve("/sbin/host", -ENOENT);
	resolve("/sbin/nope", -ENOENT);
	resolve("/nodir/init", -ENOENT);
	resolve("/etc/motd/x", -ENOTDIR);
	resolve("/sbin/loop-a", -ELOOP);
	T_STREQ(resolve("/c39", 0), "lib/systemd/systemd", "40 links: fine");
	resolve("/c40", -ELOOP);
}

static void test_exec(void)
{
	const char *why = NULL;

	T_INTEQ(switch_check_exec(root, "lib/systemd/systemd", &why), 0,
		"an executable file");
	T_INTEQ(switch_check_exec(root, "etc/motd", &why), -EACCES,
		"no execute bit");
	T_STREQ(why, "has no execute permission", "says so");
	T_INTEQ(switch_check_exec(root, "usr", &why), -EISDIR, "a directory");
	T_INTEQ(switch_check_exec(root, "etc/fifo", &why), -EINVAL, "a fifo");
	T_INTEQ(switch_check_exec(root, "etc/none", &why), -ENOENT, "missing");
}

static void test_policy(void)
{
	char buf[64];

	T_INTEQ(switch_move_policy(0x858458f6, 1), 0, "move: ramfs, PID 1");
	T_INTEQ(switch_move_policy(0x01021994, 1), 0, "move: tmpfs, PID 1");
	T_INTEQ(switch_move_policy(0xEF53, 1), -EXDEV, "move: ext4 refused");
	T_INTEQ(switch_move_policy(0x01021994, 42), -EPERM,
		"move: not PID 1 refused");
	T_OK(switch_auto_falls_back(SWITCH_AUTO, -EINVAL),
	     "auto: EINVAL falls back to move");
	T_OK(!switch_auto_falls_back(SWITCH_AUTO, -EPERM),
	     "auto: EPERM does not");
	T_OK(!switch_auto_falls_back(SWITCH_PIVOT, -EINVAL),
	     "pivot: never falls back");
	T_OK(!switch_auto_falls_back(SWITCH_AUTO, 0), "auto: success");

	switch_console_path("/new-root", "/dev/console", 1, 0, buf,
			    sizeof(buf));
	T_STREQ(buf, "/dev/console", "console: /dev moves there: ours");
	switch_console_path("/new-root", "/dev/console", 1, 1, buf,
			    sizeof(buf));
	T_STREQ(buf, "/new-root/dev/console",
		"console: the new root has its own /dev");
	switch_console_path("/new-root", "/dev/console", 0, 0, buf,
			    sizeof(buf));
	T_STREQ(buf, "/new-root/dev/console", "console: no /dev mount");
	switch_console_path("/new-root", "/lib/tty", 1, 0, buf, sizeof(buf));
	T_STREQ(buf, "/new-root/lib/tty", "console: outside /dev");
	T_INTEQ(switch_console_path("/new-root", "/dev/console", 0, 0, buf, 8),
		-ENAMETOOLONG, "console: too long");

	T_INTEQ(switch_method_parse("pivot-olddir"), SWITCH_PIVOT_OLDDIR,
		"method: pivot-olddir");
	T_INTEQ(switch_method_parse("Move"), -1, "method: case matters");
	T_STREQ(switch_method_name(SWITCH_MOVE), "move", "method: name");
}

static void test_nuke(void)
{
	struct switch_keep keep = { 0 };
	struct stat st, kst;
	char outside[80];
	int fd;

	/* An outside directory a symlink points to, and one to keep. */
	snprintf(outside, sizeof(outside), "%s.out", tmp);
	mkdir(outside, 0755);
	fd = open(outside, O_RDONLY | O_DIRECTORY);
	close(openat(fd, "precious", O_WRONLY | O_CREAT, 0644));
	close(fd);
	dir("nuke");
	dir("nuke/a");
	dir("nuke/a/b");
	dir("nuke/keep");
	put("nuke/a/b/f", 0644);
	put("nuke/g", 0644);
	put("nuke/keep/k", 0644);
	lnk(outside, "nuke/ln-out");
	lnk(outside, "nuke/a/ln-out2");
	dir("nuke/lower");
	dir("nuke/lower/deep");
	put("nuke/lower/deep/l", 0644);
	fstatat(root, "nuke/keep", &kst, 0);
	switch_keep_add(&keep, &kst);
	fstatat(root, "nuke/lower/deep/l", &kst, 0);
	switch_keep_add(&keep, &kst);
	fd = openat(root, "nuke", O_RDONLY | O_DIRECTORY);
	fstat(fd, &st);

	T_INTEQ(switch_nuke(fd, st.st_dev + 1, NULL), 0,
		"nuke: another device's files");
	T_INTEQ(faccessat(root, "nuke/a/b/f", F_OK, 0), 0,
		"nuke: ... are never touched");

	T_INTEQ(switch_nuke(fd, st.st_dev, &keep), 0, "nuke: runs");
	T_OK(faccessat(root, "nuke/a", F_OK, AT_SYMLINK_NOFOLLOW) < 0,
	     "nuke: directories deleted");
	T_OK(faccessat(root, "nuke/g", F_OK, AT_SYMLINK_NOFOLLOW) < 0,
	     "nuke: files deleted");
	T_OK(faccessat(root, "nuke/ln-out", F_OK, AT_SYMLINK_NOFOLLOW) < 0,
	     "nuke: symlinks deleted");
	T_INTEQ(faccessat(root, "nuke/keep/k", F_OK, 0), 0,
		"nuke: the kept directory is not entered");
	T_INTEQ(faccessat(root, "nuke/lower/deep/l", F_OK, 0), 0,
		"nuke: a kept file stays, and so do its parents");
	snprintf(outside + strlen(outside), 16, "/precious");
	T_INTEQ(access(outside, F_OK), 0,
		"nuke: a symlink's target is never deleted");
	close(fd);
}

static void test_caps(void)
{
	char bad[40], buf[64];
	uint64_t mask;
	ssize_t n;
	int fd;

	T_INTEQ(cap_from_name("CAP_SYS_ADMIN"), 21, "cap: CAP_SYS_ADMIN");
	T_INTEQ(cap_from_name("cap_sys_module"), 16, "cap: lower case");
	T_INTEQ(cap_from_name("mknod"), 27, "cap: without CAP_");
	T_INTEQ(cap_from_name("CAP_CHECKPOINT_RESTORE"), 40, "cap: the last");
	T_INTEQ(cap_from_name("CAP_BOGUS"), -1, "cap: unknown");
	T_STREQ(cap_name(21), "CAP_SYS_ADMIN", "cap: name of 21");
	T_OK(cap_name(41) == NULL, "cap: no name past the last");

	T_INTEQ(caps_parse("cap_sys_module,CAP_MAC_ADMIN", &mask, bad,
			   sizeof(bad)),
		0, "caps: a list");
	T_OK(mask == ((1ull << 16) | (1ull << 33)), "caps: the mask");
	T_INTEQ(caps_parse("cap_chown,cap_nope", &mask, bad, sizeof(bad)),
		-EINVAL, "caps: an unknown name");
	T_STREQ(bad, "cap_nope", "caps: names it");
	T_INTEQ(caps_parse("cap_chown,,cap_kill", &mask, bad, sizeof(bad)),
		-EINVAL, "caps: an empty name");
	T_INTEQ(caps_parse("", &mask, bad, sizeof(bad)), 0, "caps: empty");
	T_OK(mask == 0, "caps: empty mask");

	put("bset", 0644);
	fd = openat(root, "bset", O_WRONLY | O_TRUNC);
	n = write(fd, "4294967295\t511\n", 15);
	T_INTEQ(n, 15, "umh: fixture");
	close(fd);
	T_INTEQ(caps_umh_update(root, "bset", (1ull << 16) | (1ull << 33)), 0,
		"umh: update");
	fd = openat(root, "bset", O_RDONLY);
	n = read(fd, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = '\0';
	close(fd);
	T_STREQ(buf, "4294901759 509\n", "umh: both words cleared");
	T_INTEQ(caps_umh_update(root, "etc/none", 1), -ENOENT,
		"umh: missing file");
	T_INTEQ(caps_umh_update(root, "etc/motd", 1), -EINVAL,
		"umh: not two numbers");
}

int main(void)
{
	char cmd[160];

	fixture();
	test_resolve();
	test_exec();
	test_policy();
	test_nuke();
	test_caps();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s' '%s.out'", tmp, tmp);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmp);
	T_DONE();
}
