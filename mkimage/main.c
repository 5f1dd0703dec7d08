/* newroot-mkimage - build a boot image: /init (newroot), the kernel
 * modules the boot needs with an index the init reads, and a reproducible
 * newc cpio, compressed */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cpioread.h"
#include "elfdeps.h"
#include "mkimage.h"
#include "modindex.h"
#include "stack.h"

#define EXIT_USAGE 100

/* One image that boots from virtio-blk, virtio-scsi, AHCI, ATA PIIX,
 * NVMe and USB storage, with the usual root filesystems.  Missing ones
 * are skipped with a warning: kernels differ.  Left out, as no root sits
 * behind them in this set (each is one -m away): sr_mod and cdrom (an
 * optical disc's root needs isofs too), uhci_hcd and ohci_pci (USB 1.1:
 * a USB disk's root is reached through EHCI or xHCI, which serve the
 * same ports) and overlay (newroot mounts no overlay itself; a hook that
 * does brings its module). */
static const char *const default_modules[] = {
	"virtio_pci",	 "virtio_blk",	"virtio_scsi", "sd_mod",
	"ahci",		 "ata_piix",	"ata_generic", "pata_acpi",
	"nvme",		 "usb_storage", "uas",	       "xhci_pci",
	"ehci_pci",	 "ext4",	"xfs",	       "btrfs",
	"vfat",		 "nls_cp437",	"nls_ascii",   "nls_utf8",
	"nls_iso8859-1", "f2fs",	"squashfs",    "erofs",
};

static const char usage[] =
	"usage: newroot-mkimage -o OUT [-k KVER] [-b BASEDIR] "
	"[-m MOD[,MOD...]]...\n"
	"         [--no-defaults] [--host-only] "
	"[--compress zstd|gzip|xz|lz4|none]\n"
	"         [--add SRC[:DST]]... [--init PATH] [--decompress-modules] "
	"[-v]\n"
	"         [--add-program PATH]... [--with crypt,lvm,md,fsck]\n"
	"         [--host-root DIR] [--root-device MAJ:MIN]\n"
	"       newroot-mkimage --index-only -o OUT -b BASEDIR [-k KVER] "
	"[-m MOD[,MOD...]]...\n"
	"       newroot-mkimage --list IMAGE\n";

struct opts {
	const char *out, *kver, *basedir, *init, *list;
	char **mods;
	int n_mods;
	char **adds; /* SRC[:DST] as given */
	char **add_src, **add_dst; /* split, DST cleaned (check_adds) */
	int n_adds;
	char **programs; /* --add-program PATH */
	int n_programs;
	int no_defaults, host_only, decompress, index_only;
	enum comp comp;
	unsigned with; /* STACK_* of --with */
	const char *host_root; /* --host-root: where host-only reads */
	const char *root_device; /* --root-device MAJ:MIN */
	struct stack stack; /* host-only: the root's stack */
};

static int list_image(const char *path)
{
	struct buf b = { 0 };
	int r = buf_read_file(&b, path);

	if (r < 0) {
		say("%s: %s", path, strerror(-r));
		return 1;
	}
	r = cpio_list(b.p, b.len, cpio_print_entry, stdout, 0);
	buf_free(&b);
	if (r == -ELOOP)
		say("%s: compressed archives nested more than %d deep; this "
		    "is no boot image",
		    path, CPIO_MAX_DEPTH);
	else if (r < 0)
		say("%s: damaged, or not a newc cpio archive (plain, zstd, "
		    "gzip, xz or lz4)",
		    path);
	return r < 0 ? 1 : 0;
}

/* SOURCE_DATE_EPOCH, the mtime of every entry: decimal seconds that fit
 * the archive's 8 hex digits.  Unset or empty: 0. */
static int source_date_epoch(unsigned long *mtime)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	unsigned long long v = 0;
	const char *c;

	for (c = s; c && *c; c++) {
		if (*c < '0' || *c > '9' || v > 0xffffffffULL)
			break;
		v = v * 10 + (unsigned)(*c - '0');
	}
	if (c && (*c || v > 0xffffffffULL)) {
		say("SOURCE_DATE_EPOCH=%s: not a time a newc archive can hold "
		    "(decimal seconds from 0 to 4294967295); fix or unset it",
		    s);
		return -ERANGE;
	}
	*mtime = (unsigned long)v;
	return 0;
}

/* The newroot binary installed beside this program. */
static int default_init(char *out, size_t size)
{
	char self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);

	if (n < 0)
		return -errno;
	self[n] = '\0';
	snprintf(out, size, "%s/newroot", dirname(self));
	return 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	enum {
		O_NODEF = 256,
		O_HOST,
		O_COMP,
		O_ADD,
		O_INIT,
		O_LIST,
		O_DEC,
		O_INDEX,
		O_PROG,
		O_WITH,
		O_HOSTROOT,
		O_ROOTDEV
	};
	static const struct option lo[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "kver", required_argument, NULL, 'k' },
		{ "basedir", required_argument, NULL, 'b' },
		{ "modules", required_argument, NULL, 'm' },
		{ "no-defaults", no_argument, NULL, O_NODEF },
		{ "host-only", no_argument, NULL, O_HOST },
		{ "compress", required_argument, NULL, O_COMP },
		{ "add", required_argument, NULL, O_ADD },
		{ "add-program", required_argument, NULL, O_PROG },
		{ "with", required_argument, NULL, O_WITH },
		{ "host-root", required_argument, NULL, O_HOSTROOT },
		{ "root-device", required_argument, NULL, O_ROOTDEV },
		{ "init", required_argument, NULL, O_INIT },
		{ "list", required_argument, NULL, O_LIST },
		{ "decompress-modules", no_argument, NULL, O_DEC },
		{ "index-only", no_argument, NULL, O_INDEX },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	o->comp = COMP_ZSTD;
	o->basedir = "/";
	o->host_root = "/";
	o->mods = calloc((size_t)argc, sizeof(char *));
	o->adds = calloc((size_t)argc, sizeof(char *));
	o->add_src = calloc((size_t)argc, sizeof(char *));
	o->add_dst = calloc((size_t)argc, sizeof(char *));
	o->programs = calloc((size_t)argc, sizeof(char *));
	if (!o->mods || !o->adds || !o->add_src || !o->add_dst || !o->programs)
		return -ENOMEM;
	while ((c = getopt_long(argc, argv, "o:k:b:m:vh", lo, NULL)) != -1) {
		switch (c) {
		case 'o':
			o->out = optarg;
			break;
		case 'k':
			o->kver = optarg;
			break;
		case 'b':
			o->basedir = optarg;
			break;
		case 'm':
			o->mods[o->n_mods++] = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		case O_NODEF:
			o->no_defaults = 1;
			break;
		case O_HOST:
			o->host_only = 1;
			break;
		case O_COMP:
			if (comp_from_name(optarg, &o->comp)) {
				say("--compress %s: use zstd, gzip, xz, lz4 or "
				    "none",
				    optarg);
				return -EINVAL;
			}
			break;
		case O_ADD:
			o->adds[o->n_adds++] = optarg;
			break;
		case O_PROG:
			o->programs[o->n_programs++] = optarg;
			break;
		case O_WITH:
			if (with_parse(optarg, &o->with) < 0)
				return -EINVAL;
			break;
		case O_HOSTROOT:
			o->host_root = optarg;
			break;
		case O_ROOTDEV: {
			unsigned ma, mi;
			char end;

			if (sscanf(optarg, "%u:%u%c", &ma, &mi, &end) != 2) {
				say("--root-device %s: give MAJ:MIN, for "
				    "example "
				    "253:1 (stat -c %%Hd:%%Ld /)",
				    optarg);
				return -EINVAL;
			}
			o->root_device = optarg;
			break;
		}
		case O_INIT:
			o->init = optarg;
			break;
		case O_LIST:
			o->list = optarg;
			break;
		case O_DEC:
			o->decompress = 1;
			break;
		case O_INDEX:
			o->index_only = 1;
			break;
		case 'h':
			fputs(usage, stdout);
			exit(0);
		default:
			return -EINVAL;
		}
	}
	if (optind != argc) {
		say("unexpected argument '%s'", argv[optind]);
		return -EINVAL;
	}
	if (!o->list && !o->out) {
		say("-o OUT is required");
		return -EINVAL;
	}
	return 0;
}

/* Each --add SRC[:DST] before any work: SRC exists, DST (SRC's own
 * path when not given) is a path inside the image. */
static int check_adds(struct opts *o)
{
	char clean[PATH_MAX];
	struct stat st;
	int i, r;

	for (i = 0; i < o->n_adds; i++) {
		char *arg = o->adds[i], *colon = strchr(arg, ':');

		r = image_path_clean(colon ? colon + 1 : arg, clean,
				     sizeof(clean));
		if (r == -EINVAL)
			say("--add %s: '..' in the path in the image; name "
			    "one below / (SRC:DST)",
			    arg);
		else if (r == -ENOENT)
			say("--add %s: no path in the image; name one after "
			    "the colon (SRC:DST)",
			    arg);
		else if (r < 0)
			say("--add %s: %s", arg, strerror(-r));
		if (r < 0)
			return r;
		o->add_src[i] = strndup(arg, colon ? (size_t)(colon - arg)
						   : strlen(arg));
		o->add_dst[i] = strdup(clean);
		if (!o->add_src[i] || !o->add_dst[i])
			return -ENOMEM;
		if (lstat(o->add_src[i], &st) < 0) {
			r = -errno;
			say("--add %s: %s", o->add_src[i], strerror(-r));
			return r;
		}
	}
	return 0;
}

static int add_modules(struct modset *s, struct opts *o)
{
	unsigned i;
	int j, r;

	if (!o->no_defaults)
		for (i = 0;
		     i < sizeof(default_modules) / sizeof(default_modules[0]);
		     i++)
			if (modset_add(s, default_modules[i], MODSET_QUIET) ==
			    -ENOENT)
				say("warning: default module %s is not in "
				    "kernel %s; left out",
				    default_modules[i], s->kver);
	for (j = 0; j < o->n_mods; j++) {
		char *list = strdup(o->mods[j]), *save, *m;

		for (m = strtok_r(list, ",", &save); m;
		     m = strtok_r(NULL, ",", &save)) {
			r = modset_add(s, m, MODSET_LOAD);
			if (r < 0) {
				free(list);
				return r;
			}
		}
		free(list);
	}
	if (o->host_only) {
		char sys[PATH_MAX];

		snprintf(sys, sizeof(sys), "%s/sys",
			 strcmp(o->host_root, "/") ? o->host_root : "");
		return host_only_modules(s, sys, o->root_device, &o->stack);
	}
	return 0;
}

static int base_tree(struct image *im)
{
	static const char *const dirs[] = { "dev", "proc",     "sys",
					    "run", "new-root", "lib/modules",
					    "tmp" };
	unsigned i;
	int r = 0;

	for (i = 0; i < sizeof(dirs) / sizeof(dirs[0]) && r == 0; i++)
		r = image_add_dir(im, dirs[i], 0755);
	if (r == 0)
		r = image_add_node(im, "dev/console", S_IFCHR | 0600, 5, 1);
	if (r == 0)
		r = image_add_node(im, "dev/null", S_IFCHR | 0666, 1, 3);
	return r;
}

/* --index-only: the index for a module tree another tool put in place
 * (mkinitramfs, for example), every module of it indexed where it is,
 * the -m ones loaded at boot. */
static int build_index(struct opts *o)
{
	struct modset s;
	struct image im = { 0 };
	struct utsname u;
	struct output of;
	int i, r;

	if (!o->kver) {
		uname(&u);
		o->kver = u.release;
	}
	if (o->with) {
		say("--with adds programs and their configuration to an image; "
		    "--index-only writes only a module index: leave one out");
		return 1;
	}
	o->no_defaults = 1;
	r = modset_open(&s, o->basedir, o->kver, 0);
	if (r == 0) {
		s.in_place = 1;
		s.have_firmware = 0;
		r = modset_add_tree(&s);
	}
	if (r == 0)
		r = add_modules(&s, o);
	for (i = 0; r == 0 && i < o->n_programs; i++)
		r = image_add_program(&im, o->programs[i]);
	if (r == 0)
		r = modset_emit(&s, &im);
	for (i = 0; r == 0 && i < im.n; i++) {
		const struct buf *d = &im.e[i].data;

		if (strcmp(im.e[i].path, MODINDEX_PATH))
			continue;
		r = output_open(&of, o->out);
		if (r == 0)
			r = output_commit(&of, d->p, d->len, 0777);
		output_abort(&of);
		if (r == 0 && verbose)
			say("%s: %d modules, %d to load", o->out, s.n,
			    s.n_load);
	}
	image_free(&im);
	modset_close(&s);
	return r == 0 ? 0 : 1;
}

static int build(struct opts *o)
{
	struct modset s;
	struct image im = { 0 };
	struct buf cpio = { 0 }, out = { 0 };
	struct utsname u;
	char initpath[PATH_MAX];
	unsigned long mtime;
	struct output of;
	struct stat st;
	mode_t limit;
	int i, r;

	if (!o->kver) {
		uname(&u);
		o->kver = u.release;
	}
	if (source_date_epoch(&mtime) < 0)
		return 1;
	if (o->init)
		snprintf(initpath, sizeof(initpath), "%s", o->init);
	else if (default_init(initpath, sizeof(initpath)) < 0)
		initpath[0] = '\0';
	if (stat(initpath, &st) < 0 || !S_ISREG(st.st_mode)) {
		say("%s: the init is missing (%s); build it with make or "
		    "pass --init PATH",
		    initpath, errno ? strerror(errno) : "not a file");
		return 1;
	}
	if (check_adds(o) < 0)
		return 1;
	/* Fail before the work when the output cannot be written. */
	if (output_open(&of, o->out) < 0)
		return 1;

	r = modset_open(&s, o->basedir, o->kver, o->decompress);
	if (r == 0)
		r = add_modules(&s, o);
	if (r == 0)
		r = base_tree(&im);
	if (r == 0) {
		r = image_add_host(&im, initpath, "init");
		if (r < 0)
			say("%s: %s", initpath, strerror(-r));
	}
	for (i = 0; r == 0 && i < o->n_adds; i++) {
		r = image_add_host(&im, o->add_src[i], o->add_dst[i]);
		if (r < 0)
			say("--add %s: %s", o->adds[i], strerror(-r));
	}
	for (i = 0; r == 0 && i < o->n_programs; i++)
		r = image_add_program(&im, o->programs[i]);
	if (r == 0)
		r = with_fsck(&im, !!(o->with & WITH_FSCK), o->host_only);
	if (r == 0)
		r = with_emit(&im, &s, o->with, o->host_only ? &o->stack : NULL,
			      o->host_root);
	if (r == 0)
		r = modset_emit(&s, &im);
	if (r == 0 && verbose)
		say("%d modules (%s), %d entries", s.n,
		    s.keep_compressed ? "kept compressed" : "uncompressed",
		    im.n);
	limit = image_mode_limit(&im);
	if (r == 0)
		r = image_write_cpio(&im, mtime, &cpio);
	image_free(&im);
	modset_close(&s);
	if (r == 0)
		r = compress_buf(o->comp, &cpio, &out);
	if (r == 0)
		r = output_commit(&of, out.p, out.len, limit);
	if (r == 0 && verbose)
		say("%s: %zu bytes (%s; %zu uncompressed), mode %04o", o->out,
		    out.len, comp_name(o->comp), cpio.len, of.mode & limit);
	output_abort(&of);
	buf_free(&cpio);
	buf_free(&out);
	return r == 0 ? 0 : 1;
}

int main(int argc, char **argv)
{
	struct opts o;

	memset(&o, 0, sizeof(o));
	if (parse(argc, argv, &o) < 0) {
		fputs(usage, stderr);
		return EXIT_USAGE;
	}
	if (o.list)
		return list_image(o.list);
	if (o.index_only)
		return build_index(&o);
	return build(&o);
}
