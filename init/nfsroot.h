/* nfsroot.h - mount a network root (root=/dev/nfs, nfs:, nfs4:) */
#ifndef NEWROOT_NFSROOT_H
#define NEWROOT_NFSROOT_H

#include "boot.h"
#include "nfsspec.h"

/* What the network gave, from one /run/net-DEV.conf. */
struct nfs_lease {
	char dev[IPCONF_DEV + 16]; /* the file's name: "net-eth0.conf" */
	char addr[IPCONF_ADDR]; /* IPV4ADDR */
	char server[IPCONF_ADDR]; /* ROOTSERVER; "" for none or 0.0.0.0 */
	char rootpath[NFS_PATH_MAX]; /* ROOTPATH */
};

/* The first net-*.conf in rundir (by name: eth0 before eth1) whose
 * IPV4ADDR is an address, into l; -ENOENT when none is. */
int nfsroot_read_lease(int rundir, struct nfs_lease *l);

/* Before netup(): a network root with no ip= gets ip=dhcp, as
 * initramfs-tools configures the network for BOOT=nfs; said once. */
void nfsroot_want_network(struct boot *b);

/*
 * After netup(): the address, server and root path from the first
 * /run/net-*.conf with an address, the spec completed from them, the
 * NFS modules loaded, and mount(2) at NEWROOT_DIR tried again until
 * rootwait=/rd.timeout= (30 s by default) runs out.  Fills in
 * b->root_dev ("SERVER:/PATH") and b->root_type.  Returns 0, or -errno
 * after a message naming the server, the path, the error and what to
 * check.
 */
int nfsroot_mount(struct boot *b);

#endif
