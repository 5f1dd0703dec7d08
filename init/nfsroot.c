/* nfsroot.c - the root over NFS: what the network said, then mount(2)
 *
 * klibc's ipconfig (netup.c) leaves the lease in /run/net-DEV.conf:
 * IPV4ADDR, ROOTSERVER (the DHCP server) and ROOTPATH (option 17), the
 * same values initramfs-tools' nfs script reads.  The mount itself is
 * the kernel's NFS client with text options (nfsspec.c), so no
 * mount.nfs is needed in the image.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "nfsroot.h"
#include "nfsspec.h"
#include "sys.h"
#include "waitroot.h"

void nfsroot_want_network(struct boot *b)
{
	if (!nfs_root_is(b->cl.root) || b->cl.n_ip)
		return;
	log_info("root=%s without ip=: DHCP on every interface, as "
		 "initramfs-tools does for an NFS root",
		 b->cl.root);
	b->cl.ip[0] = "dhcp";
	b->cl.n_ip = 1;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* One net-DEV.conf into l; 0 when it gives an address. */
static int read_conf(int dir, const char *name, struct nfs_lease *l)
{
	char buf[4096];
	ssize_t n;
	int fd = openat(dir, name, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return -ENOENT;
	buf[n] = '\0';
	memset(l, 0, sizeof(*l));
	if (netconf_get(buf, "IPV4ADDR", l->addr, sizeof(l->addr)) < 0 ||
	    !l->addr[0] || !strcmp(l->addr, "0.0.0.0"))
		return -ENOENT;
	netconf_get(buf, "ROOTSERVER", l->server, sizeof(l->server));
	if (!strcmp(l->server, "0.0.0.0"))
		l->server[0] = '\0';
	netconf_get(buf, "ROOTPATH", l->rootpath, sizeof(l->rootpath));
	snprintf(l->dev, sizeof(l->dev), "%s", name);
	return 0;
}

int nfsroot_read_lease(int rundir, struct nfs_lease *l)
{
	DIR *d;
	struct dirent *de;
	char *names[32];
	int n = 0, i, r = -ENOENT, fd = dup(rundir);

	if (fd < 0)
		return -errno;
	/* The copy shares rundir's offset: start from the top. */
	lseek(fd, 0, SEEK_SET);
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -ENOMEM;
	}
	while ((de = readdir(d)) && n < 32)
		if (!strncmp(de->d_name, "net-", 4) && strlen(de->d_name) > 9 &&
		    !strcmp(de->d_name + strlen(de->d_name) - 5, ".conf"))
			names[n] = strdup(de->d_name), n += !!names[n];
	qsort(names, (size_t)n, sizeof(*names), name_cmp);
	for (i = 0; i < n; i++) {
		if (r < 0)
			r = read_conf(dirfd(d), names[i], l);
		free(names[i]);
	}
	closedir(d);
	return r;
}

/* The SERVER field of the first ip= that has one. */
static void ip_server(const struct cmdline *cl, char *out)
{
	struct ipconf c;
	char err[8];
	int i;

	out[0] = '\0';
	for (i = 0; i < cl->n_ip && !out[0]; i++)
		if (ipconf_parse(cl->ip[i], &c, err, sizeof(err)) == 0)
			strcpy(out, c.server);
}

/* The errors that may pass: the server is starting, the link is
 * coming up.  A version or option the kernel refuses will not. */
static int transient(int e)
{
	return e != EINVAL && e != ENODEV && e != EPROTONOSUPPORT &&
	       e != ENAMETOOLONG;
}

static void load_modules(struct boot *b, const struct nfs_mount *m)
{
	int r = modules_load(&b->mods, "nfs");

	/* nfs asks for the version's module through modprobe, which the
	 * image has not: load it first. */
	if (r == 0)
		r = modules_load(&b->mods, m->module);
	if (r < 0 && r != -ENOENT)
		log_warn("loading the NFS modules (nfs, %s) failed: %s",
			 m->module, strerror(-r));
}

static int try_mounts(struct boot *b, const struct nfs_mount *m)
{
	int ms = wait_timeout_ms(&b->cl), last = 0, r;
	uint64_t end = sys_now_ms() + (uint64_t)(ms < 0 ? 0 : ms);
	unsigned pause = 500;

	for (;;) {
		r = mount(m->source, NEWROOT_DIR, m->type,
			  m->ro ? MS_RDONLY : 0, m->data);
		if (r == 0)
			return 0;
		r = errno;
		if (r != last)
			log_warn("mount %s (%s, %s) failed: %s; trying again",
				 m->source, m->type, m->data, strerror(r));
		last = r;
		if (!transient(r) || (ms >= 0 && sys_now_ms() >= end))
			return -r;
		delay_with_uevents(b, (int)pause);
		if (pause < 4000)
			pause *= 2;
	}
}

int nfsroot_mount(struct boot *b)
{
	struct nfs_spec s;
	struct nfs_mount m;
	struct nfs_lease l;
	char err[240], ips[IPCONF_ADDR];
	int r, run;

	r = nfs_spec_parse(b->cl.root, b->cl.nfsroot, &s, err, sizeof(err));
	if (r < 0) {
		log_err("root=%s%s%s cannot be understood: %s", b->cl.root,
			b->cl.nfsroot ? " nfsroot=" : "",
			b->cl.nfsroot ? b->cl.nfsroot : "", err);
		return r;
	}
	run = open("/run", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	r = run < 0 ? -errno : nfsroot_read_lease(run, &l);
	if (run >= 0)
		close(run);
	if (r < 0) {
		log_err("root=%s is a network root, but no interface has an "
			"address (no /run/net-*.conf with IPV4ADDR): check "
			"ip= (not off), that the image has the NIC's driver "
			"(newroot-mkimage -m virtio_net, e1000 ...) and "
			"klibc's ipconfig, and the DHCP server",
			b->cl.root);
		return -ENETUNREACH;
	}
	ip_server(&b->cl, ips);
	r = nfs_spec_fill(&s, l.addr, ips, l.server, l.rootpath, err,
			  sizeof(err));
	if (r == 0)
		r = nfs_mount_args(&s, b->cl.rw, l.addr, &m, err, sizeof(err));
	if (r < 0) {
		log_err("root=%s: %s (the network: %s, address %s, server "
			"%s)",
			b->cl.root, err, l.dev, l.addr,
			l.server[0] ? l.server : "none");
		return r;
	}
	load_modules(b, &m);
	if (mkdir(NEWROOT_DIR, 0755) < 0 && errno != EEXIST)
		return -errno;
	log_info("mounting %s as %s from %s (%s)", m.source, m.type, l.addr,
		 m.data);
	r = try_mounts(b, &m);
	if (r < 0) {
		log_err("unable to mount the NFS root %s: %s; check that the "
			"server %s answers from %s (nfsd, mountd, and "
			"rpcbind unless port= and mountport= are given) and "
			"exports %s, or give the options it needs after the "
			"path (,vers=4 ,port=N ,mountport=N ,proto=tcp)",
			m.source, strerror(-r), s.server, l.addr, s.path);
		return r;
	}
	snprintf(b->root_dev, sizeof(b->root_dev), "%s", m.source);
	snprintf(b->root_type, sizeof(b->root_type), "%s", m.type);
	log_info("mounted %s on %s as %s (%s)", m.source, NEWROOT_DIR, m.type,
		 m.ro ? "read-only" : "read-write");
	return 0;
}
