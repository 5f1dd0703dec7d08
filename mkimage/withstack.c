/* withstack.c - --with crypt,lvm,md (and --host-only's stack): the helper
 * programs newroot's unlockers run, their configuration for a system
 * without udev or daemons, and the kernel modules they need loaded
 * before them (nothing in the initramfs answers the kernel's
 * request_module(), so a dm target or md personality must be there) */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "elfdeps.h"
#include "stack.h"

struct with {
	const char *name;
	unsigned kind;
	const char *program; /* found in /usr/sbin /sbin /usr/bin /bin */
	const char *package; /* Debian's, for the message */
	const char *load[6]; /* modules loaded at boot */
	const char *extra; /* in the image, loaded by coldplug when wanted */
	const char *dlopen; /* a library the program loads at run time */
};

static const struct with withs[] = {
	{ "crypt",
	  STACK_CRYPT,
	  "cryptsetup",
	  "cryptsetup-bin",
	  /* aes-xts-plain64 (LUKS2's default) and aes-cbc-essiv (old
	   * LUKS1); algif_skcipher lets cryptsetup decrypt key slots
	   * without a temporary dm device */
	  { "dm_mod", "dm_crypt", "xts", "essiv", "algif_skcipher" },
	  "aesni_intel",
	  /* argon2's threads end in pthread_exit(), whose unwinding
	   * glibc loads from libgcc_s: without it a key slot made with
	   * more than one thread (cryptsetup's default) aborts */
	  "libgcc_s.so.1" },
	{ "lvm",
	  STACK_LVM,
	  "lvm",
	  "lvm2",
	  { "dm_mod", "dm_snapshot", "dm_mirror" },
	  NULL,
	  NULL },
	{ "md",
	  STACK_MD,
	  "mdadm",
	  "mdadm",
	  { "md_mod", "raid0", "raid1", "raid10", "raid456" },
	  NULL,
	  NULL },
};

#define N_WITH (sizeof(withs) / sizeof(withs[0]))

/* For lvm running alone: no udev to make nodes or wait for, no dmeventd
 * or lvmpolld, no backups written into the image.  Event activation
 * stays on: newroot runs "pvscan --cache -aay" for each PV that appears
 * (docs/devices.md), and with it off pvscan activates nothing. */
static const char lvm_conf[] =
	"# /etc/lvm/lvm.conf for newroot's initramfs (newroot-mkimage):\n"
	"# no udev, no daemons; lvm makes the device nodes itself.\n"
	"devices {\n"
	"\tobtain_device_list_from_udev = 0\n"
	"\texternal_device_info_source = \"none\"\n"
	"}\n"
	"activation {\n"
	"\tudev_sync = 0\n"
	"\tudev_rules = 0\n"
	"\tverify_udev_operations = 0\n"
	"\tmonitoring = 0\n"
	"}\n"
	"global {\n"
	"\tuse_lvmpolld = 0\n"
	"\tevent_activation = 1\n"
	"}\n"
	"backup {\n"
	"\tbackup = 0\n"
	"\tarchive = 0\n"
	"}\n";

/* No ARRAY lines: every array found is assembled, under the name its
 * superblock gives, whichever host made it. */
static const char mdadm_conf[] =
	"# /etc/mdadm/mdadm.conf for newroot's initramfs (newroot-mkimage):\n"
	"# assemble every array found, named as its superblock says.\n"
	"HOMEHOST <ignore>\n"
	"AUTO +all\n";

int with_parse(const char *list, unsigned *kinds)
{
	const char *p = list;

	while (*p) {
		size_t n = strcspn(p, ","), i;

		for (i = 0; i < N_WITH; i++)
			if (strlen(withs[i].name) == n &&
			    !strncmp(withs[i].name, p, n))
				break;
		if (n && i == N_WITH && n == 4 && !strncmp(p, "fsck", 4)) {
			*kinds |= WITH_FSCK; /* with.c */
		} else if (n && i == N_WITH) {
			say("--with %s: no feature '%.*s'; known: crypt, lvm, "
			    "md, fsck",
			    list, (int)n, p);
			return -EINVAL;
		} else if (n) {
			*kinds |= withs[i].kind;
		}
		p += n;
		if (*p)
			p++;
	}
	return 0;
}

static int find_program(const char *name, char *out, size_t size)
{
	static const char *const dirs[] = { "/usr/sbin", "/sbin", "/usr/bin",
					    "/bin" };
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(out, size, "%s/%s", dirs[i], name);
		if (stat(out, &st) == 0 && S_ISREG(st.st_mode))
			return 0;
	}
	return -ENOENT;
}

static int add_text(struct image *im, const char *path, const char *text)
{
	struct buf b = { 0 };

	if (buf_add(&b, text, strlen(text)) < 0)
		return -ENOMEM;
	return image_add_file(im, path, 0644, &b);
}

struct keyctx {
	struct image *im;
	const char *root;
};

/* A key file crypttab names: into the image when it is a file here. */
static int add_key(const char *path, void *arg)
{
	struct keyctx *k = arg;
	char src[PATH_MAX * 2];
	struct stat st;
	int r;

	if (!strncmp(path, "/dev/", 5))
		return 0; /* a raw device (a USB stick): read at boot */
	snprintf(src, sizeof(src), "%s%s", strcmp(k->root, "/") ? k->root : "",
		 path);
	if (stat(src, &st) < 0 || !S_ISREG(st.st_mode)) {
		say("warning: /etc/crypttab names the key file %s, which is "
		    "not a file here; the boot will ask for the passphrase",
		    src);
		return 0;
	}
	r = image_add_host(k->im, src, path + 1);
	if (r < 0)
		say("%s: %s", src, strerror(-r));
	else
		say("--host-only: the key file %s (named in /etc/crypttab) is "
		    "in the image: keep the image as private as the key",
		    path);
	return r;
}

/* The host's crypttab lines for the root's dm-crypt devices. */
static int add_crypttab(struct image *im, const struct stack *st,
			const char *root)
{
	char path[PATH_MAX];
	struct buf in = { 0 }, out = { 0 };
	struct keyctx k = { im, root };
	int r;

	snprintf(path, sizeof(path), "%s/etc/crypttab",
		 strcmp(root, "/") ? root : "");
	r = buf_read_file(&in, path);
	if (r == -ENOENT)
		return 0;
	if (r < 0) {
		say("%s: %s", path, strerror(-r));
		return r;
	}
	r = crypttab_filter((const char *)in.p, in.len, st, &out, add_key, &k);
	buf_free(&in);
	if (r == 0 && out.len)
		return image_add_file(im, "etc/crypttab", 0644, &out);
	buf_free(&out);
	return r;
}

static int add_mdadm_conf(struct image *im, const char *root, int host)
{
	static const char *const names[] = { "/etc/mdadm/mdadm.conf",
					     "/etc/mdadm.conf" };
	char path[PATH_MAX];
	struct stat st;
	size_t i;

	for (i = 0; host && i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s%s",
			 strcmp(root, "/") ? root : "", names[i]);
		if (stat(path, &st) == 0 && S_ISREG(st.st_mode))
			return image_add_host(im, path, "etc/mdadm/mdadm.conf");
	}
	return add_text(im, "etc/mdadm/mdadm.conf", mdadm_conf);
}

static void add_module(struct modset *s, const char *name, int flags)
{
	if (modset_add(s, name, flags | MODSET_QUIET) == -ENOENT &&
	    (flags & MODSET_LOAD))
		say("warning: module %s is not in kernel %s; left out", name,
		    s->kver);
}

static int with_one(struct image *im, struct modset *s, const struct with *w,
		    unsigned given, const struct stack *st)
{
	char path[PATH_MAX], link[PATH_MAX];
	int i, r;

	if (find_program(w->program, path, sizeof(path)) < 0) {
		say("%s %s needs %s, which is not in /usr/sbin, /sbin, "
		    "/usr/bin or /bin: install %s",
		    given & w->kind ? "--with"
				    : "--host-only (the root's stack)",
		    w->name, w->program, w->package);
		return -ENOENT;
	}
	r = image_add_program(im, path);
	snprintf(link, sizeof(link), "sbin/%s", w->program);
	if (r == 0 && strcmp(path + 1, link))
		r = image_add_symlink(im, link, path);
	if (r == 0 && w->dlopen)
		r = image_add_library(im, w->dlopen);
	if (r < 0)
		return r;
	for (i = 0;
	     i < (int)(sizeof(w->load) / sizeof(w->load[0])) && w->load[i];
	     i++) {
		/* md: host-only without --with md takes only the levels
		 * the root's arrays have. */
		if (w->kind == STACK_MD && !(given & STACK_MD) && i > 0)
			break;
		add_module(s, w->load[i], MODSET_LOAD);
	}
	if (w->kind == STACK_MD && st)
		for (i = 0; i < st->n_md; i++) {
			snprintf(link, sizeof(link), "md-%s", st->md_level[i]);
			add_module(s, link, MODSET_LOAD);
		}
	if (w->extra)
		add_module(s, w->extra, 0);
	return 0;
}

int with_emit(struct image *im, struct modset *s, unsigned kinds,
	      const struct stack *st, const char *root)
{
	unsigned all = kinds | (st ? st->kinds : 0);
	size_t i;
	int r = 0;

	for (i = 0; i < N_WITH && r == 0; i++)
		if (all & withs[i].kind)
			r = with_one(im, s, &withs[i], kinds, st);
	if (r == 0 && (all & STACK_LVM))
		r = add_text(im, "etc/lvm/lvm.conf", lvm_conf);
	if (r == 0 && (all & STACK_MD))
		r = add_mdadm_conf(im, root, st && (st->kinds & STACK_MD));
	if (r == 0 && st && st->n_crypt)
		r = add_crypttab(im, st, root);
	return r;
}
