/* elfdeps.h - what an ELF program needs to run: its interpreter and
 * shared libraries (newroot-mkimage --add-program) */
#ifndef NEWROOT_ELFDEPS_H
#define NEWROOT_ELFDEPS_H

#include <limits.h>
#include <stddef.h>

#include "mkimage.h"

#define ELF_MAX_NEEDED 64

struct elf_deps {
	char interp[PATH_MAX]; /* PT_INTERP, "" for a static program */
	char needed[ELF_MAX_NEEDED][256]; /* DT_NEEDED names */
	int n_needed;
};

/* Read p (len bytes, a 64-bit little-endian ELF file) into d.  0,
 * -ENOEXEC when it is not ELF or is malformed, -EPROTONOSUPPORT for
 * another class or byte order.  Pure. */
int elf_deps(const unsigned char *p, size_t len, struct elf_deps *d);

/* Add the program at path (absolute, on this machine) at the same path
 * in the image, with its interpreter and libraries (DT_NEEDED, found in
 * /lib, /usr/lib, /lib64 and the multiarch directories), each followed
 * when a symlink; 0 or -errno with the message printed. */
int image_add_program(struct image *im, const char *path);

/* Add the shared library name (a file name: "libgcc_s.so.1"), found as
 * DT_NEEDED names are, with what it needs: for a library a program
 * loads with dlopen(); 0 or -errno with the message printed. */
int image_add_library(struct image *im, const char *name);

#endif
