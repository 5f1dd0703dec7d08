/* elfread.c - the ELF headers of a program: its interpreter (PT_INTERP)
 * and the shared libraries it names (DT_NEEDED).  Pure: bytes in, names
 * out, every offset checked against the buffer (fuzzed by
 * tests/fuzz/fuzz_elf.c). */
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "elfdeps.h"

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
