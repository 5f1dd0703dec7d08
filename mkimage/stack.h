/* stack.h - what lies under the root device: dm-crypt, LVM, md, and the
 * disks at the bottom (newroot-mkimage --host-only, --with) */
#ifndef NEWROOT_STACK_H
#define NEWROOT_STACK_H

#include "mkimage.h"

#define STACK_CRYPT 1u
#define STACK_LVM 2u
#define STACK_MD 4u
#define WITH_FSCK 8u /* --with fsck (with.c), parsed with the others */

#define STACK_MAX 16 /* devices of each kind, and disks, remembered */

struct stack {
	unsigned kinds; /* STACK_* found */
	char disks[STACK_MAX][16]; /* MAJ:MIN of the bottom devices */
	int n_disks;
	char crypt_name[STACK_MAX][128]; /* dm/name of each dm-crypt */
	char crypt_uuid[STACK_MAX][40]; /* its LUKS UUID, "" for plain */
	int n_crypt;
	char md_level[STACK_MAX][16]; /* md/level of each array: raid1 ... */
	int n_md;
	char unknown[256]; /* a device newroot cannot assemble, or "" */
};

/* Walk the stack under block device majmin ("253:1") in the sysfs tree
 * at sys ("/sys", or a copy of one): dm/uuid says CRYPT-... (dm-crypt)
 * or LVM-... (an LVM LV), md/level an md array, slaves/ what each is
 * made of, a partition stands for its disk.  0; -ENOENT when sys has no
 * such block device; -ELOOP for a stack deeper than 16 or of more than
 * 64 devices.  Reads only below sys.  A dm device of another kind
 * (multipath, verity ...) is named in st->unknown; the walk goes on. */
int stack_walk(const char *sys, const char *majmin, struct stack *st);

/* "LUKS2-0123...(32 hex)-NAME" after "CRYPT-": the UUID with its dashes
 * into out (37 bytes at least), "" for PLAIN and the others.  Pure. */
void stack_crypt_uuid(const char *dm_uuid, char *out, size_t size);

/* The root's own stack: stack_walk() of the device of / (or of
 * root_device when given) below sys; 0 or -errno with the message. */
int stack_of_root(const char *sys, const char *root_device, struct stack *st);

/* --host-only (hostonly.c): the modules for the root's filesystem type
 * and for the drivers of the disks at the bottom of its stack, read
 * from the sysfs tree at sys; the stack into *st.  rootdev "MAJ:MIN"
 * names the root device, NULL: the device of /. */
int host_only_modules(struct modset *s, const char *sys, const char *rootdev,
		      struct stack *st);

/* ---- --with crypt,lvm,md (withstack.c) ---- */

/* Parse a --with list into *kinds (STACK_* bits, WITH_FSCK); -EINVAL
 * with the message for an unknown name. */
int with_parse(const char *list, unsigned *kinds);

struct modset;
/* Add what kinds (and st's kinds, with --host-only) need to the image:
 * the programs (with their ELF closure, and a /sbin/NAME link), their
 * configuration (lvm.conf, mdadm.conf: the host's with st; with st, the
 * crypttab lines of st's dm-crypt devices and the key files they name,
 * all read below root, "/" normally) and the kernel modules.  0 or
 * -errno with the message. */
int with_emit(struct image *im, struct modset *s, unsigned kinds,
	      const struct stack *st, const char *root);

/* The lines of a crypttab (text, len bytes) that open one of st's
 * dm-crypt devices (by name, or by UUID=/dev/disk/by-uuid/ of its LUKS
 * header), appended to out; for each kept line whose key file is an
 * absolute path, keyfile(path, arg) is called.  Comments and blank lines
 * are dropped.  Pure but for the callback; 0 or -ENOMEM. */
int crypttab_filter(const char *text, size_t len, const struct stack *st,
		    struct buf *out, int (*keyfile)(const char *, void *),
		    void *arg);

#endif
