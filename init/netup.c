/* netup.c - ip=: configure the network before the root is looked for
 *
 * As initramfs-tools' configure_networking does, klibc's ipconfig from
 * the image does the work (DHCP, BOOTP, static) and writes
 * /run/net-DEV.conf, which Debian's tools read on the real system.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "netup.h"
#include "sys.h"
#include "waitroot.h"

/* Where images carry it: initramfs-tools' /bin/ipconfig, klibc-utils'
 * own path (newroot-mkimage --add-program keeps it). */
static const char *const ipconfig_paths[] = {
	"/bin/ipconfig",
	"/sbin/ipconfig",
	"/usr/bin/ipconfig",
	"/usr/sbin/ipconfig",
	"/usr/lib/klibc/bin/ipconfig",
};

static int named(const struct ipconf *c, int n, const char *dev)
{
	int i;

	for (i = 0; i < n; i++)
		if (!ipconf_all_devices(&c[i]) && !strcmp(c[i].device, dev))
			return 1;
	return 0;
}

/* One "-d" and its string; -E2BIG when argv or buf is full. */
static int add_arg(const struct ipconf *c, const char *dev, char *buf,
		   size_t size, size_t *used, const char **argv, int max,
		   int *argc)
{
	int n;

	if (*argc + 2 > max)
		return -E2BIG;
	n = ipconf_format(c, dev, buf + *used, size - *used);
	if (n < 0)
		return n;
	argv[(*argc)++] = "-d";
	argv[(*argc)++] = buf + *used;
	*used += (size_t)n + 1;
	return 0;
}

int netup_args(const struct ipconf *c, int n, const char *const *ifaces,
	       int n_ifaces, char *buf, size_t size, const char **argv,
	       int max_argv)
{
	size_t used = 0;
	int i, j, k, argc = 0, r = 0;

	for (i = 0; i < n && r == 0; i++) {
		if (c[i].proto == IP_OFF)
			continue;
		if (!ipconf_all_devices(&c[i])) {
			r = add_arg(&c[i], NULL, buf, size, &used, argv,
				    max_argv, &argc);
			continue;
		}
		/* One address belongs on one interface: the first. */
		for (j = 0, k = 0;
		     j < n_ifaces && r == 0 && !(c[i].client[0] && k); j++)
			if (!named(c, n, ifaces[j]) && ++k)
				r = add_arg(&c[i], ifaces[j], buf, size, &used,
					    argv, max_argv, &argc);
	}
	return r < 0 ? r : argc;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The interfaces in /sys/class/net but lo, sorted (eth0 before eth1),
 * into names (IPCONF_DEV bytes each); returns how many. */
static int list_ifaces(char (*names)[IPCONF_DEV], const char **ptrs, int max)
{
	DIR *d = opendir("/sys/class/net");
	struct dirent *de;
	int n = 0;

	if (!d)
		return 0;
	while ((de = readdir(d)) && n < max) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "lo") ||
		    strlen(de->d_name) >= IPCONF_DEV)
			continue;
		strcpy(names[n], de->d_name);
		ptrs[n] = names[n];
		n++;
	}
	closedir(d);
	qsort(ptrs, (size_t)n, sizeof(ptrs[0]), name_cmp);
	return n;
}

/* Every interface c names is in ifaces, and there is one at all. */
static int ifaces_ready(const struct ipconf *c, int n, const char **ifaces,
			int n_if)
{
	int i, j, found;

	for (i = 0; i < n; i++) {
		if (c[i].proto == IP_OFF || ipconf_all_devices(&c[i]))
			continue;
		for (found = 0, j = 0; j < n_if && !found; j++)
			found = !strcmp(ifaces[j], c[i].device);
		if (!found)
			return 0;
	}
	return n_if > 0;
}

/* The NICs' drivers may load only now, from the uevents of the devices
 * a bus driver (virtio_pci ...) brought up during coldplug: wait for
 * them, then a little longer for the other NICs of the same driver. */
static int wait_ifaces(struct boot *b, const struct ipconf *c, int n,
		       char (*names)[IPCONF_DEV], const char **ifaces, int max)
{
	uint64_t end = sys_now_ms() + NETUP_IF_WAIT_MS;
	int n_if;

	for (;;) {
		n_if = list_ifaces(names, ifaces, max);
		if (ifaces_ready(c, n, ifaces, n_if) || sys_now_ms() >= end)
			break;
		delay_with_uevents(b, 100);
	}
	if (n_if > 0) {
		delay_with_uevents(b, 250);
		n_if = list_ifaces(names, ifaces, max);
	}
	return n_if;
}

static const char *find_ipconfig(void)
{
	size_t i;

	for (i = 0; i < sizeof(ipconfig_paths) / sizeof(ipconfig_paths[0]); i++)
		if (access(ipconfig_paths[i], X_OK) == 0)
			return ipconfig_paths[i];
	return NULL;
}

static int run(const char *const *argv)
{
	int status;
	pid_t pid = fork(), w;

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	while ((w = waitpid(pid, &status, 0)) != pid)
		if (w < 0 && errno != EINTR)
			return -errno;
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

/* Parse every ip= into c; returns how many ask for a network. */
static int parse_all(const struct cmdline *cl, struct ipconf *c)
{
	char err[200];
	int i, want = 0;

	for (i = 0; i < cl->n_ip; i++) {
		if (ipconf_parse(cl->ip[i], &c[i], err, sizeof(err)) < 0) {
			log_err("ip=%s cannot be understood: %s; that "
				"interface is left unconfigured",
				cl->ip[i], err);
			c[i].proto = IP_OFF;
		}
		want += c[i].proto != IP_OFF;
	}
	return want;
}

int netup(struct boot *b)
{
	static int done;
	static struct ipconf c[CMDLINE_MAX_IP];
	static char names[32][IPCONF_DEV], buf[4096];
	const char *ifaces[32], *argv[NETUP_MAX_ARGS + 4], *prog;
	char secs[16];
	int n_if, argc, r;

	if (done || !b->cl.n_ip)
		return 0;
	done = 1;
	if (!parse_all(&b->cl, c))
		return 0;
	prog = find_ipconfig();
	if (!prog) {
		log_err("ip=%s asks for a network, but the image has no "
			"ipconfig (looked in /bin, /sbin, /usr/bin, /usr/sbin, "
			"/usr/lib/klibc/bin); build it with newroot-mkimage "
			"--add-program /usr/lib/klibc/bin/ipconfig "
			"(klibc-utils); the boot goes on without a network",
			b->cl.ip[0]);
		return 0;
	}
	n_if = wait_ifaces(b, c, b->cl.n_ip, names, ifaces, 32);
	snprintf(secs, sizeof(secs), "%d", NETUP_TIMEOUT);
	argv[0] = prog;
	argv[1] = "-t";
	argv[2] = secs;
	argc = netup_args(c, b->cl.n_ip, ifaces, n_if, buf, sizeof(buf),
			  argv + 3, NETUP_MAX_ARGS);
	if (argc < 0) {
		log_err("ip=: too many interfaces for one ipconfig (%d at "
			"most); name the one to configure with "
			"ip=:::::DEV:dhcp",
			NETUP_MAX_ARGS / 2);
		return 0;
	}
	if (argc == 0) {
		log_err("ip=%s: no network interface but lo after %d s; add "
			"its driver to the image (newroot-mkimage -m "
			"virtio_net, e1000, ...); the boot goes on without a "
			"network",
			b->cl.ip[0], NETUP_IF_WAIT_MS / 1000);
		return 0;
	}
	argv[3 + argc] = NULL;
	log_info("configuring the network: %s -t %s %s ...", prog, secs,
		 argv[4]);
	r = run(argv);
	if (r != 0)
		log_warn("%s exited with %s %d: not every interface of ip= is "
			 "configured (see its lines above); the boot goes on",
			 prog, r < 0 ? "error" : "status", r < 0 ? -r : r);
	return 0;
}
