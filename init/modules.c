/* modules.c - load the image's kernel modules at boot, without libkmod:
 * the index newroot-mkimage wrote (modindex.h) says where each module is,
 * what it needs first and which device aliases it drives. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmdline.h"
#include "log.h"
#include "modindex.h"
#include "modules.h"
#include "sys.h"

#define MODNAME_MAX 64
#define PARAMS_MAX 1024

static int load_name(struct modules *m, const char *name);

static int finit_loader(int fd, const char *params, int flags, void *ctx)
{
	return sys_finit_module(fd, params, flags);
}

/* Read a whole file below dir into a fresh buffer with a terminator. */
static int read_file(int dir, const char *path, char **out, size_t *len)
{
	struct stat st;
	size_t got = 0;
	char *buf;
	int fd = openat(dir, path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) < 0 || st.st_size < 0) {
		int e = -errno;

		close(fd);
		return e;
	}
	buf = malloc((size_t)st.st_size + 1);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	while (got < (size_t)st.st_size) {
		ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	*out = buf;
	*len = got;
	return 0;
}

/* The one format the kernel decompresses modules from (CONFIG_MODULE_
 * COMPRESS_*), from /sys/module/compression. */
static void read_compression(struct modules *m)
{
	int fd = openat(m->sys, "module/compression", O_RDONLY | O_CLOEXEC);
	ssize_t n;

	m->kernel_decompress = fd >= 0;
	if (fd < 0)
		return;
	n = read(fd, m->kernel_comp, sizeof(m->kernel_comp) - 1);
	close(fd);
	m->kernel_comp[n > 0 ? n : 0] = '\0';
	m->kernel_comp[strcspn(m->kernel_comp, "\n")] = '\0';
}

int modules_open(struct modules *m, int root, int sys, const struct cmdline *cl)
{
	size_t len = 0;
	int r, line = 0;

	memset(m, 0, sizeof(*m));
	m->root = root;
	m->sys = sys;
	m->cl = cl;
	m->load = finit_loader;
	read_compression(m);
	r = read_file(root, MODINDEX_PATH, &m->buf, &len);
	if (r < 0)
		return r;
	r = modindex_parse(m->buf, len, &m->idx, &line);
	if (r == 0)
		m->ready = 1;
	if (r < 0) {
		log_err("/%s line %d: not a module index newroot-mkimage "
			"wrote; rebuild the image",
			MODINDEX_PATH, line);
		free(m->buf);
		m->buf = NULL;
	}
	return r;
}

void modules_close(struct modules *m)
{
	modules_queue_free(m);
	free(m->loaded);
	m->loaded = NULL;
	m->n_list = m->cap_list = 0;
	modindex_free(&m->idx);
	free(m->buf);
	m->buf = NULL;
	m->ready = 0;
}

/* The module is in the kernel already (loaded before us, or built in). */
static int in_kernel(struct modules *m, const char *name)
{
	char path[MODNAME_MAX + 16], *p;

	snprintf(path, sizeof(path), "module/%s", name);
	for (p = path; *p; p++)
		if (*p == '-')
			*p = '_';
	return faccessat(m->sys, path, F_OK, 0) == 0;
}

/* Options from the image, then MODULE.PARAM= from the command line (the
 * kernel takes the last value of a repeated parameter). */
static void build_params(struct modules *m, const struct modindex_mod *mod,
			 char *out, size_t size)
{
	size_t n;

	snprintf(out, size, "%s", mod->options);
	n = strlen(out);
	if (!m->cl || n + 1 >= size)
		return;
	if (n)
		out[n++] = ' ';
	if (cmdline_module_params(m->cl, mod->name, out + n, size - n) <= 0) {
		if (n)
			out[n - 1] = '\0';
		else
			out[0] = '\0';
	}
}

static int insert(struct modules *m, struct modindex_mod *mod)
{
	const char *comp = modindex_compression(mod->path);
	char params[PARAMS_MAX];
	int flags = 0, fd, r;

	if (comp) {
		if (m->kernel_decompress && m->kernel_comp[0] &&
		    strcmp(comp, m->kernel_comp)) {
			log_err("module %s: /%s is %s-compressed and this "
				"kernel decompresses %s only; rebuild the "
				"image with newroot-mkimage "
				"--decompress-modules",
				mod->name, mod->path, comp, m->kernel_comp);
			return -ENOEXEC;
		}
		if (!m->kernel_decompress) {
			log_err("module %s: /%s is compressed and this kernel "
				"cannot decompress modules (no "
				"/sys/module/compression); rebuild the image "
				"with newroot-mkimage --decompress-modules",
				mod->name, mod->path);
			return -ENOEXEC;
		}
		flags |= MODULE_INIT_COMPRESSED_FILE;
	}
	fd = openat(m->root, mod->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		r = -errno;
		log_err("module %s: cannot open /%s: %s", mod->name, mod->path,
			strerror(-r));
		return r;
	}
	build_params(m, mod, params, sizeof(params));
	/* A driver for a device that is there: its probe may run in the
	 * background, so a probe that sleeps (libata waits 150 ms after a
	 * reset) holds up no other load: the kernel makes every module's
	 * init wait for all background probes unless it asked for this. */
	if (m->async_probe &&
	    strlen(params) + sizeof(" async_probe") < sizeof(params))
		strcat(params, params[0] ? " async_probe" : "async_probe");
	r = m->load(fd, params, flags, m->load_ctx);
	close(fd);
	if (r == -EEXIST)
		return 0;
	if (r < 0) {
		log_err("loading module %s (/%s%s%s) failed: %s", mod->name,
			mod->path, params[0] ? " " : "", params, strerror(-r));
		return r;
	}
	m->n_loaded++;
	/* For the boot report; a module missing there is only that. */
	if (modindex_grow((void **)&m->loaded, m->n_list, &m->cap_list,
			  sizeof(*m->loaded)) == 0)
		m->loaded[m->n_list++] = mod;
	log_debug("loaded module %s%s%s", mod->name, params[0] ? " " : "",
		  params);
	return 0;
}

/* Load the modules of a comma list; softdeps are optional (strict 0). */
static int load_list(struct modules *m, const char *list, int strict,
		     const char *who)
{
	char name[MODNAME_MAX];
	const char *p = list;
	int r;

	while ((p = modindex_next(p, name, sizeof(name)))) {
		r = load_name(m, name);
		if (r < 0 && strict) {
			log_err("module %s needs %s, which did not load", who,
				name);
			return r;
		}
	}
	return 0;
}

static int load_mod(struct modules *m, struct modindex_mod *mod)
{
	int r;

	switch (mod->state) {
	case MOD_LOADED:
	case MOD_LOADING: /* a softdep cycle: it is on its way */
		return 0;
	case MOD_FAILED:
		return -EIO;
	}
	if (!mod->path || in_kernel(m, mod->name)) {
		mod->state = MOD_LOADED;
		return 0;
	}
	mod->state = MOD_LOADING;
	load_list(m, mod->pre, 0, mod->name);
	r = load_list(m, mod->deps, 1, mod->name);
	if (r == 0)
		r = insert(m, mod);
	if (r < 0) {
		mod->state = MOD_FAILED;
		m->n_failed++;
		return r;
	}
	mod->state = MOD_LOADED;
	load_list(m, mod->post, 0, mod->name);
	return 0;
}

struct alias_ctx {
	struct modules *m;
	int matched;
	int failed;
	int last_err;
};

static int load_alias(const struct modindex_alias *a, void *arg)
{
	struct alias_ctx *c = arg;
	struct modindex_mod *mod = modindex_find(&c->m->idx, a->name);
	int r;

	c->matched++;
	if (!mod)
		return 0; /* the writer promised; tolerate */
	r = load_mod(c->m, mod);
	if (r < 0) {
		c->failed++;
		c->last_err = r;
	}
	return 0;
}

static int load_name(struct modules *m, const char *name)
{
	struct modindex_mod *mod = modindex_find(&m->idx, name);
	struct alias_ctx c = { m, 0, 0, 0 };

	if (mod)
		return load_mod(m, mod);
	modindex_match(&m->idx, name, load_alias, &c);
	if (!c.matched)
		return in_kernel(m, name) ? 0 : -ENOENT;
	return c.failed ? c.last_err : 0;
}

int modules_load(struct modules *m, const char *name)
{
	int r = load_name(m, name);

	if (r == -ENOENT)
		log_err("module %s: not in this image; add it with "
			"newroot-mkimage -m %s",
			name, name);
	return r;
}

int modules_match_async(struct modules *m, const char *modalias, int async)
{
	struct alias_ctx c = { m, 0, 0, 0 };

	m->async_probe = async;
	modindex_match(&m->idx, modalias, load_alias, &c);
	m->async_probe = 0;
	return c.failed;
}

int modules_match(struct modules *m, const char *modalias)
{
	return modules_match_async(m, modalias, m->listening);
}

int modules_fs(struct modules *m, const char *fstype)
{
	char alias[MODNAME_MAX + 3];

	if (!fstype || !*fstype || in_kernel(m, fstype))
		return 0;
	if (modindex_find(&m->idx, fstype))
		return load_name(m, fstype);
	snprintf(alias, sizeof(alias), "fs-%s", fstype);
	return load_name(m, alias);
}

int modules_stage(struct modules *m, const struct cmdline *cl, int listening)
{
	int root = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int sys = open("/sys", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	uint64_t t0 = sys_now_ms();
	int i, r;

	if (root < 0 || sys < 0) {
		r = -errno;
		log_err("modules: cannot open / or /sys: %s", strerror(-r));
		goto fail;
	}
	/* A second run starts from a fresh index. */
	if (m->ready)
		modules_close(m);
	r = modules_open(m, root, sys, cl);
	if (r < 0)
		goto fail;
	m->listening = listening;
	if (m->idx.kver)
		log_debug("module index for kernel %s", m->idx.kver);
	for (i = 0; i < m->idx.n_load; i++)
		modules_load(m, m->idx.load[i]);
	for (i = 0; cl && i < cl->n_modules_load; i++)
		modules_load(m, cl->modules_load[i]);
	r = modules_coldplug(m);
	if (r < 0)
		log_warn("coldplug: cannot read /sys/bus or /sys/class: %s",
			 strerror(-r));
	log_info("modules: %d loaded, %d failed, %d device(s) queued for the "
		 "wait in %u ms",
		 m->n_loaded, m->n_failed, m->n_queue,
		 (unsigned)(sys_now_ms() - t0));
	return m->n_failed;
fail:
	if (root >= 0)
		close(root);
	if (sys >= 0)
		close(sys);
	return r;
}

int modules_uevent(struct modules *m, const char *modalias)
{
	if (!m || !m->ready || !modalias || !*modalias)
		return 0;
	/* Root first: the wait loads it when the root is not there yet. */
	if (m->listening)
		return modules_queue(m, modalias) < 0;
	return modules_match(m, modalias);
}

int modules_load_fs(struct modules *m, const char *fstype)
{
	if (!m || !m->ready)
		return -ENOENT;
	return modules_fs(m, fstype);
}
