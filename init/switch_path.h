/* switch_path.h - paths inside the new root, and which directories are mounts */
#ifndef NEWROOT_SWITCH_PATH_H
#define NEWROOT_SWITCH_PATH_H

#include <stddef.h>

#define SWITCH_PATH_LEN 4096

/* The kernel's own list of inits, after init= (init/main.c), NULL ended:
 * the bottom stage picks from it, the checks accept any of it, and a
 * failed exec tries it in order. */
extern const char *const switch_fallback_inits[];

/* Resolve path inside the tree at rootfd as if rootfd were "/": symlinks
 * (absolute ones against rootfd, never the host), "." and ".." (never
 * above rootfd), at most 40 links.  Writes the resolved path, relative to
 * rootfd ("sbin/init", "." for the root itself) to out.  The last
 * component need not exist (-ENOENT is returned, out still filled).
 * Returns 0 or -errno (-ELOOP, -ENOTDIR, -ENAMETOOLONG, ...). */
int switch_resolve_in_root(int rootfd, const char *path, char *out,
			   size_t outlen);

/* The absolute path of path (relative ones from the working directory)
 * with every symlink, "." and ".." resolved: "/new-root".  0 or -errno. */
int switch_abs_path(const char *path, char *out, size_t outlen);

/* 0 when the file at rootfd/rel is a regular file with an execute bit,
 * else -errno (-ENOENT, -EACCES for no x bit, -EISDIR/-EINVAL for not a
 * regular file); *why says it in words. */
int switch_check_exec(int rootfd, const char *rel, const char **why);

/* 1 when dir (relative to at) is the root of a mount, 0 when not,
 * -errno when it cannot be told. */
int switch_is_mount_point_at(int at, const char *dir);
int switch_is_mount_point(const char *dir);

#endif
