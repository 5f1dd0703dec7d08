/* elfdeps.c - --add-program: a program with its ELF interpreter
 * (PT_INTERP) and the shared libraries it needs (DT_NEEDED, found in the
 * standard library directories), read from the ELF headers, not ldd.
 * klibc-utils' programs (ipconfig ...) need only their interpreter,
 * /lib/klibc-HASH.so; glibc programs need ld.so and libc.so.6. */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "elfdeps.h"

/* The libraries' directories, as ld.so searches them without
 * ld.so.cache: the multiarch ones first. */
static const char *const lib_dirs[] = {
	"/lib/x86_64-linux-gnu",
	"/usr/lib/x86_64-linux-gnu",
	"/lib/aarch64-linux-gnu",
	"/usr/lib/aarch64-linux-gnu",
	"/lib64",
	"/usr/lib64",
	"/lib",
	"/usr/lib",
};

/* The path of library name in the standard directories, into out. */
static int find_lib(const char *name, char *out, size_t size)
{
	struct stat st;
	size_t i;

	for (i = 0; i < sizeof(lib_dirs) / sizeof(lib_dirs[0]); i++) {
		snprintf(out, size, "%s/%s", lib_dirs[i], name);
		if (stat(out, &st) == 0 && S_ISREG(st.st_mode))
			return 0;
	}
	return -ENOENT;
}

/* Whether path is in the image already. */
static int in_image(const struct image *im, const char *path)
{
	int i;

	for (i = 0; i < im->n; i++)
		if (!strcmp(im->e[i].path, path + 1))
			return 1;
	return 0;
}

/* path (followed when a symlink) at the same path in the image, and what
 * it needs, depth first. */
static int add_one(struct image *im, const char *path, int depth)
{
	struct buf b = { 0 };
	struct elf_deps d;
	struct stat st;
	char lib[PATH_MAX];
	int r, i;

	if (in_image(im, path))
		return 0;
	if (depth > 16 || path[0] != '/')
		return -ELOOP;
	r = stat(path, &st) < 0 ? -errno : buf_read_file(&b, path);
	if (r < 0) {
		if (!depth) /* deeper: the caller names who needs it */
			say("--add-program: %s: %s", path, strerror(-r));
		return r;
	}
	r = elf_deps(b.p, b.len, &d);
	if (r == 0)
		r = image_add_file(im, path + 1, st.st_mode & 07777, &b);
	buf_free(&b);
	if (r < 0) {
		say("--add-program: %s: %s", path,
		    r == -ENOEXEC	    ? "not an ELF file newroot-mkimage "
					      "reads"
		    : r == -EPROTONOSUPPORT ? "only 64-bit little-endian ELF "
					      "is read"
					    : strerror(-r));
		return r;
	}
	if (d.interp[0]) {
		r = add_one(im, d.interp, depth + 1);
		if (r < 0) {
			say("--add-program: %s: its interpreter %s: %s", path,
			    d.interp, strerror(-r));
			return r;
		}
	}
	for (i = 0; i < d.n_needed; i++) {
		r = find_lib(d.needed[i], lib, sizeof(lib));
		if (r == 0)
			r = add_one(im, lib, depth + 1);
		if (r < 0) {
			say("--add-program: %s needs %s: %s (looked in /lib, "
			    "/usr/lib, /lib64 and the multiarch directories)",
			    path, d.needed[i], strerror(-r));
			return r;
		}
	}
	return 0;
}

int image_add_program(struct image *im, const char *path)
{
	if (path[0] != '/') {
		say("--add-program %s: give the absolute path", path);
		return -EINVAL;
	}
	return add_one(im, path, 0);
}

int image_add_library(struct image *im, const char *name)
{
	char path[PATH_MAX];

	if (find_lib(name, path, sizeof(path)) < 0) {
		say("%s is not in /lib, /usr/lib, /lib64 or the multiarch "
		    "directories",
		    name);
		return -ENOENT;
	}
	return add_one(im, path, 0);
}
