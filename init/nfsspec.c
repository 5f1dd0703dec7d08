/* nfsspec.c - the network root grammars and the mount(2) arguments
 *
 * The kernel's nfsroot= (fs/nfs/nfsroot.c): a server only when the text
 * before the first ':' is a dotted quad, options after the first ','.
 * dracut's root=nfs:[SERVER:]PATH[:OPTIONS] (modules.d/95nfs).  The
 * options follow klibc's nfsmount as initramfs-tools runs it (nolock,
 * read-only unless rw); the kernel's text options replace its binary
 * mount data, so addr= carries the server as mount.nfs would.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nfsspec.h"

static int fail(char *err, size_t errsize, int r, const char *fmt, ...)
{
	va_list ap;

	if (err && errsize) {
		va_start(ap, fmt);
		vsnprintf(err, errsize, fmt, ap);
		va_end(ap);
	}
	return r;
}

static int copy(char *out, size_t size, const char *s, size_t n)
{
	if (n >= size)
		return -ENAMETOOLONG;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

bool nfs_root_is(const char *root)
{
	return root &&
	       (!strcmp(root, "/dev/nfs") || !strncmp(root, "nfs:", 4) ||
		!strncmp(root, "nfs4:", 5));
}

/* [SERVER:]PATH into s: a server only when it is a dotted quad; a
 * colon before the path that follows no address is refused (the kernel
 * would take it all as the path, which no server exports). */
static int server_path(const char *t, size_t n, struct nfs_spec *s,
		       const char *what, char *err, size_t errsize)
{
	const char *colon = memchr(t, ':', n);

	s->server[0] = '\0';
	if (colon && (size_t)(colon - t) < strcspn(t, "/")) {
		if (ipconf_addr(t, (size_t)(colon - t), s->server) < 0)
			return fail(err, errsize, -EINVAL,
				    "%s: the server '%.*s' is not an IPv4 "
				    "address (no DNS before the root); write "
				    "SERVER-IP:/PATH",
				    what, (int)(colon - t), t);
		n -= (size_t)(colon + 1 - t);
		t = colon + 1;
	}
	if (n == 0)
		return fail(err, errsize, -EINVAL,
			    "%s: no path to mount; write [SERVER-IP:]/PATH",
			    what);
	if (t[0] != '/')
		return fail(err, errsize, -EINVAL,
			    "%s: the path '%.*s' is not absolute; write "
			    "[SERVER-IP:]/PATH",
			    what, (int)n, t);
	if (copy(s->path, sizeof(s->path), t, n) < 0)
		return fail(err, errsize, -ENAMETOOLONG,
			    "%s: the path is longer than %d bytes", what,
			    NFS_PATH_MAX - 1);
	return 0;
}

/* The options after the path (o may be NULL: none). */
static int set_opts(struct nfs_spec *s, const char *o, const char *what,
		    char *err, size_t errsize)
{
	s->opts[0] = '\0';
	if (o && copy(s->opts, sizeof(s->opts), o, strlen(o)) < 0)
		return fail(err, errsize, -ENAMETOOLONG,
			    "%s: the options are longer than %d bytes", what,
			    NFS_OPTS_MAX - 1);
	return 0;
}

/* The kernel's [SERVER:]PATH[,OPTIONS]. */
static int parse_kernel(const char *t, struct nfs_spec *s, const char *what,
			char *err, size_t errsize)
{
	size_t n = strcspn(t, ",");
	int r = server_path(t, n, s, what, err, errsize);

	if (r < 0)
		return r;
	return set_opts(s, t[n] ? t + n + 1 : NULL, what, err, errsize);
}

/* dracut's [SERVER:]PATH[:OPTIONS]. */
static int parse_dracut(const char *t, struct nfs_spec *s, const char *what,
			char *err, size_t errsize)
{
	const char *p = t, *opts;
	int r;

	if (*p != '/')
		p += strcspn(p, ":") + (p[strcspn(p, ":")] == ':');
	opts = strchr(p, ':');
	r = server_path(t, opts ? (size_t)(opts - t) : strlen(t), s, what, err,
			errsize);
	if (r < 0)
		return r;
	return set_opts(s, opts ? opts + 1 : NULL, what, err, errsize);
}

int nfs_spec_parse(const char *root, const char *nfsroot, struct nfs_spec *s,
		   char *err, size_t errsize)
{
	const char *rest;

	memset(s, 0, sizeof(*s));
	if (err && errsize)
		err[0] = '\0';
	if (!nfs_root_is(root))
		return fail(err, errsize, -EINVAL,
			    "not a network root: expected root=/dev/nfs, "
			    "root=nfs:... or root=nfs4:...");
	if (!strcmp(root, "/dev/nfs")) {
		if (!nfsroot || !*nfsroot) {
			s->from_dhcp = true;
			return 0;
		}
		return parse_kernel(nfsroot, s, "nfsroot=", err, errsize);
	}
	s->v4 = root[3] == '4';
	rest = root + (s->v4 ? 5 : 4);
	if (!*rest) {
		s->from_dhcp = true;
		return 0;
	}
	return parse_dracut(rest, s, s->v4 ? "root=nfs4:" : "root=nfs:", err,
			    errsize);
}

/* Every %s of s->path becomes client, as the kernel's snprintf does. */
static int subst_client(struct nfs_spec *s, const char *client, char *err,
			size_t errsize)
{
	char out[NFS_PATH_MAX];
	const char *p = s->path;
	size_t o = 0, cl = client ? strlen(client) : 0;

	if (!strstr(p, "%s"))
		return 0;
	if (!cl)
		return fail(err, errsize, -EINVAL,
			    "the path %s holds %%s (the client's address), "
			    "but the network gave this machine no address",
			    s->path);
	while (*p) {
		if (p[0] == '%' && p[1] == 's') {
			if (o + cl >= sizeof(out))
				break;
			memcpy(out + o, client, cl);
			o += cl;
			p += 2;
			continue;
		}
		if (o + 1 >= sizeof(out))
			break;
		out[o++] = *p++;
	}
	if (*p)
		return fail(err, errsize, -ENAMETOOLONG,
			    "the path %s with %%s replaced by %s is longer "
			    "than %d bytes",
			    s->path, client, NFS_PATH_MAX - 1);
	out[o] = '\0';
	memcpy(s->path, out, o + 1);
	return 0;
}

int nfs_spec_fill(struct nfs_spec *s, const char *client, const char *ip_server,
		  const char *rootserver, const char *rootpath, char *err,
		  size_t errsize)
{
	int r;

	if (err && errsize)
		err[0] = '\0';
	if (s->from_dhcp) {
		if (!rootpath || !*rootpath)
			return fail(err, errsize, -EINVAL,
				    "no nfsroot= and the DHCP server sent no "
				    "root path (option 17); add "
				    "nfsroot=SERVER-IP:/PATH");
		r = parse_kernel(rootpath, s, "the DHCP root path", err,
				 errsize);
		if (r < 0)
			return r;
		s->from_dhcp = false;
	}
	if (!s->server[0]) {
		const char *from =
			ip_server && *ip_server ? ip_server : rootserver;

		if (!from || !*from)
			return fail(err, errsize, -EINVAL,
				    "no server is named and the network gave "
				    "none (ip='s SERVER field, DHCP's "
				    "ROOTSERVER); write SERVER-IP:%s",
				    s->path);
		if (ipconf_addr(from, strlen(from), s->server) < 0)
			return fail(err, errsize, -EINVAL,
				    "the network's server '%s' is not an "
				    "IPv4 address; write SERVER-IP:%s",
				    from, s->path);
	}
	return subst_client(s, client, err, errsize);
}

/* Words mount.nfs or fstab take that the kernel's parser refuses. */
static const char *const dropped[] = { "ro",   "rw",	 "defaults", "_netdev",
				       "auto", "noauto", "bg",	     "fg" };

static bool is_word(const char *o, size_t n, const char *w)
{
	return strlen(w) == n && !strncmp(o, w, n);
}

static bool has_key(const char *o, size_t n, const char *key)
{
	size_t k = strlen(key);

	return n > k && !strncmp(o, key, k) && o[k] == '=';
}

/* The module for a version: "3" -> nfsv3; NULL for one no kernel has. */
static const char *vers_module(const char *v, size_t n)
{
	if (is_word(v, n, "2"))
		return "nfsv2";
	if (is_word(v, n, "3"))
		return "nfsv3";
	if (is_word(v, n, "4") || is_word(v, n, "4.0") ||
	    is_word(v, n, "4.1") || is_word(v, n, "4.2"))
		return "nfsv4";
	return NULL;
}

static int add(char *out, size_t size, size_t *len, const char *o, size_t n)
{
	if (*len + (*len > 0) + n >= size)
		return -E2BIG;
	if (*len)
		out[(*len)++] = ',';
	memcpy(out + *len, o, n);
	*len += n;
	out[*len] = '\0';
	return 0;
}

int nfs_mount_args(const struct nfs_spec *s, bool rw, const char *client,
		   struct nfs_mount *m, char *err, size_t errsize)
{
	const char *o = s->opts, *mod = NULL;
	bool lock = false, caddr = false, keep;
	char extra[64];
	size_t n, i, len = 0;
	int r = 0;

	memset(m, 0, sizeof(*m));
	m->ro = !rw;
	if (err && errsize)
		err[0] = '\0';
	for (; *o; o += n + (o[n] == ',')) {
		n = strcspn(o, ",");
		if (!n)
			continue;
		if (is_word(o, n, "ro") || is_word(o, n, "rw"))
			m->ro = o[1] == 'o';
		for (keep = true, i = 0; i < sizeof(dropped) / sizeof(*dropped);
		     i++)
			keep = keep && !is_word(o, n, dropped[i]);
		if (!keep)
			continue;
		if (has_key(o, n, "addr"))
			return fail(err, errsize, -EINVAL,
				    "the options name addr=: give the server "
				    "before the path instead");
		if (has_key(o, n, "vers") || has_key(o, n, "nfsvers") ||
		    (n > 1 && o[0] == 'v' && o[1] >= '0' && o[1] <= '9')) {
			const char *v =
				o[0] == 'v' && o[1] != 'e'
					? o + 1
					: (const char *)memchr(o, '=', n) + 1;

			mod = vers_module(v, n - (size_t)(v - o));
			if (!mod)
				return fail(err, errsize, -EINVAL,
					    "the option '%.*s' names no NFS "
					    "version the kernel has (2, 3, 4, "
					    "4.0, 4.1, 4.2)",
					    (int)n, o);
		}
		lock = lock || is_word(o, n, "lock") ||
		       is_word(o, n, "nolock") || has_key(o, n, "local_lock");
		caddr = caddr || has_key(o, n, "clientaddr");
		if (add(m->data, sizeof(m->data), &len, o, n) < 0)
			return fail(err, errsize, -E2BIG, "too many options");
	}
	if (s->v4 && mod && strcmp(mod, "nfsv4"))
		return fail(err, errsize, -EINVAL,
			    "root=nfs4: asks for NFSv4 but the options ask "
			    "for %s; use root=nfs: for NFSv2/3",
			    mod);
	if (!mod) {
		mod = s->v4 ? "nfsv4" : "nfsv3";
		r = add(m->data, sizeof(m->data), &len,
			s->v4 ? "vers=4" : "vers=3", 6);
	}
	snprintf(m->module, sizeof(m->module), "%s", mod);
	snprintf(extra, sizeof(extra), "addr=%s", s->server);
	if (r == 0)
		r = add(m->data, sizeof(m->data), &len, extra, strlen(extra));
	if (r == 0 && strcmp(mod, "nfsv4") && !lock)
		r = add(m->data, sizeof(m->data), &len, "nolock", 6);
	if (r == 0 && !strcmp(mod, "nfsv4") && !caddr && client && *client) {
		snprintf(extra, sizeof(extra), "clientaddr=%s", client);
		r = add(m->data, sizeof(m->data), &len, extra, strlen(extra));
	}
	if (r < 0)
		return fail(err, errsize, -E2BIG, "too many options");
	snprintf(m->type, sizeof(m->type), "%s", s->v4 ? "nfs4" : "nfs");
	snprintf(m->source, sizeof(m->source), "%s:%s", s->server, s->path);
	return 0;
}

int netconf_get(const char *text, const char *key, char *out, size_t size)
{
	size_t k = strlen(key), n;
	const char *l, *v;

	for (l = text; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		if (strncmp(l, key, k) || l[k] != '=')
			continue;
		v = l + k + 1;
		n = strcspn(v, "\n");
		if (n >= 2 && v[0] == '\'' && v[n - 1] == '\'') {
			v++;
			n -= 2;
		}
		if (n >= size)
			return -E2BIG;
		memcpy(out, v, n);
		out[n] = '\0';
		return 0;
	}
	return -ENOENT;
}
