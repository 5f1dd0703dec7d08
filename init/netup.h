/* netup.h - the network before the root wait: ip= through klibc's
 * ipconfig from the image, which writes /run/net-DEV.conf */
#ifndef NEWROOT_NETUP_H
#define NEWROOT_NETUP_H

#include <stddef.h>

#include "boot.h"
#include "ipconf.h"

/* Seconds klibc's ipconfig tries before giving up (-t). */
#define NETUP_TIMEOUT 30
#define NETUP_MAX_ARGS 64
/* How long to wait for the interfaces ip= needs to appear. */
#define NETUP_IF_WAIT_MS 10000

/*
 * The -d arguments for ipconfig: each configuration in turn, one "-d
 * ip=..." each; one with every interface (ip=dhcp) is given once per
 * interface in ifaces that no other configuration names (klibc alone
 * would stop at the first that answers), so two NICs get two leases;
 * a client address without a device goes on the first interface only,
 * as the kernel does.  Those that are off are left out.  The strings go into buf; argv gets
 * "-d" and each string.  Returns how many argv entries, or -E2BIG.
 * Pure.
 */
int netup_args(const struct ipconf *c, int n, const char *const *ifaces,
	       int n_ifaces, char *buf, size_t size, const char **argv,
	       int max_argv);

/* The step of the mount stage before the wait: parse every ip=, run
 * ipconfig when one asks for a network.  A network that does not come up
 * is said, and the boot goes on (the root may be local).  Once per boot. */
int netup(struct boot *b);

#endif
