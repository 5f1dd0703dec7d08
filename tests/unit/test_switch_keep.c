/* test_switch_keep.c - what the new root is built from, read from
 * mountinfo text: escapes, overlay layers, bind sources, pivotability;
 * and the delete walk on a tree deeper than two descriptors per level
 * allow. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "switch_keep.h"
#include "switch_nuke.h"
#include "t.h"

static char seen[512];

static int collect(const char *path, void *arg)
{
	(void)arg;
	strcat(seen, path);
	strcat(seen, "|");
	return 0;
}

static const char *layers(const char *opts)
{
	seen[0] = '\0';
	if (switch_overlay_layers(opts, collect, NULL) < 0)
		return "error";
	return seen;
}

static void test_layers(void)
{
	char s[64] = "/a\\040b/c\\134d\\054e";

	switch_unescape(s);
	T_STREQ(s, "/a b/c\\d,e", "unescape: space, backslash, comma");
	T_STREQ(layers("rw,lowerdir=/l1:/l2,upperdir=/u,workdir=/w,uuid=on"),
		"/l1|/l2|/u|/w|", "overlay: lower list, upper, work");
	T_STREQ(layers("rw,lowerdir=/tmp/lo\\134:w:/l2"), "/tmp/lo:w|/l2|",
		"overlay: an escaped colon is part of the name");
	T_STREQ(layers("rw,lowerdir=/a::/data"), "/a|/data|",
		"overlay: data-only layers after ::");
	T_STREQ(layers("rw,lowerdir+=/a,lowerdir+=/b,datadir+=/d"), "/a|/b|/d|",
		"overlay: lowerdir+ and datadir+");
	T_STREQ(layers("rw,upperdir=/x\\054y,workdir=/w"), "/x,y|/w|",
		"overlay: an escaped comma is part of the name");
	T_STREQ(layers("rw,relatime"), "", "overlay: no layers");
}

static void test_unpivotable(void)
{
	char a[] = "1 1 0:2 / / rw - rootfs rootfs rw\n"
		   "5 1 0:5 / /dev rw - devtmpfs dev rw\n";
	char b[] = "20 17 0:40 / / rw - tmpfs ird rw\n"
		   "21 20 0:5 / /dev rw - devtmpfs dev rw\n";
	char c[] = "21 20 0:5 / /dev rw - devtmpfs dev rw\n";
	char d[] = "garbage\n";

	T_INTEQ(switch_root_unpivotable(a), 1, "pivot: the initial rootfs");
	T_INTEQ(switch_root_unpivotable(b), 0, "pivot: a mount's root");
	T_INTEQ(switch_root_unpivotable(c), 1, "pivot: a plain directory");
	T_INTEQ(switch_root_unpivotable(d), -EINVAL, "pivot: bad text");
}

/* A fixture: dir is the "initramfs" (its st_dev), with lower/upper/work
 * and a modules directory; the mount table names them. */
static void test_scan(const char *dir)
{
	char mi[2048], p[256];
	struct switch_keep k = { 0 };
	struct stat st, lo, up, wk, mods, bound;
	const char *sub[] = { "lower", "upper",	  "work",	    "mods",
			      "new",   "new/lib", "new/lib/modules" };
	unsigned i;
	int r;

	for (i = 0; i < 7; i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, sub[i]);
		mkdir(p, 0755);
	}
	stat(dir, &st);
	snprintf(p, sizeof(p), "%s/lower", dir);
	stat(p, &lo);
	snprintf(p, sizeof(p), "%s/upper", dir);
	stat(p, &up);
	snprintf(p, sizeof(p), "%s/work", dir);
	stat(p, &wk);
	snprintf(p, sizeof(p), "%s/mods", dir);
	stat(p, &mods);
	snprintf(p, sizeof(p), "%s/new/lib/modules", dir);
	stat(p, &bound);
	/* The bind mount's mount point is faked by the directory itself:
	 * scan stats the mount point, which shows the source. */
	snprintf(mi, sizeof(mi),
		 "30 20 0:99 / %s/new rw - overlay ov rw,lowerdir=%s/lower:"
		 "/nonexistent-layer-not-on-ir,upperdir=%s/upper,workdir=%s/"
		 "work\n"
		 "31 30 %u:%u /lib/modules %s/mods rw - tmpfs ird rw\n"
		 "32 20 %u:%u /x /elsewhere rw - tmpfs ird rw\n",
		 dir, dir, dir, dir, major(st.st_dev), minor(st.st_dev), dir,
		 major(st.st_dev), minor(st.st_dev));
	/* A layer that cannot be seen: refused, not guessed. */
	snprintf(p, sizeof(p), "%s/new", dir);
	r = switch_keep_scan(mi, p, st.st_dev, &k);
	T_INTEQ(r, -ENOENT, "scan: a layer that cannot be found is refused");

	snprintf(mi, sizeof(mi),
		 "30 20 0:99 / %s/new rw - overlay ov rw,lowerdir=%s/lower,"
		 "upperdir=%s/upper,workdir=%s/work\n"
		 "31 30 %u:%u /lib/modules %s/new/lib/modules rw - tmpfs ird "
		 "rw\n"
		 "32 20 %u:%u /x %s/mods rw - tmpfs ird rw\n"
		 "33 20 0:98 / %s/newer rw - overlay ov rw,upperdir=rel\n",
		 dir, dir, dir, dir, major(st.st_dev), minor(st.st_dev), dir,
		 major(st.st_dev), minor(st.st_dev), dir, dir);
	memset(&k, 0, sizeof(k));
	r = switch_keep_scan(mi, p, st.st_dev, &k);
	T_INTEQ(r, 0, "scan: runs");
	T_INTEQ(k.n, 4, "scan: three layers and one bind source kept");
	T_OK(switch_keep_has(&k, &lo) && switch_keep_has(&k, &up) &&
		     switch_keep_has(&k, &wk),
	     "scan: lower, upper and work kept");
	T_OK(switch_keep_has(&k, &bound), "scan: the bind source kept");
	T_OK(!switch_keep_has(&k, &mods),
	     "scan: mounts outside the new root are not looked at");
}

/* 600 levels under a limit of 1024 descriptors: two per level run out
 * near 510, one per level does not. */
static void test_deep(const char *dir)
{
	struct rlimit rl, old;
	struct stat st;
	char p[128];
	int fd, i, r;

	snprintf(p, sizeof(p), "%s/deep", dir);
	mkdir(p, 0755);
	fd = open(p, O_RDONLY | O_DIRECTORY);
	for (i = 0; i < 600 && fd >= 0; i++) {
		int sub;

		mkdirat(fd, "d", 0755);
		sub = openat(fd, "d", O_RDONLY | O_DIRECTORY);
		close(fd);
		fd = sub;
	}
	close(openat(fd, "f", O_WRONLY | O_CREAT, 0644));
	close(fd);
	fd = open(p, O_RDONLY | O_DIRECTORY);
	fstat(fd, &st);
	getrlimit(RLIMIT_NOFILE, &old);
	rl = old;
	rl.rlim_cur = 1024;
	setrlimit(RLIMIT_NOFILE, &rl);
	r = switch_nuke(fd, st.st_dev, NULL);
	setrlimit(RLIMIT_NOFILE, &old);
	T_INTEQ(r, 0, "nuke: 600 levels under 1024 descriptors");
	snprintf(p, sizeof(p), "%s/deep/d", dir);
	T_OK(access(p, F_OK) < 0, "nuke: ... all of it deleted");
	close(fd);
}

int main(void)
{
	char tmp[64] = "/tmp/test_switch_keep.XXXXXX", cmd[128];

	if (!mkdtemp(tmp))
		return 1;
	test_layers();
	test_unpivotable();
	test_scan(tmp);
	test_deep(tmp);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmp);
	T_DONE();
}
