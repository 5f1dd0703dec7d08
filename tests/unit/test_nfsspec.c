/* test_nfsspec.c - the network root grammars (the kernel's nfsroot=,
 * dracut's root=nfs:/nfs4:), the values the network completes them with,
 * the mount(2) arguments, and klibc's net-DEV.conf */
#include <errno.h>
#include <string.h>

#include "nfsspec.h"
#include "t.h"

/* root=, nfsroot=, then the network (client, ip= server, ROOTSERVER,
 * ROOTPATH), rw, and what mount(2) must get. */
static const struct {
	const char *root, *nfsroot;
	const char *client, *ip_server, *rootserver, *rootpath;
	int rw;
	const char *source, *type, *data, *module;
	int ro;
} good[] = {
	/* the kernel's grammar: server, path, options after the first ',' */
	{ "/dev/nfs", "10.0.2.2:/srv/root", "10.0.2.15", "", "10.0.2.9", "", 0,
	  "10.0.2.2:/srv/root", "nfs", "vers=3,addr=10.0.2.2,nolock", "nfsv3",
	  1 },
	{ "/dev/nfs", "10.0.2.2:/srv/root,port=2049,mountport=20048",
	  "10.0.2.15", "", "", "", 0, "10.0.2.2:/srv/root", "nfs",
	  "port=2049,mountport=20048,vers=3,addr=10.0.2.2,nolock", "nfsv3", 1 },
	/* no server: ip='s SERVER field first, then DHCP's ROOTSERVER */
	{ "/dev/nfs", "/srv/root", "10.0.2.15", "10.0.2.7", "10.0.2.9", "", 0,
	  "10.0.2.7:/srv/root", "nfs", "vers=3,addr=10.0.2.7,nolock", "nfsv3",
	  1 },
	{ "/dev/nfs", "/srv/root", "10.0.2.15", "", "10.0.2.9", "", 0,
	  "10.0.2.9:/srv/root", "nfs", "vers=3,addr=10.0.2.9,nolock", "nfsv3",
	  1 },
	/* %s is the client's address, every one of them */
	{ "/dev/nfs", "10.0.2.2:/srv/%s/x-%s", "10.0.2.15", "", "", "", 0,
	  "10.0.2.2:/srv/10.0.2.15/x-10.0.2.15", "nfs",
	  "vers=3,addr=10.0.2.2,nolock", "nfsv3", 1 },
	/* root=/dev/nfs alone: the DHCP root path, which may name the
	 * server and options itself (initramfs-tools' NFSROOT=auto) */
	{ "/dev/nfs", NULL, "10.0.2.15", "", "10.0.2.2", "/srv/root", 0,
	  "10.0.2.2:/srv/root", "nfs", "vers=3,addr=10.0.2.2,nolock", "nfsv3",
	  1 },
	{ "/dev/nfs", NULL, "10.0.2.15", "", "10.0.2.2",
	  "10.0.2.5:/srv/%s,vers=4.1", 1, "10.0.2.5:/srv/10.0.2.15", "nfs",
	  "vers=4.1,addr=10.0.2.5,clientaddr=10.0.2.15", "nfsv4", 0 },
	/* rw on the command line; ro/rw among the options win */
	{ "/dev/nfs", "10.0.2.2:/r", "10.0.2.15", "", "", "", 1, "10.0.2.2:/r",
	  "nfs", "vers=3,addr=10.0.2.2,nolock", "nfsv3", 0 },
	{ "/dev/nfs", "10.0.2.2:/r,rw", "10.0.2.15", "", "", "", 0,
	  "10.0.2.2:/r", "nfs", "vers=3,addr=10.0.2.2,nolock", "nfsv3", 0 },
	{ "/dev/nfs", "10.0.2.2:/r,ro,defaults,_netdev", "10.0.2.15", "", "",
	  "", 1, "10.0.2.2:/r", "nfs", "vers=3,addr=10.0.2.2,nolock", "nfsv3",
	  1 },
	/* a lock option of the user's: no nolock added */
	{ "/dev/nfs", "10.0.2.2:/r,lock", "10.0.2.15", "", "", "", 0,
	  "10.0.2.2:/r", "nfs", "lock,vers=3,addr=10.0.2.2", "nfsv3", 1 },
	{ "/dev/nfs", "10.0.2.2:/r,local_lock=none,nfsvers=2", "10.0.2.15", "",
	  "", "", 0, "10.0.2.2:/r", "nfs",
	  "local_lock=none,nfsvers=2,addr=10.0.2.2", "nfsv2", 1 },
	{ "/dev/nfs", "10.0.2.2:/r,v3,,tcp", "10.0.2.15", "", "", "", 0,
	  "10.0.2.2:/r", "nfs", "v3,tcp,addr=10.0.2.2,nolock", "nfsv3", 1 },
	/* dracut's grammar: options after a ':' */
	{ "nfs:10.0.2.2:/srv/root", NULL, "10.0.2.15", "", "", "", 0,
	  "10.0.2.2:/srv/root", "nfs", "vers=3,addr=10.0.2.2,nolock", "nfsv3",
	  1 },
	{ "nfs:10.0.2.2:/srv/root:port=2049,vers=3", "ignored:/x", "10.0.2.15",
	  "", "", "", 0, "10.0.2.2:/srv/root", "nfs",
	  "port=2049,vers=3,addr=10.0.2.2,nolock", "nfsv3", 1 },
	{ "nfs:/srv/%s:vers=3", NULL, "10.0.2.15", "", "10.0.2.2", "", 0,
	  "10.0.2.2:/srv/10.0.2.15", "nfs", "vers=3,addr=10.0.2.2,nolock",
	  "nfsv3", 1 },
	{ "nfs4:10.0.2.2:/srv/root", NULL, "10.0.2.15", "", "", "", 0,
	  "10.0.2.2:/srv/root", "nfs4",
	  "vers=4,addr=10.0.2.2,clientaddr=10.0.2.15", "nfsv4", 1 },
	{ "nfs4:10.0.2.2:/srv/root:vers=4.2,clientaddr=10.0.2.99", NULL,
	  "10.0.2.15", "", "", "", 0, "10.0.2.2:/srv/root", "nfs4",
	  "vers=4.2,clientaddr=10.0.2.99,addr=10.0.2.2", "nfsv4", 1 },
	/* nfs: alone: the DHCP root path */
	{ "nfs:", NULL, "10.0.2.15", "", "10.0.2.2", "/srv/root", 0,
	  "10.0.2.2:/srv/root", "nfs", "vers=3,addr=10.0.2.2,nolock", "nfsv3",
	  1 },
};

static void test_good(void)
{
	struct nfs_spec s;
	struct nfs_mount m;
	char err[240];
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *r = good[i].root;

		T_OK(nfs_root_is(r), "root=%s is a network root", r);
		T_INTEQ(nfs_spec_parse(r, good[i].nfsroot, &s, err,
				       sizeof(err)),
			0, "root=%s nfsroot=%s parses", r,
			good[i].nfsroot ? good[i].nfsroot : "-");
		T_INTEQ(nfs_spec_fill(&s, good[i].client, good[i].ip_server,
				      good[i].rootserver, good[i].rootpath, err,
				      sizeof(err)),
			0, "  and is completed (%s)", err);
		T_INTEQ(nfs_mount_args(&s, good[i].rw, good[i].client, &m, err,
				       sizeof(err)),
			0, "  and gives mount arguments (%s)", err);
		T_STREQ(m.source, good[i].source, "  source");
		T_STREQ(m.type, good[i].type, "  type");
		T_STREQ(m.data, good[i].data, "  options");
		T_STREQ(m.module, good[i].module, "  module");
		T_INTEQ(m.ro, good[i].ro, "  read-only");
	}
}

/* Refused while parsing: the message must hold why. */
static const struct {
	const char *root, *nfsroot, *why;
} bad_parse[] = {
	{ "/dev/sda1", NULL, "not a network root" },
	{ "/dev/nfs", "server:/srv/root", "'server' is not an IPv4 address" },
	{ "/dev/nfs", "10.0.2:/srv", "'10.0.2' is not an IPv4 address" },
	{ "/dev/nfs", "10.0.2.2:", "no path" },
	{ "/dev/nfs", "10.0.2.2:srv", "not absolute" },
	{ "/dev/nfs", ",vers=3", "no path" },
	{ "nfs:host:/x", NULL, "'host' is not an IPv4 address" },
	{ "nfs:abc", NULL, "not absolute" },
	{ "nfs4:10.0.2.2:", NULL, "no path" },
};

static void test_bad_parse(void)
{
	struct nfs_spec s;
	char err[240], long_path[400];
	size_t i;

	for (i = 0; i < sizeof(bad_parse) / sizeof(bad_parse[0]); i++) {
		T_INTEQ(nfs_spec_parse(bad_parse[i].root, bad_parse[i].nfsroot,
				       &s, err, sizeof(err)),
			-EINVAL, "root=%s nfsroot=%s is refused",
			bad_parse[i].root,
			bad_parse[i].nfsroot ? bad_parse[i].nfsroot : "-");
		T_OK(strstr(err, bad_parse[i].why) != NULL, "  because %s: %s",
		     bad_parse[i].why, err);
	}
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
	long_path[sizeof(long_path) - 1] = '\0';
	T_INTEQ(nfs_spec_parse("/dev/nfs", long_path, &s, err, sizeof(err)),
		-ENAMETOOLONG, "a path over %d bytes is refused",
		NFS_PATH_MAX - 1);
	T_OK(strstr(err, "longer than") != NULL, "  and said: %s", err);
	T_OK(!nfs_root_is(NULL) && !nfs_root_is("nfs") &&
		     !nfs_root_is("/dev/nfs2"),
	     "NULL, nfs, /dev/nfs2 are not network roots");
}

/* Refused when completing or building: the message must hold why. */
static const struct {
	const char *root, *nfsroot, *client, *rootserver, *rootpath, *why;
} bad_fill[] = {
	{ "/dev/nfs", NULL, "10.0.2.15", "10.0.2.2", "",
	  "sent no root path (option 17)" },
	{ "/dev/nfs", "/srv/root", "10.0.2.15", "", "", "no server is named" },
	{ "/dev/nfs", "/srv/root", "10.0.2.15", "boot.example", "",
	  "'boot.example' is not an IPv4 address" },
	{ "/dev/nfs", "10.0.2.2:/srv/%s", "", "", "", "holds %s" },
	{ "/dev/nfs", NULL, "10.0.2.15", "", "name:/x",
	  "the DHCP root path: the server 'name'" },
};

static const struct {
	const char *root, *nfsroot, *why;
} bad_args[] = {
	{ "/dev/nfs", "10.0.2.2:/r,addr=10.0.2.3", "addr=" },
	{ "/dev/nfs", "10.0.2.2:/r,vers=5", "'vers=5' names no NFS version" },
	{ "/dev/nfs", "10.0.2.2:/r,v9", "'v9' names no NFS version" },
	{ "nfs4:10.0.2.2:/r:vers=3", NULL, "root=nfs4: asks for NFSv4" },
};

static void test_bad_fill(void)
{
	struct nfs_spec s;
	struct nfs_mount m;
	char err[240], path[300];
	size_t i;

	for (i = 0; i < sizeof(bad_fill) / sizeof(bad_fill[0]); i++) {
		nfs_spec_parse(bad_fill[i].root, bad_fill[i].nfsroot, &s, err,
			       sizeof(err));
		T_INTEQ(nfs_spec_fill(&s, bad_fill[i].client, NULL,
				      bad_fill[i].rootserver,
				      bad_fill[i].rootpath, err, sizeof(err)),
			-EINVAL,
			"nfsroot=%s with the network's values: refused",
			bad_fill[i].nfsroot ? bad_fill[i].nfsroot : "-");
		T_OK(strstr(err, bad_fill[i].why) != NULL, "  because %s: %s",
		     bad_fill[i].why, err);
	}
	for (i = 0; i < sizeof(bad_args) / sizeof(bad_args[0]); i++) {
		T_INTEQ(nfs_spec_parse(bad_args[i].root, bad_args[i].nfsroot,
				       &s, err, sizeof(err)),
			0, "root=%s nfsroot=%s parses", bad_args[i].root,
			bad_args[i].nfsroot ? bad_args[i].nfsroot : "-");
		nfs_spec_fill(&s, "10.0.2.15", NULL, NULL, NULL, err,
			      sizeof(err));
		T_INTEQ(nfs_mount_args(&s, 0, "10.0.2.15", &m, err,
				       sizeof(err)),
			-EINVAL, "  but its options are refused");
		T_OK(strstr(err, bad_args[i].why) != NULL, "  because %s: %s",
		     bad_args[i].why, err);
	}
	/* %s growing the path past the limit */
	memset(path, 'a', sizeof(path));
	memcpy(path, "10.0.2.2:/", 10);
	memcpy(path + 240, "%s%s%s", 6);
	path[246] = '\0';
	nfs_spec_parse("/dev/nfs", path, &s, err, sizeof(err));
	T_INTEQ(nfs_spec_fill(&s, "10.0.2.15", NULL, NULL, NULL, err,
			      sizeof(err)),
		-ENAMETOOLONG, "%%s that makes the path too long is refused");
}

static void test_netconf(void)
{
	/* as klibc 2.0.13 writes it (quoted), and older ones (bare) */
	const char *conf = "DEVICE='eth0'\nPROTO='dhcp'\n"
			   "IPV4ADDR='10.0.2.15'\nROOTSERVER=10.0.2.2\n"
			   "ROOTPATH=''\nIPV4ADDRX=1\n'";
	char v[32];

	T_INTEQ(netconf_get(conf, "IPV4ADDR", v, sizeof(v)), 0,
		"IPV4ADDR is found");
	T_STREQ(v, "10.0.2.15", "  without its quotes");
	T_INTEQ(netconf_get(conf, "ROOTSERVER", v, sizeof(v)), 0,
		"ROOTSERVER (bare) is found");
	T_STREQ(v, "10.0.2.2", "  as it is");
	T_INTEQ(netconf_get(conf, "ROOTPATH", v, sizeof(v)), 0,
		"an empty ROOTPATH is found");
	T_STREQ(v, "", "  empty");
	T_INTEQ(netconf_get(conf, "IPV4", v, sizeof(v)), -ENOENT,
		"a prefix of a key is not the key");
	T_INTEQ(netconf_get(conf, "DEVICE", v, 3), -E2BIG,
		"a value longer than the buffer: -E2BIG");
	T_INTEQ(netconf_get("", "DEVICE", v, sizeof(v)), -ENOENT,
		"an empty file has no key");
}

int main(void)
{
	test_good();
	test_bad_parse();
	test_bad_fill();
	test_netconf();
	T_DONE();
}
