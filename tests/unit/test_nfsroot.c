/* test_nfsroot.c - which /run/net-DEV.conf the NFS root takes its
 * address, server and root path from, on a fixture /run */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nfsroot.h"
#include "t.h"

static void put(int dir, const char *name, const char *text)
{
	int fd = openat(dir, name, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		perror(name);
	if (fd >= 0)
		close(fd);
}

int main(void)
{
	char tmpl[] = "/tmp/test_nfsroot.XXXXXX", cmd[64];
	struct nfs_lease l;
	int run;

	if (!mkdtemp(tmpl) ||
	    (run = open(tmpl, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		perror("fixture");
		return 1;
	}
	T_INTEQ(nfsroot_read_lease(run, &l), -ENOENT,
		"an empty /run: no lease");
	/* eth0 got no lease (ipconfig writes 0.0.0.0), eth1 did; files that
	 * are not net-*.conf are not read */
	put(run, "net-eth0.conf", "DEVICE='eth0'\nIPV4ADDR='0.0.0.0'\n");
	put(run, "net-eth1.conf",
	    "DEVICE='eth1'\nIPV4ADDR='10.0.3.15'\nROOTSERVER='10.0.3.2'\n"
	    "ROOTPATH='/srv/root'\n");
	put(run, "net-eth2.conf",
	    "DEVICE='eth2'\nIPV4ADDR='10.0.4.15'\nROOTSERVER='10.0.4.2'\n");
	put(run, "xnet-eth.conf", "IPV4ADDR='1.1.1.1'\n");
	put(run, "net-.conf", "IPV4ADDR='2.2.2.2'\n");
	T_INTEQ(nfsroot_read_lease(run, &l), 0, "a lease is found");
	T_STREQ(l.dev, "net-eth1.conf", "  the first file with an address");
	T_STREQ(l.addr, "10.0.3.15", "  its address");
	T_STREQ(l.server, "10.0.3.2", "  its ROOTSERVER");
	T_STREQ(l.rootpath, "/srv/root", "  its ROOTPATH");
	/* eth0 now has one: it comes first, and a ROOTSERVER of 0.0.0.0
	 * is no server */
	put(run, "net-eth0.conf",
	    "DEVICE='eth0'\nIPV4ADDR='10.0.2.15'\nROOTSERVER='0.0.0.0'\n");
	T_INTEQ(nfsroot_read_lease(run, &l), 0, "with eth0 configured");
	T_STREQ(l.dev, "net-eth0.conf", "  eth0 is taken");
	T_STREQ(l.server, "", "  ROOTSERVER 0.0.0.0 is none");
	T_STREQ(l.rootpath, "", "  no ROOTPATH");
	close(run);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpl);
	if (system(cmd) != 0)
		perror(cmd);
	T_DONE();
}
