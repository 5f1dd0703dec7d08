/* test_modindex.c - the module index parser and the boot-time loader,
 * against a fixture tree (image root + sysfs) with the loads recorded */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdline.h"
#include "modindex.h"
#include "modules.h"
#include "sys.h"
#include "t.h"

static const char index_text[] =
	"newroot-modindex 1\n"
	"k 6.1.0-test\n"
	"# comment\n"
	"m virtio_blk lib/virtio_blk.ko virtio_ring,virtio - -\n"
	"m virtio lib/virtio.ko virtio_ring - -\n"
	"m virtio_ring lib/virtio_ring.ko - - -\n"
	"m virtio_pci lib/virtio_pci.ko virtio_ring,virtio - -\n"
	"m ext4 lib/ext4.ko.xz jbd2 crc32c_generic -\n"
	"m jbd2 lib/jbd2.ko - - -\n"
	"m crc32c_generic lib/crc32c_generic.ko - - -\n"
	"m vfat lib/vfat.ko - - nls_cp437\n"
	"m nls_cp437 lib/nls_cp437.ko - - -\n"
	"m broken lib/broken.ko - - -\n"
	"m needs_broken lib/needs_broken.ko broken - -\n"
	"m crc32c_intel lib/crc32c_intel.ko - - -\n"
	"b crc16\n"
	"o virtio_blk queue_depth=64 num_request_queues=1\n"
	"a pci:v00001AF4d*sv*sd*bc*sc*i* virtio_pci\n"
	"a virtio:d00000002v* virtio_blk\n"
	"a fs-ext4 ext4\n"
	"a fs-vfat vfat\n"
	"a crc32c crc32c_generic\n"
	"a cpu:type:x86,ven*fam*mod*:feature:*0094* crc32c_intel\n"
	"l virtio_blk\n";

/* An allocation too large for ASan's allocator fails with NULL instead
 * of ending the test: that is how ENOMEM is injected below. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
	return "allocator_may_return_null=1";
}

/* modindex_grow() after a failed realloc: the array and its capacity
 * must be as they were, so the next grow does not take room it never
 * got. */
static void test_grow_enomem(void)
{
	const size_t huge = (size_t)1 << 42; /* 64 of them: 256 TiB */
	long *arr = NULL;
	void *p = NULL;
	int cap = 0, r;

	T_INTEQ(modindex_grow(&p, 0, &cap, huge), -ENOMEM,
		"grow: an allocation that fails is ENOMEM");
	T_INTEQ(cap, 0, "grow: a failed grow leaves the capacity");
	T_OK(p == NULL, "grow: a failed grow leaves the array");
	/* Before the fix cap was 64 here: this grow saw room for 64 and
	 * returned 0 with no array at all. */
	r = modindex_grow(&p, 0, &cap, huge);
	T_OK(r == -ENOMEM || p != NULL,
	     "grow: the next grow does not claim room it never got");
	free(p);

	cap = 0;
	T_INTEQ(modindex_grow((void **)&arr, 0, &cap, sizeof(*arr)), 0,
		"grow: a real grow works");
	T_INTEQ(cap, 64, "grow: first capacity 64");
	arr[63] = 1;
	T_INTEQ(modindex_grow((void **)&arr, 64, &cap, huge / 128), -ENOMEM,
		"grow: doubling that fails is ENOMEM");
	T_INTEQ(cap, 64, "grow: a failed doubling keeps capacity 64");
	T_INTEQ(arr[63], 1, "grow: a failed doubling keeps the array");
	cap = 0x40000000;
	T_INTEQ(modindex_grow((void **)&arr, cap, &cap, 1), -ENOMEM,
		"grow: a capacity that would overflow int is ENOMEM");
	free(arr);
}

static void test_parse(void)
{
	char *buf = strdup(index_text);
	struct modindex idx;
	struct modindex_mod *m;
	char item[32];
	const char *p;
	int line, r, n;

	r = modindex_parse(buf, strlen(buf), &idx, &line);
	T_INTEQ(r, 0, "parse: a good index parses");
	T_STREQ(idx.kver, "6.1.0-test", "parse: kernel version");
	T_INTEQ(idx.n_mods, 13, "parse: 13 modules (one built in)");
	T_INTEQ(idx.n_aliases, 6, "parse: 6 aliases");
	T_INTEQ(idx.n_load, 1, "parse: one module to load");
	m = modindex_find(&idx, "virtio-blk");
	T_OK(m != NULL, "find: '-' and '_' are alike");
	T_STREQ(m ? m->options : NULL, "queue_depth=64 num_request_queues=1",
		"parse: options with spaces");
	T_STREQ(m ? m->deps : NULL, "virtio_ring,virtio", "parse: deps");
	T_STREQ(m ? m->pre : NULL, "", "parse: '-' is an empty list");
	m = modindex_find(&idx, "crc16");
	T_OK(m && m->path == NULL, "parse: a built-in module has no path");
	T_OK(modindex_find(&idx, "nonexistent") == NULL,
	     "find: unknown module");
	n = 0;
	for (p = "a,bb,ccc"; (p = modindex_next(p, item, sizeof(item)));)
		n++;
	T_INTEQ(n, 3, "next: three items in a,bb,ccc");
	T_OK(modindex_next("", item, sizeof(item)) == NULL, "next: empty list");
	modindex_free(&idx);
	free(buf);

	buf = strdup("newroot-modindex 2\n");
	T_INTEQ(modindex_parse(buf, strlen(buf), &idx, &line), -EINVAL,
		"parse: wrong version refused");
	free(buf);
	buf = strdup("newroot-modindex 1\nm only_name\n");
	T_INTEQ(modindex_parse(buf, strlen(buf), &idx, &line), -EINVAL,
		"parse: short m record refused");
	T_INTEQ(line, 2, "parse: bad line number reported");
	free(buf);
	buf = strdup("newroot-modindex 1\no nosuch x=1\n");
	T_INTEQ(modindex_parse(buf, strlen(buf), &idx, &line), -EINVAL,
		"parse: options for an unknown module refused");
	free(buf);
	/* No trailing newline: the terminator goes at buf[len]. */
	buf = calloc(1, 64);
	strcpy(buf, "newroot-modindex 1\nl x");
	T_INTEQ(modindex_parse(buf, strlen(buf), &idx, &line), 0,
		"parse: last line without newline");
	T_STREQ(idx.n_load ? idx.load[0] : NULL, "x", "parse: its record");
	modindex_free(&idx);
	free(buf);
}

/* ---- the loader against a fixture tree ---- */

static char loads[1024];
static int fail_broken = 1;
static char tmp[] = "/tmp/test_modindex.XXXXXX";

static int record(int fd, const char *params, int flags, void *ctx)
{
	char path[256];
	const char *base = t_fd_base(fd, path, sizeof(path));

	if (!base)
		return -errno;
	if (fail_broken && !strcmp(base, "broken.ko"))
		return -ENOEXEC;
	if (!strcmp(base, "jbd2.ko"))
		return -EEXIST; /* loaded meanwhile: success */
	snprintf(loads + strlen(loads), sizeof(loads) - strlen(loads),
		 "%s%s%s%s%s", loads[0] ? " " : "", base, params[0] ? "[" : "",
		 params, params[0] ? "]" : "");
	if (flags & MODULE_INIT_COMPRESSED_FILE)
		strcat(loads, "(c)");
	return 0;
}

static void put(const char *rel, const char *text)
{
	char path[512], *p;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	for (p = path + strlen(tmp) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd >= 0) {
		if (write(fd, text, strlen(text)) < 0)
			perror(path);
		close(fd);
	}
}

static void mkdir_p(const char *rel)
{
	char path[512], *p;

	snprintf(path, sizeof(path), "%s/%s/", tmp, rel);
	for (p = path + strlen(tmp) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
}

/* sysfs's links from a bus to its devices */
static void link_dev(const char *target, const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	if (symlink(target, path) < 0)
		perror(path);
}

static int open_dir(const char *rel)
{
	char path[512];

	snprintf(path, sizeof(path), "%s/%s", tmp, rel);
	return open(path, O_RDONLY | O_DIRECTORY);
}

static void test_loader(void)
{
	static const char *const mods[] = {
		"virtio_blk.ko",     "virtio.ko",	"virtio_ring.ko",
		"virtio_pci.ko",     "ext4.ko.xz",	"jbd2.ko",
		"crc32c_generic.ko", "vfat.ko",		"nls_cp437.ko",
		"broken.ko",	     "needs_broken.ko", "crc32c_intel.ko",
	};
	struct cmdline cl;
	struct modules m;
	unsigned i;
	int root, sys, r;
	char lib[64], list[200];

	if (!mkdtemp(tmp)) {
		T_OK(0, "loader: mkdtemp");
		return;
	}
	put("root/" MODINDEX_PATH, index_text);
	for (i = 0; i < sizeof(mods) / sizeof(mods[0]); i++) {
		snprintf(lib, sizeof(lib), "root/lib/%s", mods[i]);
		put(lib, "\177ELF");
	}
	put("sys/devices/pci0000:00/0000:00:04.0/modalias",
	    "pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00\n");
	put("sys/devices/pci0000:00/0000:00:04.0/virtio1/modalias",
	    "virtio:d00000002v00001AF4\n");
	put("sys/devices/platform/serial8250/modalias", "platform:serial8250");
	put("sys/class/tty/ttyS0/dev", "4:64\n"); /* no modalias */
	put("sys/devices/system/cpu/modalias",
	    "cpu:type:x86,ven0000fam0006mod003F:feature:,0001,0094\n");
	mkdir_p("sys/bus/pci/devices");
	mkdir_p("sys/bus/virtio/devices");
	mkdir_p("sys/bus/platform/devices");
	mkdir_p("sys/bus/cpu"); /* no devices directory */
	link_dev("../../../devices/pci0000:00/0000:00:04.0",
		 "sys/bus/pci/devices/0000:00:04.0");
	link_dev("../../../devices/pci0000:00/0000:00:04.0/virtio1",
		 "sys/bus/virtio/devices/virtio1");
	link_dev("../../../devices/platform/serial8250",
		 "sys/bus/platform/devices/serial8250");
	put("sys/module/compression", "xz\n");
	put("sys/module/crc16/uevent", "");

	cmdline_parse("root=/dev/vda virtio_blk.poll_queues=2 "
		      "modules-load=vfat,fs-ext4",
		      &cl);
	root = open_dir("root");
	sys = open_dir("sys");
	r = modules_open(&m, root, sys, &cl);
	T_INTEQ(r, 0, "loader: index opened");
	if (r)
		return;
	m.load = record;
	T_OK(m.kernel_decompress, "loader: /sys/module/compression seen");

	r = modules_load(&m, "virtio_blk");
	T_INTEQ(r, 0, "loader: virtio_blk loads");
	T_STREQ(loads,
		"virtio_ring.ko virtio.ko virtio_blk.ko[queue_depth=64 "
		"num_request_queues=1 poll_queues=2]",
		"loader: deps first, then options and the command line's");
	loads[0] = '\0';
	T_INTEQ(modules_load(&m, "virtio-blk"), 0, "loader: again is fine");
	T_STREQ(loads, "", "loader: each module at most once");

	T_INTEQ(modules_load(&m, "fs-ext4"), 0, "loader: by alias");
	T_STREQ(loads, "crc32c_generic.ko ext4.ko.xz(c)",
		"loader: softdep pre, EEXIST dep is fine, compressed flag");
	loads[0] = '\0';

	T_INTEQ(modules_load(&m, "needs_broken"), -ENOEXEC,
		"loader: a failed dependency fails the module");
	T_INTEQ(m.n_failed, 2, "loader: both counted as failed");
	T_INTEQ(modules_load(&m, "nosuch"), -ENOENT, "loader: unknown name");
	T_INTEQ(modules_load(&m, "crc16"), 0, "loader: built in is fine");

	m.listening = 1;
	T_INTEQ(modules_coldplug(&m), 0, "coldplug: no failures");
	T_STREQ(loads, "", "coldplug, listening: nothing loaded yet");
	T_INTEQ(m.n_queue, 2,
		"coldplug: the CPU and the PCI device queued (the platform "
		"device's driver is not in the image, virtio1's is loaded)");
	T_INTEQ(modules_pending(&m), 2, "coldplug: both wait for a driver");
	modules_left(&m, list, sizeof(list));
	T_STREQ(list, "crc32c_intel,virtio_pci", "left: both drivers");
	T_INTEQ(modules_next(&m), 1, "next: one device's driver");
	T_STREQ(loads, "virtio_pci.ko",
		"next: the storage controller first (queued second), "
		"probing while it loads");
	T_INTEQ(modules_uevent(&m, "virtio:d00000002v00001AF4"), 0,
		"uevent, listening: a device whose driver is loaded");
	T_INTEQ(m.n_queue, 2, "... is not queued");
	modules_left(&m, list, sizeof(list));
	T_STREQ(list, "crc32c_intel", "left: the CPU's driver");
	T_INTEQ(modules_next(&m), 1, "next: the CPU's driver");
	T_STREQ(loads, "virtio_pci.ko crc32c_intel.ko[async_probe]",
		"next: then the CPU's, in the background");
	T_INTEQ(modules_next(&m), 0, "next: nothing left");
	T_INTEQ(modules_pending(&m), 0, "next: nothing pending");
	modules_left(&m, list, sizeof(list));
	T_STREQ(list, "", "left: nothing");
	modules_loaded(&m, list, sizeof(list));
	T_STREQ(list,
		"virtio_ring,virtio,virtio_blk,crc32c_generic,ext4,"
		"virtio_pci,crc32c_intel",
		"loaded: in load order, the one loaded meanwhile not");
	T_INTEQ(modules_loaded(&m, list, 12), 1,
		"loaded: only the names that fit");
	T_STREQ(list, "virtio_ring", "... whole names");
	loads[0] = '\0';
	m.listening = 0;

	T_INTEQ(modules_fs(&m, "vfat"), 0, "fs: vfat");
	T_STREQ(loads, "vfat.ko nls_cp437.ko", "fs: vfat then its nls post");
	loads[0] = '\0';
	T_INTEQ(modules_fs(&m, "crc16"), 0, "fs: in the kernel already");
	T_INTEQ(modules_fs(&m, "nosuchfs"), -ENOENT, "fs: unknown type");
	T_INTEQ(modules_match(&m, "virtio:d00000002v00001AF4"), 0,
		"uevent: match, already loaded");
	T_STREQ(loads, "", "uevent: nothing loaded twice");
	T_INTEQ(modules_uevent(&m, "virtio:d00000002v00001AF4"), 0,
		"uevent: through the boot's loader");
	modules_close(&m);
	/* Before the modules stage (or without an index) the boot's loader
	 * has nothing to do and says so. */
	T_INTEQ(modules_uevent(&m, "virtio:d00000002v00001AF4"), 0,
		"uevent: a closed loader loads nothing");
	T_INTEQ(modules_uevent(NULL, "virtio:d00000002v00001AF4"), 0,
		"uevent: no loader loads nothing");
	T_INTEQ(modules_load_fs(&m, "ext4"), -ENOENT,
		"fs: a closed loader has no index");
	T_INTEQ(modules_load_fs(NULL, "ext4"), -ENOENT,
		"fs: no loader has no index");

	/* A kernel that decompresses another format refuses the file. */
	put("sys/module/compression", "zstd\n");
	r = modules_open(&m, root, sys, NULL);
	m.load = record;
	T_INTEQ(modules_load(&m, "ext4"), -ENOEXEC,
		"loader: xz module refused by a zstd-only kernel");
	modules_close(&m);

	/* Without in-kernel decompression a compressed module fails with
	 * a message, and the rest goes on. */
	{
		char p[512];

		snprintf(p, sizeof(p), "%s/sys/module/compression", tmp);
		unlink(p);
	}
	r = modules_open(&m, root, sys, NULL);
	m.load = record;
	T_OK(r == 0 && !m.kernel_decompress, "loader: no compression file");
	T_INTEQ(modules_load(&m, "ext4"), -ENOEXEC,
		"loader: compressed module refused without kernel support");
	modules_close(&m);
	close(root);
	close(sys);
}

int main(void)
{
	char cmd[600];

	test_grow_enomem();
	test_parse();
	test_loader();
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", tmp);
	T_DONE();
}
