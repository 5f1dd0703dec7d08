/* nfsspec.h - a network root on the command line: root=/dev/nfs with
 * nfsroot=, dracut's root=nfs:/nfs4:, and the mount(2) arguments they
 * make (pure; nfsroot.c waits and mounts) */
#ifndef NEWROOT_NFSSPEC_H
#define NEWROOT_NFSSPEC_H

#include <stdbool.h>
#include <stddef.h>

#include "ipconf.h"

#define NFS_PATH_MAX 256
#define NFS_OPTS_MAX 512

struct nfs_spec {
	bool v4; /* root=nfs4: */
	/* root=/dev/nfs without nfsroot=: the DHCP server's root path
	 * (klibc's ROOTPATH), as initramfs-tools' NFSROOT=auto. */
	bool from_dhcp;
	char server[IPCONF_ADDR]; /* "" until nfs_spec_fill() */
	char path[NFS_PATH_MAX]; /* may hold %s until nfs_spec_fill() */
	char opts[NFS_OPTS_MAX]; /* the user's options, as given */
};

/* What mount(2) gets. */
struct nfs_mount {
	char source[IPCONF_ADDR + NFS_PATH_MAX]; /* "10.0.2.2:/srv/root" */
	char type[8]; /* "nfs" or "nfs4" */
	char data[NFS_OPTS_MAX + 96]; /* the kernel's text options */
	bool ro;
	char module[8]; /* the version's module: nfsv2, nfsv3, nfsv4 */
};

/* root= names a network root: /dev/nfs, nfs:..., nfs4:... */
bool nfs_root_is(const char *root);

/*
 * Parse a network root= and nfsroot= (may be NULL):
 *   root=/dev/nfs nfsroot=[SERVER:]PATH[,OPTIONS]   the kernel's
 *                                     (Documentation/admin-guide/nfs/
 *                                     nfsroot.rst); %s in PATH is the
 *                                     client's address
 *   root=/dev/nfs                     the DHCP server's root path
 *   root=nfs:[SERVER:]PATH[:OPTIONS]  dracut's; nfs4: for NFSv4
 * SERVER is an IPv4 address (there is no DNS before the root).
 * Returns 0, or -EINVAL / -ENAMETOOLONG with a sentence in err.
 */
int nfs_spec_parse(const char *root, const char *nfsroot, struct nfs_spec *s,
		   char *err, size_t errsize);

/*
 * Complete s from the network: with no server, ip_server (ip='s SERVER
 * field) or else rootserver (klibc's ROOTSERVER, the DHCP server); for
 * from_dhcp, rootpath (ROOTPATH, read with the kernel's grammar); %s
 * in the path becomes client (the client's address).  Any may be NULL
 * or "".  Returns 0, or -EINVAL with a sentence in err.
 */
int nfs_spec_fill(struct nfs_spec *s, const char *client, const char *ip_server,
		  const char *rootserver, const char *rootpath, char *err,
		  size_t errsize);

/*
 * The mount(2) arguments for a filled s: the user's options less the
 * words only mount.nfs or fstab know (ro rw defaults _netdev bg fg auto
 * noauto), then addr=SERVER, vers=3 (vers=4 for nfs4:) unless a version
 * is given, nolock for v2/v3 unless a lock option is given (as klibc's
 * nfsmount and initramfs-tools do: no statd in the initramfs), and for
 * v4 clientaddr=client.  Read-only unless rw (the command line's, or
 * ro/rw among the options, which win).  Returns 0, or -EINVAL /
 * -E2BIG with a sentence in err.
 */
int nfs_mount_args(const struct nfs_spec *s, bool rw, const char *client,
		   struct nfs_mount *m, char *err, size_t errsize);

/*
 * The value of KEY in a /run/net-DEV.conf text (klibc's ipconfig writes
 * KEY=value or KEY='value', one a line) into out.  Returns 0, -ENOENT
 * when KEY is not there, -E2BIG when out is too small.
 */
int netconf_get(const char *text, const char *key, char *out, size_t size);

#endif
