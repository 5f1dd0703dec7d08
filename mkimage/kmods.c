/* kmods.c - the module closure, computed with libkmod the way modprobe
 * would load it: dependencies, softdeps, aliases, options, blacklists,
 * firmware; then the module files and the index the init reads */
#include <errno.h>
#include <libkmod.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mkimage.h"
#include "modindex.h"

static char *xasprintf(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));

static char *xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	return n < 0 ? NULL : s;
}

/* What the kernel's config says about modules it can decompress. */
static void read_kernel_config(struct modset *s)
{
	char *path = xasprintf("%s/boot/config-%s", s->basedir, s->kver);
	char line[256];
	int decompress = 0;
	FILE *f = path ? fopen(path, "re") : NULL;

	s->kernel_comp[0] = '\0';
	if (!f) {
		if (verbose)
			say("%s not found: modules are decompressed now", path);
		free(path);
		return;
	}
	while (fgets(line, sizeof(line), f)) {
		if (!strcmp(line, "CONFIG_MODULE_DECOMPRESS=y\n"))
			decompress = 1;
		else if (!strcmp(line, "CONFIG_MODULE_COMPRESS_XZ=y\n"))
			strcpy(s->kernel_comp, "xz");
		else if (!strcmp(line, "CONFIG_MODULE_COMPRESS_ZSTD=y\n"))
			strcpy(s->kernel_comp, "zstd");
		else if (!strcmp(line, "CONFIG_MODULE_COMPRESS_GZIP=y\n"))
			strcpy(s->kernel_comp, "gzip");
	}
	fclose(f);
	free(path);
	if (!decompress)
		s->kernel_comp[0] = '\0';
}

int modset_open(struct modset *s, const char *basedir, const char *kver,
		int decompress)
{
	const char *cfg[3];
	char *c1, *c2, *dep;
	struct stat st;

	memset(s, 0, sizeof(*s));
	s->basedir = strdup(basedir);
	s->kver = strdup(kver);
	s->moddir = xasprintf("%s/lib/modules/%s",
			      strcmp(basedir, "/") ? basedir : "", kver);
	if (!s->basedir || !s->kver || !s->moddir)
		return -ENOMEM;
	if (stat(s->moddir, &st) < 0 || !S_ISDIR(st.st_mode)) {
		int e = errno ? errno : ENOTDIR;

		say("%s: %s; install the kernel's modules or pass -b/-k",
		    s->moddir, strerror(e));
		return -e;
	}
	dep = xasprintf("%s/modules.dep", s->moddir);
	if (!dep || stat(dep, &st) < 0) {
		say("%s: %s; run depmod -b %s %s", dep, strerror(errno),
		    basedir, kver);
		free(dep);
		return -ENOENT;
	}
	free(dep);
	c1 = xasprintf("%s/etc/modprobe.d", s->basedir);
	c2 = xasprintf("%s/lib/modprobe.d", s->basedir);
	cfg[0] = c1;
	cfg[1] = c2;
	cfg[2] = NULL;
	s->ctx = kmod_new(s->moddir, cfg);
	free(c1);
	free(c2);
	if (!s->ctx) {
		say("%s: libkmod could not read it", s->moddir);
		return -EIO;
	}
	kmod_load_resources(s->ctx);
	read_kernel_config(s);
	s->keep_compressed = !decompress && s->kernel_comp[0];
	c1 = xasprintf("%s/lib/firmware", s->basedir);
	s->have_firmware = c1 && stat(c1, &st) == 0 && S_ISDIR(st.st_mode);
	if (!s->have_firmware && verbose)
		say("%s: no such directory; no firmware is added", c1);
	free(c1);
	return 0;
}

static int find_mod(struct modset *s, const char *name)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (!modindex_namecmp(s->m[i].name, name))
			return i;
	return -1;
}

/* A firmware name a module's modinfo gives, kept when it names a file
 * below lib/firmware: a module is data, and "../../etc/shadow" would copy
 * that host file into the image. */
static void add_firmware(struct modset *s, const char *module, const char *fw)
{
	char name[PATH_MAX];
	int i;

	if (*fw == '/' || image_path_clean(fw, name, sizeof(name)) < 0) {
		say("warning: module %s names firmware '%s' outside "
		    "lib/firmware; left out",
		    module, fw);
		return;
	}
	for (i = 0; i < s->n_fw; i++)
		if (!strcmp(s->firmware[i], name))
			return;
	if (modindex_grow((void **)&s->firmware, s->n_fw, &s->cap_fw,
			  sizeof(char *)))
		return;
	s->firmware[s->n_fw++] = strdup(name);
}

static int add_mod(struct modset *s, struct kmod_module *mod);

/* Add each module of list and return their names as a comma list. */
static char *add_list(struct modset *s, struct kmod_list *list)
{
	struct buf names = { 0 };
	struct kmod_list *l;

	kmod_list_foreach(l, list)
	{
		struct kmod_module *d = kmod_module_get_module(l);
		int i = add_mod(s, d);

		kmod_module_unref(d);
		if (i < 0)
			continue;
		buf_printf(&names, "%s%s", names.len ? "," : "", s->m[i].name);
	}
	buf_add(&names, "", 1);
	return (char *)names.p;
}

static int add_mod(struct modset *s, struct kmod_module *mod)
{
	const char *name = kmod_module_get_name(mod), *path, *opts;
	struct kmod_list *deps, *pre = NULL, *post = NULL, *info = NULL, *l;
	char *d, *p, *q;
	int i = find_mod(s, name);

	if (i >= 0)
		return i;
	if (modindex_grow((void **)&s->m, s->n, &s->cap, sizeof(*s->m)))
		return -ENOMEM;
	i = s->n++;
	memset(&s->m[i], 0, sizeof(s->m[i]));
	s->m[i].name = strdup(name);
	s->m[i].state = 1;
	path = kmod_module_get_path(mod);
	if (path)
		s->m[i].src = strdup(path);
	opts = kmod_module_get_options(mod);
	if (opts && *opts)
		s->m[i].options = strdup(opts);

	deps = kmod_module_get_dependencies(mod);
	d = add_list(s, deps);
	kmod_module_unref_list(deps);
	kmod_module_get_softdeps(mod, &pre, &post);
	p = add_list(s, pre);
	q = add_list(s, post);
	kmod_module_unref_list(pre);
	kmod_module_unref_list(post);
	/* s->m may have moved while the closure grew. */
	s->m[i].deps = d;
	s->m[i].pre = p;
	s->m[i].post = q;

	/* Reading modinfo decompresses the whole module (half the build
	 * time for .ko.xz): only worth it when there is firmware to take. */
	if (path && s->have_firmware && kmod_module_get_info(mod, &info) >= 0) {
		kmod_list_foreach(l, info)
		{
			if (!strcmp(kmod_module_info_get_key(l), "firmware"))
				add_firmware(s, kmod_module_get_name(mod),
					     kmod_module_info_get_value(l));
		}
		kmod_module_info_free_list(info);
	}
	s->m[i].state = 2;
	return i;
}

static void add_load(struct modset *s, const char *name)
{
	int i;

	for (i = 0; i < s->n_load; i++)
		if (!strcmp(s->load[i], name))
			return;
	if (modindex_grow((void **)&s->load, s->n_load, &s->cap_load,
			  sizeof(char *)))
		return;
	s->load[s->n_load++] = strdup(name);
}

int modset_add(struct modset *s, const char *name, int flags)
{
	struct kmod_list *list = NULL, *filtered = NULL, *l;
	int r, n = 0, exact = 0;

	r = kmod_module_new_from_lookup(s->ctx, name, &list);
	if (r < 0 || !list) {
		if (flags & MODSET_QUIET)
			return -ENOENT;
		say("unknown module '%s': no module or alias of that name for "
		    "kernel %s in %s",
		    name, s->kver, s->moddir);
		return -ENOENT;
	}
	kmod_list_foreach(l, list)
	{
		struct kmod_module *m = kmod_module_get_module(l);

		if (!modindex_namecmp(kmod_module_get_name(m), name))
			exact = 1;
		kmod_module_unref(m);
	}
	/* As modprobe: blacklist applies to aliases, not to a module
	 * asked for by its own name. */
	if (!exact) {
		if (kmod_module_apply_filter(s->ctx, KMOD_FILTER_BLACKLIST,
					     list, &filtered) < 0)
			filtered = NULL;
		kmod_module_unref_list(list);
		list = filtered;
		if (!list)
			say("warning: '%s': every module for it is "
			    "blacklisted in modprobe.d; none added",
			    name);
	}
	kmod_list_foreach(l, list)
	{
		struct kmod_module *m = kmod_module_get_module(l);
		int i = add_mod(s, m);

		kmod_module_unref(m);
		if (i < 0) {
			r = i;
			break;
		}
		n++;
		if (flags & MODSET_LOAD)
			add_load(s, s->m[i].name);
	}
	kmod_module_unref_list(list);
	if (verbose)
		say("%s: %d module(s)", name, n);
	return r < 0 ? r : 0;
}

/* A file of the module directory, NUL-terminated; 0 or -errno (said). */
static int read_tree_file(struct modset *s, const char *name, struct buf *b)
{
	char *path = xasprintf("%s/%s", s->moddir, name);
	int r = path ? buf_read_file(b, path) : -ENOMEM;

	if (r < 0)
		say("%s/%s: %s", s->moddir, name, strerror(-r));
	else
		r = buf_add(b, "", 1);
	free(path);
	return r;
}

int modset_add_tree(struct modset *s)
{
	struct buf b = { 0 };
	char *line, *save;
	int r = read_tree_file(s, "modules.dep", &b);

	if (r < 0)
		return r;
	for (line = strtok_r((char *)b.p, "\n", &save); line && r == 0;
	     line = strtok_r(NULL, "\n", &save)) {
		char *colon = strchr(line, ':'), *name, *ko;

		if (!colon)
			continue;
		*colon = '\0';
		name = strrchr(line, '/');
		name = name ? name + 1 : line;
		ko = strstr(name, ".ko");
		if (ko)
			*ko = '\0';
		r = modset_add(s, name, 0);
	}
	buf_free(&b);
	return r;
}

/* The kernel asks for the codepage and iocharset modules of a FAT
 * filesystem with request_module(), which has no modprobe to run in the
 * image: load those that are in the image after the filesystem. */
static void fat_nls(struct modset *s)
{
	static const char *const fat[] = { "vfat", "msdos", "fat" };
	unsigned i;
	int j;

	for (i = 0; i < sizeof(fat) / sizeof(fat[0]); i++) {
		int k = find_mod(s, fat[i]);
		struct buf b = { 0 };

		if (k < 0 || !s->m[k].src)
			continue;
		buf_printf(&b, "%s", s->m[k].post ? s->m[k].post : "");
		for (j = 0; j < s->n; j++)
			if (!strncmp(s->m[j].name, "nls_", 4) && s->m[j].src)
				buf_printf(&b, "%s%s", b.len ? "," : "",
					   s->m[j].name);
		buf_add(&b, "", 1);
		free(s->m[k].post);
		s->m[k].post = (char *)b.p;
	}
}

static int cmp_mod(const void *a, const void *b)
{
	return strcmp(((const struct kmodule *)a)->name,
		      ((const struct kmodule *)b)->name);
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

static int add_module_file(struct modset *s, struct image *im,
			   struct kmodule *m)
{
	size_t mlen = strlen(s->moddir);
	const char *rel = m->src, *comp = modindex_compression(m->src);
	struct buf file = { 0 }, dec = { 0 };
	size_t used;
	int r;

	if (!strncmp(rel, s->moddir, mlen) && rel[mlen] == '/')
		rel += mlen + 1;
	r = buf_read_file(&file, m->src);
	if (r < 0) {
		say("%s: %s", m->src, strerror(-r));
		return r;
	}
	if (comp && !(s->keep_compressed && !strcmp(comp, s->kernel_comp))) {
		r = decompress_auto(file.p, file.len, &dec, &used);
		buf_free(&file);
		if (r < 0) {
			say("%s: cannot decompress it", m->src);
			buf_free(&dec);
			return r;
		}
		file = dec;
		m->dst = xasprintf("lib/modules/%s/%.*s", s->kver,
				   (int)(strrchr(rel, '.') - rel), rel);
	} else {
		m->dst = xasprintf("lib/modules/%s/%s", s->kver, rel);
	}
	r = m->dst ? image_add_file(im, m->dst, 0644, &file) : -ENOMEM;
	buf_free(&file);
	return r;
}

static void add_firmware_files(struct modset *s, struct image *im)
{
	int i;

	for (i = 0; i < s->n_fw; i++) {
		char *src = xasprintf("%s/lib/firmware/%s", s->basedir,
				      s->firmware[i]);
		char *dst = xasprintf("lib/firmware/%s", s->firmware[i]);
		struct stat st;

		if (src && dst && stat(src, &st) == 0) {
			if (image_add_host(im, src, dst) < 0)
				say("warning: firmware %s: cannot read it",
				    src);
		} else {
			say("warning: firmware %s is not in %s/lib/firmware",
			    s->firmware[i], s->basedir);
		}
		free(src);
		free(dst);
	}
}

/* modules.alias, restricted to the modules in the image. */
static int add_aliases(struct modset *s, struct buf *idx)
{
	struct buf b = { 0 };
	char *line, *save;
	int r = read_tree_file(s, "modules.alias", &b);

	if (r < 0)
		return r;
	for (line = strtok_r((char *)b.p, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		char *pat, *name;
		int i;

		if (strncmp(line, "alias ", 6))
			continue;
		pat = line + 6;
		name = strchr(pat, ' ');
		if (!name)
			continue;
		*name++ = '\0';
		i = find_mod(s, name);
		if (i >= 0 && s->m[i].src)
			buf_printf(idx, "a %s %s\n", pat, s->m[i].name);
	}
	buf_free(&b);
	return 0;
}

int modset_emit(struct modset *s, struct image *im)
{
	struct buf idx = { 0 };
	char **load;
	int i, r = 0;

	fat_nls(s);
	/* The load list is kept by name: sorting moves the modules. */
	load = s->load;
	qsort(s->m, (size_t)s->n, sizeof(*s->m), cmp_mod);
	buf_printf(&idx, "%s\nk %s\n", MODINDEX_MAGIC, s->kver);
	for (i = 0; i < s->n && r == 0; i++) {
		struct kmodule *m = &s->m[i];

		if (!m->src) {
			buf_printf(&idx, "b %s\n", m->name);
			continue;
		}
		if (s->in_place) {
			size_t n = strlen(s->moddir);

			if (strncmp(m->src, s->moddir, n) || m->src[n] != '/') {
				say("%s: not below %s", m->src, s->moddir);
				r = -EINVAL;
				break;
			}
			m->dst = xasprintf("lib/modules/%s%s", s->kver,
					   m->src + n);
			r = m->dst ? 0 : -ENOMEM;
		} else {
			r = add_module_file(s, im, m);
		}
		buf_printf(&idx, "m %s %s %s %s %s\n", m->name, m->dst,
			   or_dash(m->deps), or_dash(m->pre), or_dash(m->post));
	}
	for (i = 0; i < s->n; i++)
		if (s->m[i].options)
			buf_printf(&idx, "o %s %s\n", s->m[i].name,
				   s->m[i].options);
	if (r == 0)
		r = add_aliases(s, &idx);
	for (i = 0; i < s->n_load; i++)
		buf_printf(&idx, "l %s\n", load[i]);
	if (!s->in_place)
		add_firmware_files(s, im);
	if (r == 0)
		r = image_add_file(im, MODINDEX_PATH, 0644, &idx);
	buf_free(&idx);
	return r;
}

void modset_close(struct modset *s)
{
	int i;

	for (i = 0; i < s->n; i++) {
		struct kmodule *m = &s->m[i];

		free(m->name);
		free(m->src);
		free(m->dst);
		free(m->deps);
		free(m->pre);
		free(m->post);
		free(m->options);
	}
	for (i = 0; i < s->n_load; i++)
		free(s->load[i]);
	for (i = 0; i < s->n_fw; i++)
		free(s->firmware[i]);
	free(s->m);
	free(s->load);
	free(s->firmware);
	free(s->moddir);
	free(s->basedir);
	free(s->kver);
	if (s->ctx)
		kmod_unref(s->ctx);
	memset(s, 0, sizeof(*s));
}
