/* test_resolve.c - root= resolution against a fixture /sys and /dev
 *
 * /sys is tests/fixtures/sys (symlinks and dev/size/partition files as the
 * kernel lays them out); /dev is built at test time by
 * tests/fixtures/mkdev.sh: regular files holding real partition tables
 * and filesystems made by sfdisk, mke2fs and mkfs.vfat.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "blockdev.h"
#include "resolve.h"
#include "t.h"

#define DEVDIR "build/fixtures/dev"

static struct blockdev_set set; /* about 200 KiB */
static int sysfd, devfd;

static struct blockdev *find(const char *name)
{
	return blockdev_find(&set, name);
}

static void test_scan(void)
{
	static const char *const order[] = { "dm-0", "nvme0n1", "nvme0n1p1",
					     "sda",  "sda1",	"sda2",
					     "sda3", "sdb",	"sdb1",
					     "sdb2", "vda" };
	struct blockdev *bd;
	int r, i;

	r = blockdev_scan(sysfd, &set);
	T_INTEQ(r, 11, "scan finds the 11 devices of non-zero size");
	for (i = 0; i < 11 && i < set.n; i++)
		T_STREQ(set.dev[i].name, order[i], "device %d in disk order",
			i);
	T_OK(!find("loop0") && !find("ram0"), "empty loop0 and ram0 skipped");
	bd = find("sdb2");
	T_OK(bd != NULL, "sdb2 found");
	if (bd) {
		T_INTEQ(bd->major, 8, "sdb2 major");
		T_INTEQ(bd->minor, 18, "sdb2 minor");
		T_INTEQ(bd->partition, 2, "sdb2 partition number");
		T_STREQ(bd->disk, "sdb", "sdb2's disk from the symlink target");
		T_INTEQ(bd->size, 2 * 1024 * 1024, "sdb2 size in bytes");
	}
	bd = find("nvme0n1p1");
	T_STREQ(bd ? bd->disk : NULL, "nvme0n1", "nvme0n1p1's disk");
	bd = find("dm-0");
	T_STREQ(bd ? bd->dm_name : NULL, "vg-root", "dm-0's mapper name");
	bd = find("vda");
	T_OK(bd && bd->partition == 0 && !strcmp(bd->disk, "vda"),
	     "vda is a whole disk, its own disk");
}

static const struct {
	const char *root;
	const char *want; /* NULL: -ENOENT */
} cases[] = {
	{ "/dev/sda1", "sda1" },
	{ "sda3", "sda3" },
	{ "/dev/nvme0n1p1", "nvme0n1p1" }, /* no node: names need none */
	{ "/dev/mapper/vg-root", "dm-0" },
	{ "/dev/vg/root", "dm-0" }, /* LVM's VG/LV by its mapper name */
	{ "/dev/dm-0", "dm-0" },
	{ "8:17", "sdb1" },
	{ "0x801", "sda1" },
	{ "801", "sda1" },
	{ "fc00", "vda" },
	{ "UUID=3E6BE9DE-8139-4A5C-9106-A43F08D823A6", "sda1" },
	{ "UUID=3e6be9de-8139-4a5c-9106-a43f08d823a6", "sda1" },
	{ "UUID=1234-abcd", "sda2" },
	{ "UUID=5a5a5a5a-6b6b-4c7c-8d8d-9e9e9e9e9e9e", "vda" },
	{ "LABEL=EFI", "sda2" },
	{ "LABEL=\"my disk\"", "sda1" },
	{ "LABEL=vroot", "vda" },
	{ "LABEL=boot", "sdb1" },
	{ "LABEL=root", "sda3" }, /* sdb2 too: the first disk wins */
	{ "/dev/disk/by-label/my\\x20disk", "sda1" },
	{ "/dev/disk/by-uuid/aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee", "sdb1" },
	{ "PARTUUID=6b1c7e8a-5d4f-4c3b-9a2e-1f0d9c8b7a65", "sda1" },
	{ "PARTUUID=C0FFEE00-1111-4222-8333-944455556666", "sda3" },
	{ "PARTUUID=1234abcd-02", "sdb2" },
	{ "PARTUUID=1234ABCD-01", "sdb1" },
	{ "/dev/disk/by-partuuid/1234abcd-02", "sdb2" },
	{ "PARTUUID=6b1c7e8a-5d4f-4c3b-9a2e-1f0d9c8b7a65/PARTNROFF=1", "sda2" },
	{ "PARTUUID=c0ffee00-1111-4222-8333-944455556666/PARTNROFF=-1",
	  "sda2" },
	{ "PARTUUID=1234abcd-01/PARTNROFF=1", "sdb2" },
	{ "PARTLABEL=\"EFI System\"", "sda2" },
	{ "PARTLABEL=rootfs", "sda3" },
	{ "/dev/disk/by-partlabel/EFI\\x20System", "sda2" },
	/* not there */
	{ "/dev/sdz1", NULL },
	{ "/dev/mapper/vg-swap", NULL },
	{ "/dev/vg/swap", NULL },
	{ "/dev/vg-root", NULL },
	{ "8:99", NULL },
	{ "0x803f", NULL },
	{ "UUID=00000000-0000-0000-0000-000000000000", NULL },
	{ "UUID=1234-abce", NULL },
	{ "LABEL=nope", NULL },
	{ "LABEL=Root", NULL }, /* labels are exact */
	{ "PARTUUID=1234abcd-09", NULL },
	{ "PARTUUID=6b1c7e8a-5d4f-4c3b-9a2e-1f0d9c8b7a65/PARTNROFF=5", NULL },
	{ "PARTUUID=6b1c7e8a-5d4f-4c3b-9a2e-1f0d9c8b7a65/PARTNROFF=-1", NULL },
	{ "PARTLABEL=primar", NULL },
};

static void test_resolve(void)
{
	struct root_spec spec;
	struct blockdev *bd;
	char err[256];
	size_t i;
	int r;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *t = cases[i].root;

		memset(&set, 0, sizeof(set));
		r = root_spec_parse(t, &spec, err, sizeof(err));
		if (r < 0) {
			T_OK(0, "root=%s parses: %s", t, err);
			continue;
		}
		r = resolve_root(&spec, &set, sysfd, devfd, &bd);
		if (cases[i].want) {
			T_INTEQ(r, 0, "root=%s is found", t);
			T_STREQ(bd ? bd->name : NULL, cases[i].want,
				"root=%s is %s", t, cases[i].want);
		} else {
			T_INTEQ(r, -ENOENT, "root=%s is not found", t);
			T_OK(bd == NULL, "root=%s gives no device", t);
		}
	}
}

/* Count the devices probed so far. */
static void count_probed(int *fs, int *pt)
{
	int i;

	*fs = *pt = 0;
	for (i = 0; i < set.n; i++) {
		*fs += set.dev[i].fs_probed || set.dev[i].fs_err;
		*pt += set.dev[i].pt_probed;
	}
}

static void resolve_text(const char *text, struct blockdev **bd)
{
	struct root_spec spec;

	*bd = NULL;
	if (root_spec_parse(text, &spec, NULL, 0) == 0)
		resolve_root(&spec, &set, sysfd, devfd, bd);
}

static void test_lazy(void)
{
	struct blockdev *bd;
	int fs, pt;

	memset(&set, 0, sizeof(set));
	resolve_text("/dev/sdb2", &bd);
	count_probed(&fs, &pt);
	T_OK(bd && fs == 0 && pt == 0, "NAME reads no device");
	resolve_text("259:1", &bd);
	count_probed(&fs, &pt);
	T_OK(bd && fs == 0 && pt == 0, "MAJ:MIN reads no device");
	resolve_text("LABEL=vroot", &bd);
	count_probed(&fs, &pt);
	T_OK(bd && pt == 0, "LABEL reads no partition table");
	T_INTEQ(fs, set.n, "LABEL probes every filesystem (to find doubles)");

	memset(&set, 0, sizeof(set));
	resolve_text("PARTLABEL=rootfs", &bd);
	count_probed(&fs, &pt);
	T_OK(bd && fs == 0, "PARTLABEL reads no filesystem");
	T_INTEQ(pt, 4 + 3,
		"PARTLABEL reads the tables of sda and sdb (nvme0n1 has no "
		"node)");

	/* A rescan keeps what is known... */
	resolve_text("UUID=1234-abcd", &bd);
	bd = find("sda1");
	T_OK(bd && bd->fs_probed, "sda1 probed");
	blockdev_scan(sysfd, &set);
	bd = find("sda1");
	T_OK(bd && bd->fs_probed && bd->pt_probed,
	     "a rescan keeps sda1's probe results");
	/* ... unless the device changed under the same name. */
	if (bd)
		bd->minor = 99;
	blockdev_scan(sysfd, &set);
	bd = find("sda1");
	T_OK(bd && !bd->fs_probed && !bd->pt_probed && bd->minor == 1,
	     "a changed sda1 is read again");
}

/* The "root not found" list: one line per device, as blkid sees it. */
static const struct {
	const char *name, *line;
} lines[] = {
	{ "sda1", "sda1 8:1 2.0M ext4 UUID=3e6be9de-8139-4a5c-9106-"
		  "a43f08d823a6 LABEL=\"my disk\" PARTUUID=6b1c7e8a-5d4f-"
		  "4c3b-9a2e-1f0d9c8b7a65 PARTLABEL=primary" },
	{ "sda2", "sda2 8:2 2.0M vfat UUID=1234-ABCD LABEL=EFI "
		  "PARTUUID=0f5e1d2c-3b4a-4958-8776-a5b4c3d2e1f0 "
		  "PARTLABEL=\"EFI System\"" },
	{ "sdb", "sdb 8:16 4.0M PTTYPE=dos" },
	{ "sdb2", "sdb2 8:18 2.0M ext4 UUID=0d0d0d0d-1e1e-4f2f-8a3a-"
		  "4b4b4b4b4b4b LABEL=root PARTUUID=1234abcd-02" },
	{ "vda", "vda 252:0 2.0M ext4 UUID=5a5a5a5a-6b6b-4c7c-8d8d-"
		 "9e9e9e9e9e9e LABEL=vroot" },
	{ "nvme0n1p1", "nvme0n1p1 259:1 1023M (cannot read: No such file or "
		       "directory)" },
};

static void test_format(void)
{
	char line[512];
	struct blockdev *bd;
	size_t i;

	memset(&set, 0, sizeof(set));
	blockdev_scan(sysfd, &set);
	blockdev_probe_all(devfd, &set);
	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
		bd = find(lines[i].name);
		if (bd)
			blockdev_format(bd, line, sizeof(line));
		T_STREQ(bd ? line : NULL, lines[i].line,
			"%s's line in the "
			"not-found list",
			lines[i].name);
	}
	bd = find("sdb");
	T_STREQ(bd ? bd->ptuuid : NULL, "1234abcd", "sdb's MBR signature");
	bd = find("nvme0n1p1");
	if (bd)
		blockdev_format(bd, line, 8);
	T_STREQ(bd ? line : NULL, "nvme0n1",
		"a short buffer is cut, not "
		"overrun");
}

static void test_devnode(void)
{
	struct blockdev bd;
	char path[32];

	memset(&bd, 0, sizeof(bd));
	strcpy(bd.name, "sda1");
	T_INTEQ(resolve_devnode(&bd, path, sizeof(path)), 0, "devnode fits");
	T_STREQ(path, "/dev/sda1", "devnode of sda1");
	strcpy(bd.name, "cciss!c0d0p1");
	resolve_devnode(&bd, path, sizeof(path));
	T_STREQ(path, "/dev/cciss/c0d0p1", "'!' in a name is a '/'");
	T_INTEQ(resolve_devnode(&bd, path, 10), -ENAMETOOLONG,
		"too small a buffer is -ENAMETOOLONG");
}

/* A block node sysfs has no name for (a hook's /dev/md/root link): found
 * by its number.  The node is never opened. */
static void test_node_link(void)
{
	struct blockdev *bd;

	mkdirat(devfd, "md", 0755);
	unlinkat(devfd, "md/root", 0);
	unlinkat(devfd, "by-hand", 0);
	if (mknodat(devfd, "by-hand", S_IFBLK | 0600, makedev(8, 17)) < 0 ||
	    symlinkat("../by-hand", devfd, "md/root") < 0) {
		printf("skip node link: cannot make a block node here: %s\n",
		       strerror(errno));
		return;
	}
	memset(&set, 0, sizeof(set));
	resolve_text("/dev/md/root", &bd);
	T_STREQ(bd ? bd->name : NULL, "sdb1", "/dev/md/root -> 8:17 is sdb1");
	resolve_text("/dev/by-hand", &bd);
	T_STREQ(bd ? bd->name : NULL, "sdb1", "/dev/by-hand (8:17) is sdb1");
	T_OK(!find("sdb1")->fs_probed && !find("sdb1")->fs_err,
	     "the node is not opened");
	unlinkat(devfd, "md/root", 0);
	unlinkat(devfd, "by-hand", 0);
	resolve_text("/dev/md/root", &bd);
	T_OK(bd == NULL, "without the link, /dev/md/root is not found");
}

static void test_errors(void)
{
	struct root_spec spec;
	struct blockdev *bd = (struct blockdev *)1;
	int fd = open("tests/fixtures", O_RDONLY | O_DIRECTORY);
	int r;

	root_spec_parse("/dev/sda1", &spec, NULL, 0);
	r = resolve_root(&spec, &set, fd, devfd, &bd);
	T_INTEQ(r, -ENODEV, "no class/block in the sysfs dir is -ENODEV");
	T_OK(bd == NULL, "and no device");
	close(fd);
}

/* Labels are whatever the superblock holds: in the list they are escaped
 * as "newroot probe" prints them, so no byte of a label can clear the
 * console, move the cursor or start a line of its own. */
static void test_format_escaped(void)
{
	static struct blockdev bd;
	char line[2048];

	snprintf(bd.name, sizeof(bd.name), "sdz1");
	bd.major = 8;
	bd.minor = 99;
	bd.size = 2 * 1024 * 1024;
	bd.partition = 1;
	bd.fs_probed = true;
	snprintf(bd.fs.type, sizeof(bd.fs.type), "ext4");
	snprintf(bd.fs.label, sizeof(bd.fs.label), "a\x1b[2J\"q\\\x7f");
	snprintf(bd.partlabel, sizeof(bd.partlabel), "x\ny\rz");
	blockdev_format(&bd, line, sizeof(line));
	T_STREQ(line,
		"sdz1 8:99 2.0M ext4 LABEL=\"a\\x1b[2J\\\"q\\\\\\x7f\" "
		"PARTLABEL=\"x\\x0ay\\x0dz\"",
		"a label's control bytes, quotes and backslashes are escaped");
	T_OK(!strchr(line, '\x1b') && !strchr(line, '\n'),
	     "no escape character or newline reaches the console");
	/* The longest label, every byte escaped, still fits whole. */
	memset(bd.fs.label, '\x01', sizeof(bd.fs.label) - 1);
	bd.partlabel[0] = '\0';
	blockdev_format(&bd, line, sizeof(line));
	T_INTEQ(strlen(line),
		strlen("sdz1 8:99 2.0M ext4 LABEL=\"\"") +
			4 * (sizeof(bd.fs.label) - 1),
		"a label of 255 control bytes is escaped whole");
}

static const struct {
	const char *dm, *vglv;
	int eq;
} vglvs[] = {
	{ "vg-root", "vg!root", 1 },
	{ "vg-root", "vg/root", 1 },
	{ "my--vg-my--lv", "my-vg!my-lv", 1 },
	{ "a----b-c", "a--b!c", 1 },
	{ "my-vg-root", "my-vg!root", 0 }, /* would be my--vg-root */
	{ "my--vg-root", "my!vg-root", 0 },
	{ "vg-root", "vg!roo", 0 },
	{ "vg-roo", "vg!root", 0 },
	{ "vg-root", "vg", 0 },
	{ "vg-root", "vg!", 0 },
	{ "vg-root-x", "vg!root!x", 0 },
	{ "-root", "!root", 0 },
	{ "vg-", "vg!", 0 },
	{ "", "vg!root", 0 },
};

static void test_dm_vglv(void)
{
	size_t i;

	for (i = 0; i < sizeof(vglvs) / sizeof(vglvs[0]); i++)
		T_INTEQ(resolve_dm_vglv(vglvs[i].dm, vglvs[i].vglv),
			vglvs[i].eq, "dm name %s is /dev/%s: %s", vglvs[i].dm,
			vglvs[i].vglv, vglvs[i].eq ? "yes" : "no");
}

int main(void)
{
	int r;

	r = system("sh tests/fixtures/mkdev.sh " DEVDIR);
	if (r != 0) {
		printf("skip test_resolve: tests/fixtures/mkdev.sh failed "
		       "(needs sfdisk, mke2fs, mkfs.vfat)\n");
		return 0;
	}
	sysfd = open("tests/fixtures/sys", O_RDONLY | O_DIRECTORY);
	devfd = open(DEVDIR, O_RDONLY | O_DIRECTORY);
	T_OK(sysfd >= 0 && devfd >= 0, "fixture directories open");
	if (sysfd < 0 || devfd < 0)
		T_DONE();
	test_format_escaped();
	test_scan();
	test_resolve();
	test_dm_vglv();
	test_lazy();
	test_format();
	test_devnode();
	test_node_link();
	test_errors();
	T_DONE();
}
