/* unlock_rules.c - the rules: a device's probe result and the command
 * line's rd.luks, rd.lvm and rd.md words say which unlocker runs, how */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "unlock_rules.h"

static int is_no(const char *v)
{
	return !strcmp(v, "0") || !strcmp(v, "no") || !strcmp(v, "false");
}

static void bad(struct unlock_conf *c, const char *word, const char *why)
{
	if (c->n_bad < UNLOCK_LIST_MAX) {
		c->bad[c->n_bad] = word;
		c->bad_why[c->n_bad] = why;
	}
	c->n_bad++;
}

/* Does s (up to n bytes) look like a UUID: at least 8 hex digits and
 * dashes, "luks-" in front allowed? */
static int looks_uuid(const char *s, size_t n)
{
	size_t i, digits = 0;

	if (n > 5 && !strncmp(s, "luks-", 5)) {
		s += 5;
		n -= 5;
	}
	for (i = 0; i < n; i++) {
		char c = s[i];

		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
		    (c >= 'A' && c <= 'F'))
			digits++;
		else if (c != '-')
			return 0;
	}
	return digits >= 8;
}

/* "UUID=VAL" or "VAL" (for every device) into list; with need_uuid the
 * UUID= part must be there.  v is in c->buf and is cut in place. */
static int add_for(struct unlock_conf *c, struct unlock_for *list, int *n,
		   char *v, int need_uuid, const char *word)
{
	char *eq = strchr(v, '=');
	struct unlock_for f = { NULL, v };

	if (eq && looks_uuid(v, (size_t)(eq - v))) {
		*eq = '\0';
		f.uuid = v;
		f.val = eq + 1;
	} else if (need_uuid) {
		bad(c, word, "wants UUID=NAME");
		return 0;
	}
	if (!*f.val) {
		bad(c, word, "has an empty value");
		return 0;
	}
	if (*n >= UNLOCK_LIST_MAX)
		return -E2BIG;
	list[(*n)++] = f;
	return 0;
}

static int add_str(const char **list, int *n, const char *v)
{
	if (*n >= UNLOCK_LIST_MAX)
		return -E2BIG;
	list[(*n)++] = v;
	return 0;
}

/* rd.luks.key=PATH, =UUID=PATH; PATH:DEV (a key on another device) is
 * not supported: only key files inside the image. */
static int add_key(struct unlock_conf *c, char *v, const char *word)
{
	char *colon = strchr(v, ':');

	if (colon && colon[1]) {
		bad(c, word,
		    "names a key on another device, which newroot "
		    "does not read yet: put the key file in the "
		    "image");
		return 0;
	}
	if (colon)
		*colon = '\0';
	if (*v != '/' && !strchr(v, '=')) {
		bad(c, word, "wants an absolute path in the image");
		return 0;
	}
	return add_for(c, c->luks_key, &c->n_luks_key, v, 0, word);
}

/* One word, "rd.X=VAL" or "rd.X"; key and val are cut from the copy in
 * c->buf, word is the original (for messages). */
static int conf_word(struct unlock_conf *c, char *key, char *val,
		     const char *word)
{
	if (!val) {
		if (!strcmp(key, "rd.luks.allow-discards"))
			c->discard = true;
		else if (strcmp(key, "rd.luks") && strcmp(key, "rd.lvm") &&
			 strcmp(key, "rd.md"))
			bad(c, word, "is not one newroot knows");
		return 0;
	}
	if (!strcmp(key, "rd.luks"))
		c->luks_off = is_no(val);
	else if (!strcmp(key, "rd.lvm"))
		c->lvm_off = is_no(val);
	else if (!strcmp(key, "rd.md"))
		c->md_off = is_no(val);
	else if (!strcmp(key, "rd.luks.crypttab"))
		c->crypttab_off = is_no(val);
	else if (!strcmp(key, "rd.luks.uuid"))
		return *val ? add_str(c->luks_uuid, &c->n_luks_uuid, val) : 0;
	else if (!strcmp(key, "rd.luks.name"))
		return add_for(c, c->luks_name, &c->n_luks_name, val, 1, word);
	else if (!strcmp(key, "rd.luks.key"))
		return add_key(c, val, word);
	else if (!strcmp(key, "rd.luks.options"))
		return add_for(c, c->luks_opts, &c->n_luks_opts, val, 0, word);
	else if (!strcmp(key, "rd.lvm.vg"))
		return *val ? add_str(c->lvm_vg, &c->n_lvm_vg, val) : 0;
	else if (!strcmp(key, "rd.lvm.lv"))
		return *val ? add_str(c->lvm_lv, &c->n_lvm_lv, val) : 0;
	else if (!strcmp(key, "rd.md.uuid"))
		return *val ? add_str(c->md_uuid, &c->n_md_uuid, val) : 0;
	else
		bad(c, word, "is not one newroot knows");
	return 0;
}

int unlock_conf_parse(const char *const *words, int n, struct unlock_conf *c)
{
	size_t used = 0, len;
	int i, r, ret = 0;

	memset(c, 0, offsetof(struct unlock_conf, buf));
	for (i = 0; i < n; i++) {
		char *key, *eq;

		len = strlen(words[i]);
		if (used + len + 1 > sizeof(c->buf))
			return -E2BIG;
		key = memcpy(c->buf + used, words[i], len + 1);
		used += len + 1;
		eq = strchr(key, '=');
		if (eq)
			*eq = '\0';
		r = conf_word(c, key, eq ? eq + 1 : NULL, words[i]);
		if (r < 0)
			ret = r;
	}
	return ret;
}

const char *unlock_kind_name(enum unlock_kind k)
{
	static const char *const names[] = { "none", "md", "LVM", "LUKS" };

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k]
							      : "none";
}

/* Append s to the fixed buffer dst (cut when full). */
static void append(char *dst, size_t size, const char *s)
{
	size_t n = strlen(dst);

	if (n + 1 < size)
		snprintf(dst + n, size - n, "%s", s);
}

/* The value after "key=" when opt is one, else NULL. */
static const char *opt_val(const char *opt, const char *key)
{
	size_t n = strlen(key);

	return !strncmp(opt, key, n) && opt[n] == '=' ? opt + n + 1 : NULL;
}

static void copy_number(char *dst, size_t size, const char *v,
			struct unlock_plan *p, const char *opt)
{
	size_t i;

	for (i = 0; v[i]; i++)
		if (v[i] < '0' || v[i] > '9')
			break;
	if (!i || v[i] || i >= size) {
		append(p->unknown, sizeof(p->unknown),
		       p->unknown[0] ? "," : "");
		append(p->unknown, sizeof(p->unknown), opt);
		return;
	}
	memcpy(dst, v, i + 1);
}

/* Options that change nothing here: they are for the system's own
 * crypttab handling, or the default already. */
static const char *const ignored_opts[] = {
	"luks",	 "none",	   "noauto",	      "nofail",
	"auto",	 "initramfs",	   "x-initrd.attach", "_netdev",
	"force", "headless=false",
};

static void one_option(const char *o, struct unlock_plan *p)
{
	const char *v;
	size_t i;
	int n;

	if (!strcmp(o, "discard") || !strcmp(o, "allow-discards")) {
		p->discard = true;
		return;
	}
	if (!strcmp(o, "readonly") || !strcmp(o, "read-only")) {
		p->readonly = true;
		return;
	}
	if ((v = opt_val(o, "tries"))) {
		if (sscanf(v, "%d", &n) == 1 && n >= 0 && n <= 1000) {
			p->tries = n;
			return;
		}
	} else if ((v = opt_val(o, "keyfile-offset"))) {
		copy_number(p->keyfile_offset, sizeof(p->keyfile_offset), v, p,
			    o);
		return;
	} else if ((v = opt_val(o, "keyfile-size"))) {
		copy_number(p->keyfile_size, sizeof(p->keyfile_size), v, p, o);
		return;
	} else {
		for (i = 0; i < sizeof(ignored_opts) / sizeof(ignored_opts[0]);
		     i++)
			if (!strcmp(o, ignored_opts[i]))
				return;
	}
	append(p->unknown, sizeof(p->unknown), p->unknown[0] ? "," : "");
	append(p->unknown, sizeof(p->unknown), o);
}

void unlock_luks_options(const char *opts, struct unlock_plan *plan)
{
	char o[128];
	const char *s = opts, *e;
	size_t n;

	while (s && *s) {
		e = strchr(s, ',');
		n = e ? (size_t)(e - s) : strlen(s);
		if (n && n < sizeof(o)) {
			memcpy(o, s, n);
			o[n] = '\0';
			one_option(o, plan);
		}
		s = e ? e + 1 : NULL;
	}
}

/* The value given for this UUID, else the one for all (uuid NULL), else
 * NULL; with exact, only one for this UUID. */
static const char *value_for(const struct unlock_for *list, int n,
			     const char *uuid, int exact)
{
	const char *all = NULL;
	int i;

	for (i = 0; i < n; i++) {
		if (!list[i].uuid)
			all = all ? all : list[i].val;
		else if (crypttab_uuid_eq(list[i].uuid, uuid, 1))
			return list[i].val;
	}
	return exact ? NULL : all;
}

static int luks_listed(const struct unlock_conf *c, const char *uuid)
{
	int i;

	for (i = 0; i < c->n_luks_uuid; i++)
		if (crypttab_uuid_eq(c->luks_uuid[i], uuid, 1))
			return 1;
	return value_for(c->luks_name, c->n_luks_name, uuid, 1) != NULL;
}

static enum unlock_kind rule_luks(const struct blockdev *bd,
				  const struct unlock_conf *c,
				  const struct crypttab *ct,
				  struct unlock_plan *p)
{
	const char *uuid = bd->fs.uuid, *name, *key;
	const struct crypttab_entry *e = NULL;
	int i;

	if (c->luks_off) {
		p->why = "rd.luks=0";
		return UNLOCK_NONE;
	}
	if (ct && !c->crypttab_off)
		e = crypttab_find(ct, uuid, bd->name, bd->partuuid,
				  bd->partlabel);
	if (c->n_luks_uuid || c->n_luks_name) {
		if (!luks_listed(c, uuid)) {
			p->why = "not named by rd.luks.uuid= or rd.luks.name=";
			return UNLOCK_NONE;
		}
	} else if (ct && !c->crypttab_off && ct->n && !e) {
		p->why = "not in the image's /etc/crypttab";
		return UNLOCK_NONE;
	}
	p->kind = UNLOCK_LUKS;
	p->tries = UNLOCK_TRIES_DEFAULT;
	p->discard = c->discard;
	name = value_for(c->luks_name, c->n_luks_name, uuid, 1);
	if (!name && e)
		name = e->name;
	if (name)
		snprintf(p->name, sizeof(p->name), "%s", name);
	else
		snprintf(p->name, sizeof(p->name), "luks-%s", uuid);
	key = value_for(c->luks_key, c->n_luks_key, uuid, 1);
	if (!key && e)
		key = e->key;
	if (!key)
		key = value_for(c->luks_key, c->n_luks_key, uuid, 0);
	p->key = key;
	if (e) {
		p->crypttab_line = e->line;
		unlock_luks_options(e->opts, p);
	}
	/* The options for all first, then those for this UUID. */
	for (i = 0; i < c->n_luks_opts; i++)
		if (!c->luks_opts[i].uuid)
			unlock_luks_options(c->luks_opts[i].val, p);
	for (i = 0; i < c->n_luks_opts; i++)
		if (c->luks_opts[i].uuid &&
		    crypttab_uuid_eq(c->luks_opts[i].uuid, uuid, 1))
			unlock_luks_options(c->luks_opts[i].val, p);
	return UNLOCK_LUKS;
}

/* A volume group or logical volume name as LVM allows it; vg/lv with
 * one slash when lv. */
static int lvm_name_ok(const char *s, int lv)
{
	int slashes = 0;

	if (!*s || *s == '-' || *s == '/')
		return 0;
	for (; *s; s++) {
		char c = *s;

		if (c == '/')
			slashes++;
		else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			   (c >= '0' && c <= '9') || c == '+' || c == '_' ||
			   c == '.' || c == '-'))
			return 0;
	}
	return slashes == (lv ? 1 : 0) && s[-1] != '/';
}

static void lvm_filter(const struct unlock_conf *c, struct unlock_plan *p)
{
	char *cfg = p->lvm_config;
	size_t size = sizeof(p->lvm_config);
	int i, n = 0;

	if (!c->n_lvm_vg && !c->n_lvm_lv)
		return;
	append(cfg, size, "activation { auto_activation_volume_list = [");
	for (i = 0; i < c->n_lvm_vg + c->n_lvm_lv; i++) {
		int lv = i >= c->n_lvm_vg;
		const char *v = lv ? c->lvm_lv[i - c->n_lvm_vg] : c->lvm_vg[i];

		/* A name LVM would refuse cannot match: leaving it out
		 * also keeps the quotes of the list whole. */
		if (!lvm_name_ok(v, lv))
			continue;
		append(cfg, size, n++ ? ", \"" : " \"");
		append(cfg, size, v);
		append(cfg, size, "\"");
	}
	append(cfg, size, " ] }");
	/* Cut short, the text would not parse: then activate nothing
	 * rather than what was not asked for. */
	if (strlen(cfg) + 1 >= size)
		snprintf(cfg, size,
			 "activation { auto_activation_volume_list = [ ] }");
}

enum unlock_kind unlock_rule(const struct blockdev *bd,
			     const struct unlock_conf *c,
			     const struct crypttab *ct, struct unlock_plan *p)
{
	int i;

	memset(p, 0, sizeof(*p));
	p->why = "not a RAID member, LVM physical volume or LUKS container";
	if (!bd->fs_probed || bd->fs_err)
		return UNLOCK_NONE;
	if (!strcmp(bd->fs.type, "linux_raid_member")) {
		if (c->md_off) {
			p->why = "rd.md=0";
			return UNLOCK_NONE;
		}
		for (i = 0; i < c->n_md_uuid; i++)
			if (crypttab_uuid_eq(c->md_uuid[i], bd->fs.uuid, 0))
				break;
		if (c->n_md_uuid && i == c->n_md_uuid) {
			p->why = "its array is not named by rd.md.uuid=";
			return UNLOCK_NONE;
		}
		return p->kind = UNLOCK_MD;
	}
	if (!strcmp(bd->fs.type, "LVM2_member")) {
		if (c->lvm_off) {
			p->why = "rd.lvm=0";
			return UNLOCK_NONE;
		}
		lvm_filter(c, p);
		return p->kind = UNLOCK_LVM;
	}
	if (!strcmp(bd->fs.type, "crypto_LUKS"))
		return p->kind = rule_luks(bd, c, ct, p);
	return UNLOCK_NONE;
}
