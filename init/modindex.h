/* modindex.h - the image's module index, read by the init without libkmod
 *
 * newroot-mkimage writes /lib/modules/newroot.index, a text file of one
 * record per line, fields separated by single spaces:
 *
 *   newroot-modindex 1        first line: format and version
 *   k KVER                    the kernel the image was built for
 *   m NAME PATH DEPS PRE POST a module file in the image; PATH is relative
 *                             to the image root; DEPS (modules.dep, in load
 *                             order), PRE and POST (softdeps) are comma
 *                             lists of module names, "-" when empty
 *   b NAME                    a module built into the kernel: nothing to load
 *   o NAME OPTIONS...         options for NAME (the rest of the line)
 *   a PATTERN NAME            an alias (fnmatch pattern, as modules.alias)
 *   l NAME                    load at boot, in this order
 *
 * Lines starting with '#' and empty lines are ignored.  Module names are
 * written with '_' (as the kernel names them in /sys/module); lookups
 * treat '-' and '_' alike.
 */
#ifndef NEWROOT_MODINDEX_H
#define NEWROOT_MODINDEX_H

#include <stddef.h>

#define MODINDEX_PATH "lib/modules/newroot.index"
#define MODINDEX_MAGIC "newroot-modindex 1"

enum modindex_state { MOD_NEW, MOD_LOADING, MOD_LOADED, MOD_FAILED };

struct modindex_mod {
	const char *name;
	const char *path; /* NULL for a built-in module */
	const char *deps; /* comma lists, "" when empty */
	const char *pre;
	const char *post;
	const char *options; /* "" when none */
	int state; /* enum modindex_state, for the loader */
};

struct modindex_alias {
	const char *pattern;
	const char *name;
};

struct modindex {
	const char *kver;
	struct modindex_mod *mods; /* sorted by name */
	int n_mods;
	struct modindex_alias *aliases; /* in file order */
	int n_aliases;
	const char **load; /* names to load at boot, in order */
	int n_load;
	struct modindex_alias *opts; /* "o" records: name, options text */
	int n_opts;
};

/*
 * Parse the index in buf (len bytes, and buf[len] must be writable: a
 * terminator goes there; modified in place: the strings in *idx point
 * into it, so it must outlive idx).  Returns 0, -EINVAL for a
 * bad magic line or a malformed record (*bad_line gets its number when
 * bad_line is not NULL), or -ENOMEM.
 */
int modindex_parse(char *buf, size_t len, struct modindex *idx, int *bad_line);
void modindex_free(struct modindex *idx);

/* The module called name ('-' and '_' alike), or NULL. */
struct modindex_mod *modindex_find(const struct modindex *idx,
				   const char *name);

/* Compare module names with '-' and '_' alike; 0 when equal. */
int modindex_namecmp(const char *a, const char *b);

/*
 * Call fn for each alias whose pattern matches str (fnmatch, as kmod
 * does), in file order, until fn returns non-zero; returns that value,
 * or 0.  Several patterns of one module may match: fn sees each.
 */
int modindex_match(const struct modindex *idx, const char *str,
		   int (*fn)(const struct modindex_alias *a, void *ctx),
		   void *ctx);

/*
 * Split the next item off a comma list: copies it into out (size bytes)
 * and returns a pointer past it, or NULL at the end of the list (or when
 * an item does not fit).  for (p = list; (p = modindex_next(p, b, n));)
 */
const char *modindex_next(const char *list, char *out, size_t size);

/* "xz", "zstd" or "gzip" for a compressed module file (by its name:
 * .ko.xz, .ko.zst, .ko.gz), or NULL; the names /sys/module/compression
 * uses. */
const char *modindex_compression(const char *path);

/* Make room for one more element in a growing array (*arr holds n of
 * *cap): 0 or -ENOMEM.  Shared with newroot-mkimage. */
int modindex_grow(void **arr, int n, int *cap, size_t elem);

#endif
