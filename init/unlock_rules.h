/* unlock_rules.h - which unlocker a block device that appeared gets, and
 * how: the rules of docs/devices.md as pure functions over (its probe
 * result, the command line's rd.luks/rd.lvm/rd.md words, crypttab) */
#ifndef NEWROOT_UNLOCK_RULES_H
#define NEWROOT_UNLOCK_RULES_H

#include <stdbool.h>

#include "blockdev.h"
#include "cmdline.h"
#include "crypttab.h"

#define UNLOCK_LIST_MAX 16
#define UNLOCK_TRIES_DEFAULT 3

enum unlock_kind {
	UNLOCK_NONE,
	UNLOCK_MD, /* linux_raid_member: mdadm --incremental */
	UNLOCK_LVM, /* LVM2_member: lvm pvscan --cache --activate ay */
	UNLOCK_LUKS, /* crypto_LUKS: cryptsetup open */
};

/* A value given for one LUKS UUID, or for all (uuid NULL). */
struct unlock_for {
	const char *uuid;
	const char *val;
};

/* What the command line says, read from cmdline's unlock words. */
struct unlock_conf {
	bool luks_off, lvm_off, md_off; /* rd.luks=0, rd.lvm=0, rd.md=0 */
	bool crypttab_off; /* rd.luks.crypttab=0 */
	bool discard; /* rd.luks.allow-discards (dracut), for all */
	const char *luks_uuid[UNLOCK_LIST_MAX]; /* rd.luks.uuid= */
	int n_luks_uuid;
	struct unlock_for luks_name[UNLOCK_LIST_MAX]; /* rd.luks.name=U=N */
	int n_luks_name;
	struct unlock_for luks_key[UNLOCK_LIST_MAX]; /* rd.luks.key= */
	int n_luks_key;
	struct unlock_for luks_opts[UNLOCK_LIST_MAX]; /* rd.luks.options= */
	int n_luks_opts;
	const char *lvm_vg[UNLOCK_LIST_MAX]; /* rd.lvm.vg= */
	int n_lvm_vg;
	const char *lvm_lv[UNLOCK_LIST_MAX]; /* rd.lvm.lv=VG/LV */
	int n_lvm_lv;
	const char *md_uuid[UNLOCK_LIST_MAX]; /* rd.md.uuid= */
	int n_md_uuid;
	/* Words not understood or not supported, each with why. */
	int n_bad;
	const char *bad[UNLOCK_LIST_MAX];
	const char *bad_why[UNLOCK_LIST_MAX];
	char buf[CMDLINE_MAX];
};

/*
 * Read the words (cmdline's unlock[]: "rd.luks.uuid=U", "rd.lvm=0" ...)
 * into *c.  The systemd and dracut forms are both understood:
 * rd.luks.key=PATH or =UUID=PATH, rd.luks.options=OPTS or =UUID=OPTS;
 * a key on another device (PATH:DEV) is not supported and counts as bad.
 * Pure.  Returns 0, or -E2BIG when a list was full (what fits is kept).
 */
int unlock_conf_parse(const char *const *words, int n, struct unlock_conf *c);

/* What to do with one device. */
struct unlock_plan {
	enum unlock_kind kind;
	const char *why; /* UNLOCK_NONE: why not, in words */
	/* LUKS */
	char name[128]; /* the name in /dev/mapper/ (DM_NAME_LEN) */
	const char *key; /* the key file in the image; NULL: ask */
	int tries; /* passphrases asked; 0: until one is right */
	bool discard, readonly;
	char keyfile_offset[24], keyfile_size[24]; /* "" when not given */
	char unknown[96]; /* options not understood, for a warning */
	int crypttab_line; /* the crypttab line used, 0 when none */
	/* LVM: the --config text limiting activation to rd.lvm.vg=/lv=
	 * ("" when neither was given: every complete volume group) */
	char lvm_config[512];
};

/*
 * The rule: which unlocker, with which name, key, options and filter,
 * for the block device bd (its fs probed) under the command line's conf
 * and the image's crypttab (NULL when it has none).  Pure.  Returns
 * plan->kind.
 */
enum unlock_kind unlock_rule(const struct blockdev *bd,
			     const struct unlock_conf *conf,
			     const struct crypttab *ct,
			     struct unlock_plan *plan);

/* Apply crypttab-style options ("discard,tries=5,keyfile-size=64") to
 * plan; those it does not know are listed in plan->unknown.  Pure. */
void unlock_luks_options(const char *opts, struct unlock_plan *plan);

/* The kind's name for messages: "md", "LVM", "LUKS". */
const char *unlock_kind_name(enum unlock_kind k);

#endif
