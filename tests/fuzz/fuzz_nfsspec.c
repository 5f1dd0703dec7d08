/* fuzz_nfsspec.c - libFuzzer harness over the network root grammars:
 * the input is root=, nfsroot=, the DHCP root path and a net-DEV.conf,
 * separated by newlines.  What parses is completed and turned into
 * mount(2) arguments; every refusal says why, and what is accepted
 * names the server and an absolute path. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzztext.h"
#include "nfsspec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char *field(char **p)
{
	char *s = *p, *nl;

	if (!s)
		return NULL;
	nl = strchr(s, '\n');
	if (nl) {
		*nl = '\0';
		*p = nl + 1;
	} else {
		*p = NULL;
	}
	return s;
}

static void said(const char *err, size_t size)
{
	if (!memchr(err, 0, size) || !err[0])
		__builtin_trap(); /* every refusal says why */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nfs_spec s;
	struct nfs_mount m;
	char err[240], addr[IPCONF_ADDR], server[IPCONF_ADDR], path[300];
	char *text, *p, *root, *nfsroot, *rootpath, *conf;

	text = fuzz_text(data, size, 4096, &size);
	if (!text)
		return 0;
	p = text;
	root = field(&p);
	nfsroot = field(&p);
	rootpath = field(&p);
	conf = p ? p : "";
	if (netconf_get(conf, "IPV4ADDR", addr, sizeof(addr)) < 0)
		strcpy(addr, "10.0.2.15");
	if (netconf_get(conf, "ROOTSERVER", server, sizeof(server)) < 0)
		server[0] = '\0';
	netconf_get(conf, "ROOTPATH", path, sizeof(path));
	if (nfs_spec_parse(root, nfsroot && *nfsroot ? nfsroot : NULL, &s, err,
			   sizeof(err)) < 0) {
		said(err, sizeof(err));
		goto out;
	}
	if (nfs_spec_fill(&s, addr, NULL, server, rootpath, err, sizeof(err)) <
	    0) {
		said(err, sizeof(err));
		goto out;
	}
	if (!s.server[0] || s.path[0] != '/' || s.from_dhcp)
		__builtin_trap(); /* filled: a server and an absolute path */
	if (nfs_mount_args(&s, size & 1, addr, &m, err, sizeof(err)) < 0) {
		said(err, sizeof(err));
		goto out;
	}
	if (strncmp(m.source, s.server, strlen(s.server)) ||
	    !strstr(m.data, "addr=") || !m.module[0] ||
	    (strcmp(m.type, "nfs") && strcmp(m.type, "nfs4")))
		__builtin_trap();
out:
	free(text);
	return 0;
}
