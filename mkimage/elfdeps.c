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

/* The file offset of virtual address va (in a PT_LOAD), or -1. */
static long long va_offset(const Elf64_Phdr *ph, int n, Elf64_Addr va)
{
	int i;

	for (i = 0; i < n; i++)
		if (ph[i].p_type == PT_LOAD && va >= ph[i].p_vaddr &&
		    va - ph[i].p_vaddr < ph[i].p_filesz)
			return (long long)(ph[i].p_offset +
					   (va - ph[i].p_vaddr));
	return -1;
}

/* A NUL-terminated string at off in p (len bytes), or NULL. */
static const char *str_at(const unsigned char *p, size_t len,
			  unsigned long long off)
{
	if (off >= len || !memchr(p + off, 0, len - off))
		return NULL;
	return (const char *)p + off;
}

int elf_deps(const unsigned char *p, size_t len, struct elf_deps *d)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)p;
	const Elf64_Phdr *ph;
	const Elf64_Dyn *dyn = NULL;
	size_t n_dyn = 0, i;
	long long strtab = -1;
	const char *s;
	int n;

	memset(d, 0, sizeof(*d));
	if (len < sizeof(*eh) || memcmp(p, ELFMAG, SELFMAG))
		return -ENOEXEC;
	if (p[EI_CLASS] != ELFCLASS64 || p[EI_DATA] != ELFDATA2LSB ||
	    eh->e_phentsize != sizeof(Elf64_Phdr))
		return -EPROTONOSUPPORT;
	n = eh->e_phnum;
	if (eh->e_phoff % 8 || eh->e_phoff > len ||
	    (size_t)n * sizeof(*ph) > len - eh->e_phoff)
		return -ENOEXEC;
	ph = (const Elf64_Phdr *)(p + eh->e_phoff);
	for (i = 0; i < (size_t)n; i++) {
		if (ph[i].p_offset > len ||
		    ph[i].p_filesz > len - ph[i].p_offset)
			continue;
		if (ph[i].p_type == PT_INTERP) {
			s = str_at(p, ph[i].p_offset + ph[i].p_filesz,
				   ph[i].p_offset);
			if (!s || strlen(s) >= sizeof(d->interp))
				return -ENOEXEC;
			strcpy(d->interp, s);
		} else if (ph[i].p_type == PT_DYNAMIC &&
			   ph[i].p_offset % 8 == 0) {
			dyn = (const Elf64_Dyn *)(p + ph[i].p_offset);
			n_dyn = ph[i].p_filesz / sizeof(*dyn);
		}
	}
	for (i = 0; i < n_dyn && dyn[i].d_tag != DT_NULL; i++)
		if (dyn[i].d_tag == DT_STRTAB)
			strtab = va_offset(ph, n, dyn[i].d_un.d_ptr);
	for (i = 0; i < n_dyn && dyn[i].d_tag != DT_NULL; i++) {
		if (dyn[i].d_tag != DT_NEEDED)
			continue;
		if (strtab < 0 || d->n_needed >= ELF_MAX_NEEDED)
			return -ENOEXEC;
		s = str_at(p, len,
			   (unsigned long long)strtab + dyn[i].d_un.d_val);
		if (!s || strlen(s) >= sizeof(d->needed[0]) || strchr(s, '/'))
			return -ENOEXEC;
		strcpy(d->needed[d->n_needed++], s);
	}
	return 0;
}

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
