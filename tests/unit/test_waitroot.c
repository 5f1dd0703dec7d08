/* test_waitroot.c - how long the wait for root= lasts */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "boot.h"
#include "cmdline.h"
#include "modindex.h"
#include "modules.h"
#include "resume.h"
#include "rootspec.h"
#include "sys.h"
#include "t.h"
#include "waitroot.h"

static struct cmdline cl;

static int ms_for(const char *text)
{
	cmdline_parse(text, &cl);
	return wait_timeout_ms(&cl);
}

static int delay_for(const char *text)
{
	cmdline_parse(text, &cl);
	return wait_delay_ms(&cl);
}

static int resume_for(const char *text)
{
	cmdline_parse(text, &cl);
	return resume_wait_ms(&cl);
}

/* Times at and around the limits of int milliseconds (2147483.647 s):
 * every one is a wait that ends (UBSan reports an overflow). */
static void test_limits(void)
{
	T_INTEQ(ms_for("rd.timeout=2147483"), 86400000,
		"rd.timeout=2147483: a day at most");
	T_INTEQ(ms_for("rd.timeout=2147484"), 86400000,
		"rd.timeout=2147484: a day at most");
	T_INTEQ(ms_for("rd.timeout=2147483647"), 86400000,
		"rd.timeout=INT_MAX: a day at most");
	T_INTEQ(ms_for("rootwait=2147484"), 86400000,
		"rootwait=2147484: a day at most");
	T_INTEQ(ms_for("rd.timeout=86400"), 86400000, "rd.timeout=86400");
	T_INTEQ(ms_for("rd.timeout=86401"), 86400000, "rd.timeout=86401");
	T_INTEQ(delay_for("rootdelay=3"), 3000, "rootdelay=3");
	T_INTEQ(delay_for("root=/dev/sda1"), 0, "no rootdelay: no delay");
	T_INTEQ(delay_for("rootdelay=2147483"), 2147483000,
		"rootdelay=2147483: exact");
	T_INTEQ(delay_for("rootdelay=2147484"), 2147483000,
		"rootdelay=2147484: clamped, not overflowed");
	T_INTEQ(delay_for("rootdelay=2147483647"), 2147483000,
		"rootdelay=INT_MAX: clamped, not overflowed");
	T_INTEQ(resume_for("resume=/dev/sda2"), RESUME_WAIT_MS,
		"resume= waits RESUME_WAIT_MS");
	T_INTEQ(resume_for("rd.timeout=2"), 2000,
		"rd.timeout=2 shortens the resume= wait");
	T_INTEQ(resume_for("rd.timeout=2147483"), RESUME_WAIT_MS,
		"rd.timeout=2147483: resume= still waits RESUME_WAIT_MS");
	T_INTEQ(resume_for("rd.timeout=2147484"), RESUME_WAIT_MS,
		"rd.timeout=2147484: the resume= wait still ends");
	T_INTEQ(resume_for("rd.timeout=2147483647"), RESUME_WAIT_MS,
		"rd.timeout=INT_MAX: the resume= wait still ends");
	T_INTEQ(cmdline_secs_ms(-1), -1, "secs_ms: negative is forever");
	T_INTEQ(cmdline_secs_ms(0), 0, "secs_ms: 0");
	T_INTEQ(cmdline_secs_ms(2147483), 2147483000, "secs_ms: largest exact");
	T_INTEQ(cmdline_secs_ms(2147484), 2147483000, "secs_ms: clamped");
	T_INTEQ(cmdline_secs_ms(2147483647), 2147483000,
		"secs_ms: INT_MAX clamped");
}

static void never_ended(int sig)
{
	static const char msg[] =
		"not ok a uevent socket that fails ends the wait: it never "
		"ended\n";

	(void)!write(1, msg, sizeof(msg) - 1);
	_exit(1);
}

/* The uevent socket fails for good (here a pipe with data: poll() says
 * it is readable and recvmsg() fails with ENOTSOCK every time): the wait
 * stops listening, looks once a second and still ends on time.  Before,
 * it read the socket again and again and never ended (the test stops
 * it after 10 s). */
static void test_socket_fails(void)
{
	static struct boot b;
	static struct blockdev_set set;
	struct root_spec spec;
	struct blockdev *bd = NULL;
	char err[100], dev[] = "/tmp/newroot-waitroot.XXXXXX";
	int sysfd = open("tests/fixtures/sys", O_RDONLY | O_DIRECTORY);
	int devfd, pfd[2], r;
	uint64_t t0;

	T_OK(mkdtemp(dev) != NULL && sysfd >= 0, "fixture /sys, empty /dev");
	devfd = open(dev, O_RDONLY | O_DIRECTORY);
	T_INTEQ(root_spec_parse("/dev/nosuch", &spec, err, sizeof(err)), 0,
		"root=/dev/nosuch parses");
	T_OK(pipe(pfd) == 0 && write(pfd[1], "x", 1) == 1, "a pipe with data");
	b.uevent_fd = pfd[0];
	signal(SIGALRM, never_ended);
	alarm(10);
	t0 = sys_now_ms();
	r = wait_device_in(&b, sysfd, devfd, &spec, &set, 1500, &bd);
	alarm(0);
	T_INTEQ(r, -ENOENT,
		"a failing uevent socket: the wait ends, not found");
	T_OK(sys_now_ms() - t0 >= 1400 && sys_now_ms() - t0 < 5000,
	     "a failing uevent socket: the wait lasts its 1.5 s (%llu ms)",
	     (unsigned long long)(sys_now_ms() - t0));
	T_INTEQ(b.uevent_fd, -1, "a failing uevent socket is no longer read");
	T_OK(fcntl(pfd[0], F_GETFD) < 0, "... and it is closed");
	T_INTEQ(root_spec_parse("/dev/sda1", &spec, err, sizeof(err)), 0,
		"root=/dev/sda1 parses");
	T_INTEQ(wait_device_in(&b, sysfd, devfd, &spec, &set, 1500, &bd), 0,
		"without a socket the device is still found");
	T_STREQ(bd ? bd->name : NULL, "sda1", "... it is sda1");
	close(pfd[1]);
	close(sysfd);
	close(devfd);
	rmdir(dev);
}

/* ---- root first: the wait loads queued drivers, the disk's first ---- */

static char rf_tmp[] = "/tmp/test_waitroot_rf.XXXXXX";
static char rf_loads[1024];

static void rf_put(const char *rel, const char *text)
{
	char path[512], *p;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", rf_tmp, rel);
	for (p = path + strlen(rf_tmp) + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		mkdir(path, 0755);
		*p = '/';
	}
	f = fopen(path, "w");
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* The loader: records the module's file name; virtio_blk brings vda
 * into the fixture sysfs, as the kernel's probe would. */
static int rf_load(int fd, const char *params, int flags, void *ctx)
{
	char path[512];
	const char *base = t_fd_base(fd, path, sizeof(path));

	if (!base)
		return -errno;
	snprintf(rf_loads + strlen(rf_loads),
		 sizeof(rf_loads) - strlen(rf_loads), "%s%s%s%s%s",
		 rf_loads[0] ? " " : "", base, params[0] ? "[" : "", params,
		 params[0] ? "]" : "");
	if (!strcmp(base, "virtio_blk.ko")) {
		rf_put("sys/devices/virtio1/block/vda/dev", "252:0\n");
		rf_put("sys/devices/virtio1/block/vda/size", "4096\n");
		snprintf(path, sizeof(path), "%s/sys/class/block/vda", rf_tmp);
		if (symlink("../../devices/virtio1/block/vda", path) < 0)
			perror(path);
	}
	return 0;
}

static void test_root_first(void)
{
	static struct boot b;
	static struct blockdev_set set;
	struct root_spec spec;
	struct blockdev *bd = NULL;
	char err[100], path[512], left[100];
	int root, sysfd, devfd;

	T_OK(mkdtemp(rf_tmp) != NULL, "root first: a fixture tree");
	rf_put("root/" MODINDEX_PATH,
	       "newroot-modindex 1\n"
	       "m ata_piix lib/ata_piix.ko - - -\n"
	       "m virtio_blk lib/virtio_blk.ko - - -\n"
	       "m crc32c_intel lib/crc32c_intel.ko - - -\n"
	       "a pci:v00008086d00007010*bc01sc01* ata_piix\n"
	       "a virtio:d00000002v* virtio_blk\n"
	       "a cpu:type:x86,*feature:*0094* crc32c_intel\n");
	rf_put("root/lib/ata_piix.ko", "\177ELF");
	rf_put("root/lib/virtio_blk.ko", "\177ELF");
	rf_put("root/lib/crc32c_intel.ko", "\177ELF");
	rf_put("dev/.keep", "");
	snprintf(path, sizeof(path), "%s/sys/class/block", rf_tmp);
	rf_put("sys/class/.keep", "");
	mkdir(path, 0755);
	snprintf(path, sizeof(path), "%s/root", rf_tmp);
	root = open(path, O_RDONLY | O_DIRECTORY);
	snprintf(path, sizeof(path), "%s/sys", rf_tmp);
	sysfd = open(path, O_RDONLY | O_DIRECTORY);
	snprintf(path, sizeof(path), "%s/dev", rf_tmp);
	devfd = open(path, O_RDONLY | O_DIRECTORY);
	T_INTEQ(modules_open(&b.mods, root, sysfd, NULL), 0,
		"root first: the index opens");
	b.mods.load = rf_load;
	b.mods.listening = 1;
	b.uevent_fd = -1; /* look after every load */
	/* In sysfs order: the CPU, the IDE controller, then the disk a
	 * virtio bus announced. */
	T_INTEQ(modules_queue(&b.mods, "cpu:type:x86,ven0000fam0006mod003F:"
				       "feature:,0001,0094"),
		1, "queue: the CPU");
	T_INTEQ(modules_queue(&b.mods, "pci:v00008086d00007010sv00001AF4"
				       "sd00001100bc01sc01i80"),
		1, "queue: the IDE controller");
	T_INTEQ(modules_queue(&b.mods, "virtio:d00000002v00001AF4"), 1,
		"queue: the virtio disk");
	T_INTEQ(modules_queue(&b.mods, "virtio:d00000002v00001AF4"), 0,
		"queue: the same device once");
	T_INTEQ(modules_queue(&b.mods, "platform:serial8250"), 0,
		"queue: no driver in the image, not queued");

	T_INTEQ(root_spec_parse("/dev/vda", &spec, err, sizeof(err)), 0,
		"root=/dev/vda parses");
	/* No time at all: loading is not waiting, so the drivers load
	 * until the root is there. */
	T_INTEQ(wait_device_in(&b, sysfd, devfd, &spec, &set, 0, &bd), 0,
		"root first: found with rd.timeout=0");
	T_STREQ(bd ? bd->name : NULL, "vda", "root first: it is vda");
	T_STREQ(rf_loads, "virtio_blk.ko",
		"root first: the disk's driver first, probing in the load, "
		"and nothing after the root was there");
	modules_left(&b.mods, left, sizeof(left));
	T_STREQ(left, "crc32c_intel,ata_piix",
		"root first: the others are left to the real system");

	rf_loads[0] = '\0';
	T_INTEQ(root_spec_parse("/dev/vdb", &spec, err, sizeof(err)), 0,
		"root=/dev/vdb parses");
	T_INTEQ(wait_device_in(&b, sysfd, devfd, &spec, &set, 0, &bd), -ENOENT,
		"a root that is not there: not found");
	T_STREQ(rf_loads,
		"ata_piix.ko[async_probe] crc32c_intel.ko[async_probe]",
		"... after every queued driver loaded, the slow one first, "
		"each probing in the background");
	T_INTEQ(modules_pending(&b.mods), 0, "... and none is left");
	modules_close(&b.mods);
	close(root);
	close(sysfd);
	close(devfd);
	snprintf(path, sizeof(path), "rm -rf %s", rf_tmp);
	if (system(path) != 0)
		printf("# %s failed\n", path);
}

int main(void)
{
	T_INTEQ(ms_for("root=/dev/sda1"), 30000, "default 30 s");
	T_INTEQ(ms_for("root=/dev/sda1 rootwait"), -1, "rootwait: forever");
	T_INTEQ(ms_for("rootwait=7"), 7000, "rootwait=7");
	T_INTEQ(ms_for("rd.timeout=12"), 12000, "rd.timeout=12");
	T_INTEQ(ms_for("rootwait rd.timeout=5"), 5000,
		"rd.timeout bounds rootwait");
	T_INTEQ(ms_for("rootwait=0"), 0, "rootwait=0: one look");
	test_limits();
	test_socket_fails();
	test_root_first();
	T_DONE();
}
