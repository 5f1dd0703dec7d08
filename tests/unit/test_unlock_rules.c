/* test_unlock_rules.c - which unlocker a device gets, from its probe
 * result, the rd.luks/rd.lvm/rd.md words and crypttab (tables) */
#include <errno.h>
#include <stdio.h>

/* The tables leave out what a row does not check. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#include "cmdline.h"
#include "crypttab.h"
#include "unlock_rules.h"
#include "t.h"

#define LUKS_U "13000000-c000-4000-8000-000000000001"
#define LUKS_V "22222222-c000-4000-8000-000000000002"
#define MD_U "13000000-d000-4000-8000-000000000001"

static struct cmdline cl;
static struct unlock_conf conf;
static struct crypttab ct;

/* A probed device of this type and UUID. */
static struct blockdev dev(const char *name, const char *type, const char *uuid)
{
	struct blockdev bd;

	memset(&bd, 0, sizeof(bd));
	snprintf(bd.name, sizeof(bd.name), "%s", name);
	snprintf(bd.fs.type, sizeof(bd.fs.type), "%s", type);
	snprintf(bd.fs.uuid, sizeof(bd.fs.uuid), "%s", uuid);
	bd.fs_probed = true;
	return bd;
}

static const struct {
	const char *what, *cmdline, *crypttab, *type, *uuid;
	enum unlock_kind kind;
	const char *name, *key; /* LUKS: mapper name, key file */
	const char *lvm; /* LVM: the --config text */
} rules[] = {
	/* what the probe says */
	{ "ext4: nothing", "", NULL, "ext4", "x", UNLOCK_NONE },
	{ "md member", "", NULL, "linux_raid_member", MD_U, UNLOCK_MD },
	{ "LVM PV", "", NULL, "LVM2_member", "pv", UNLOCK_LVM, NULL, NULL, "" },
	{ "LUKS: luks-UUID, asked", "", NULL, "crypto_LUKS", LUKS_U,
	  UNLOCK_LUKS, "luks-" LUKS_U, NULL },
	{ "swap: nothing", "rd.luks.uuid=" LUKS_U, NULL, "swap", "",
	  UNLOCK_NONE },
	/* off switches */
	{ "rd.md=0", "rd.md=0", NULL, "linux_raid_member", MD_U, UNLOCK_NONE },
	{ "rd.lvm=0", "rd.lvm=0", NULL, "LVM2_member", "pv", UNLOCK_NONE },
	{ "rd.luks=0", "rd.luks=0", NULL, "crypto_LUKS", LUKS_U, UNLOCK_NONE },
	{ "rd.luks=no", "rd.luks=no", NULL, "crypto_LUKS", LUKS_U,
	  UNLOCK_NONE },
	{ "rd.luks=1 keeps it on", "rd.luks=1", NULL, "crypto_LUKS", LUKS_U,
	  UNLOCK_LUKS, "luks-" LUKS_U },
	/* md filter */
	{ "rd.md.uuid= names the array (mdadm form)",
	  "rd.md.uuid=13000000:d0004000:80000000:00000001", NULL,
	  "linux_raid_member", MD_U, UNLOCK_MD },
	{ "rd.md.uuid= names another array",
	  "rd.md.uuid=99999999:d0004000:80000000:00000001", NULL,
	  "linux_raid_member", MD_U, UNLOCK_NONE },
	/* LVM filter */
	{ "rd.lvm.vg=", "rd.lvm.vg=nrvg", NULL, "LVM2_member", "pv", UNLOCK_LVM,
	  NULL, NULL,
	  "activation { auto_activation_volume_list = [ \"nrvg\" ] }" },
	{ "rd.lvm.vg= and rd.lvm.lv=",
	  "rd.lvm.vg=a rd.lvm.lv=b/root rd.lvm.lv=my-vg/my-lv", NULL,
	  "LVM2_member", "pv", UNLOCK_LVM, NULL, NULL,
	  "activation { auto_activation_volume_list = [ \"a\", \"b/root\", "
	  "\"my-vg/my-lv\" ] }" },
	{ "names LVM refuses are left out (no quote injection)",
	  "rd.lvm.vg=\"a\\\" ]\" rd.lvm.lv=novg rd.lvm.lv=a/b/c", NULL,
	  "LVM2_member", "pv", UNLOCK_LVM, NULL, NULL,
	  "activation { auto_activation_volume_list = [ ] }" },
	/* LUKS filter: rd.luks.uuid= and rd.luks.name= */
	{ "rd.luks.uuid= names it", "rd.luks.uuid=" LUKS_U, NULL, "crypto_LUKS",
	  LUKS_U, UNLOCK_LUKS, "luks-" LUKS_U },
	{ "rd.luks.uuid=luks-UUID (dracut)", "rd.luks.uuid=luks-" LUKS_U, NULL,
	  "crypto_LUKS", LUKS_U, UNLOCK_LUKS, "luks-" LUKS_U },
	{ "rd.luks.uuid= prefix (dracut)", "rd.luks.uuid=13000000-c000", NULL,
	  "crypto_LUKS", LUKS_U, UNLOCK_LUKS, "luks-" LUKS_U },
	{ "rd.luks.uuid= names another", "rd.luks.uuid=" LUKS_V, NULL,
	  "crypto_LUKS", LUKS_U, UNLOCK_NONE },
	{ "rd.luks.name= names it", "rd.luks.name=" LUKS_U "=cryptroot", NULL,
	  "crypto_LUKS", LUKS_U, UNLOCK_LUKS, "cryptroot" },
	{ "rd.luks.name= for another is a filter too",
	  "rd.luks.name=" LUKS_V "=other", NULL, "crypto_LUKS", LUKS_U,
	  UNLOCK_NONE },
	{ "rd.luks.uuid= for one, rd.luks.name= for another",
	  "rd.luks.uuid=" LUKS_U " rd.luks.name=" LUKS_V "=other", NULL,
	  "crypto_LUKS", LUKS_U, UNLOCK_LUKS, "luks-" LUKS_U },
	/* keys */
	{ "rd.luks.key=PATH for all", "rd.luks.key=/etc/root.key", NULL,
	  "crypto_LUKS", LUKS_U, UNLOCK_LUKS, "luks-" LUKS_U, "/etc/root.key" },
	{ "rd.luks.key=UUID=PATH", "rd.luks.key=" LUKS_U "=/k1", NULL,
	  "crypto_LUKS", LUKS_U, UNLOCK_LUKS, "luks-" LUKS_U, "/k1" },
	{ "rd.luks.key=UUID=PATH for another: ask",
	  "rd.luks.key=" LUKS_V "=/k1", NULL, "crypto_LUKS", LUKS_U,
	  UNLOCK_LUKS, "luks-" LUKS_U, NULL },
	{ "rd.luks.key=PATH:DEV is not supported: ask",
	  "rd.luks.key=/k:/dev/sdb1", NULL, "crypto_LUKS", LUKS_U, UNLOCK_LUKS,
	  "luks-" LUKS_U, NULL },
	{ "rd.luks.key=PATH: (dracut, no device)", "rd.luks.key=/k:", NULL,
	  "crypto_LUKS", LUKS_U, UNLOCK_LUKS, "luks-" LUKS_U, "/k" },
	/* crypttab */
	{ "crypttab names it: its name and key", "",
	  "root UUID=" LUKS_U " /etc/keys/root.key luks\n", "crypto_LUKS",
	  LUKS_U, UNLOCK_LUKS, "root", "/etc/keys/root.key" },
	{ "crypttab names only others: left alone", "",
	  "other UUID=" LUKS_V " none\n", "crypto_LUKS", LUKS_U, UNLOCK_NONE },
	{ "rd.luks.crypttab=0: crypttab ignored", "rd.luks.crypttab=0",
	  "other UUID=" LUKS_V " none\n", "crypto_LUKS", LUKS_U, UNLOCK_LUKS,
	  "luks-" LUKS_U },
	{ "rd.luks.uuid= wins over crypttab's filter", "rd.luks.uuid=" LUKS_U,
	  "other UUID=" LUKS_V " none\n", "crypto_LUKS", LUKS_U, UNLOCK_LUKS,
	  "luks-" LUKS_U },
	{ "rd.luks.name= wins over crypttab's name",
	  "rd.luks.name=" LUKS_U "=cmd", "tab UUID=" LUKS_U " none\n",
	  "crypto_LUKS", LUKS_U, UNLOCK_LUKS, "cmd" },
	{ "crypttab's key wins over rd.luks.key= for all", "rd.luks.key=/all",
	  "tab UUID=" LUKS_U " /tab\n", "crypto_LUKS", LUKS_U, UNLOCK_LUKS,
	  "tab", "/tab" },
	{ "rd.luks.key=UUID= wins over crypttab's key",
	  "rd.luks.key=" LUKS_U "=/mine", "tab UUID=" LUKS_U " /tab\n",
	  "crypto_LUKS", LUKS_U, UNLOCK_LUKS, "tab", "/mine" },
	{ "crypttab by /dev/NAME", "", "vd /dev/vda2 none\n", "crypto_LUKS",
	  LUKS_U, UNLOCK_LUKS, "vd", NULL },
	/* not probed */
	{ "unreadable: nothing", "", NULL, "", "", UNLOCK_NONE },
};

static void test_rules(void)
{
	struct unlock_plan p;
	struct blockdev bd;
	size_t i;

	for (i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		cmdline_parse(rules[i].cmdline, &cl);
		unlock_conf_parse(cl.unlock, cl.n_unlock, &conf);
		if (rules[i].crypttab)
			crypttab_parse(rules[i].crypttab,
				       strlen(rules[i].crypttab), &ct);
		bd = dev("vda2", rules[i].type, rules[i].uuid);
		if (!rules[i].type[0])
			bd.fs_probed = false;
		T_INTEQ(unlock_rule(&bd, &conf, rules[i].crypttab ? &ct : NULL,
				    &p),
			rules[i].kind, "%s: %s", rules[i].what,
			unlock_kind_name(rules[i].kind));
		T_INTEQ(p.kind, rules[i].kind, "%s: plan's kind",
			rules[i].what);
		if (p.kind == UNLOCK_NONE)
			T_OK(p.why && *p.why, "%s: says why not (%s)",
			     rules[i].what, p.why ? p.why : "");
		if (rules[i].kind == UNLOCK_LUKS) {
			T_STREQ(p.name, rules[i].name, "%s: name",
				rules[i].what);
			T_STREQ(p.key, rules[i].key, "%s: key", rules[i].what);
			T_INTEQ(p.tries, UNLOCK_TRIES_DEFAULT,
				"%s: 3 tries by default", rules[i].what);
		}
		if (rules[i].kind == UNLOCK_LVM)
			T_STREQ(p.lvm_config, rules[i].lvm, "%s: LVM filter",
				rules[i].what);
	}
}

static void test_options(void)
{
	struct unlock_plan p;
	struct blockdev bd = dev("vda2", "crypto_LUKS", LUKS_U);

	memset(&p, 0, sizeof(p));
	unlock_luks_options("luks,discard,tries=5,keyfile-size=64,"
			    "keyfile-offset=512,readonly,noauto,x-frob=1",
			    &p);
	T_OK(p.discard && p.readonly, "discard and readonly");
	T_INTEQ(p.tries, 5, "tries=5");
	T_STREQ(p.keyfile_size, "64", "keyfile-size=");
	T_STREQ(p.keyfile_offset, "512", "keyfile-offset=");
	T_STREQ(p.unknown, "x-frob=1", "unknown options listed");

	memset(&p, 0, sizeof(p));
	unlock_luks_options("tries=x,keyfile-size=-1,,tries=0", &p);
	T_INTEQ(p.tries, 0, "tries=0: no limit");
	T_STREQ(p.unknown, "tries=x,keyfile-size=-1", "bad numbers listed");

	cmdline_parse("rd.luks.options=discard rd.luks.options=" LUKS_U
		      "=tries=7 rd.luks.options=" LUKS_V "=readonly",
		      &cl);
	unlock_conf_parse(cl.unlock, cl.n_unlock, &conf);
	unlock_rule(&bd, &conf, NULL, &p);
	T_OK(p.discard, "rd.luks.options= for all");
	T_INTEQ(p.tries, 7, "rd.luks.options=UUID=tries=7");
	T_OK(!p.readonly, "options for another UUID not applied");

	crypttab_parse("r UUID=" LUKS_U " none tries=2,discard\n",
		       strlen("r UUID=" LUKS_U " none tries=2,discard\n"), &ct);
	cmdline_parse("rd.luks.options=tries=4", &cl);
	unlock_conf_parse(cl.unlock, cl.n_unlock, &conf);
	unlock_rule(&bd, &conf, &ct, &p);
	T_INTEQ(p.tries, 4, "the command line's options after crypttab's");
	T_OK(p.discard, "... crypttab's others kept");
	T_INTEQ(p.crypttab_line, 1, "the crypttab line is named");

	cmdline_parse("rd.luks.allow-discards", &cl);
	unlock_conf_parse(cl.unlock, cl.n_unlock, &conf);
	unlock_rule(&bd, &conf, NULL, &p);
	T_OK(p.discard, "rd.luks.allow-discards (dracut)");
}

static void test_conf(void)
{
	int r;

	cmdline_parse("root=/dev/mapper/r rd.luks.name=nouuid rd.luks.frob=1 "
		      "rd.lvm.vg=a rd.md rd.luks.key=relative "
		      "rd.luks.key=/k:/dev/sdb console=ttyS0 rd.luks.uuid= "
		      "rd.lvmx=1 quiet",
		      &cl);
	T_INTEQ(cl.n_unlock, 7,
		"the rd.luks/lvm/md words are kept whole (not rd.lvmx=)");
	T_STREQ(cl.unlock[0], "rd.luks.name=nouuid", "... as written");
	T_STREQ(cl.console[0], "ttyS0", "console= kept");
	r = unlock_conf_parse(cl.unlock, cl.n_unlock, &conf);
	T_INTEQ(r, 0, "parsed");
	T_INTEQ(conf.n_bad, 4,
		"bad: name without UUID, unknown key, "
		"relative key, key on a device");
	T_STREQ(conf.bad[0], "rd.luks.name=nouuid", "first bad word named");
	T_INTEQ(conf.n_lvm_vg, 1, "rd.lvm.vg= kept");
	T_INTEQ(conf.n_luks_uuid, 0, "empty rd.luks.uuid= ignored");
	T_INTEQ(cl.n_init_args, 0, "rd.* words are not init's arguments");
}

static void test_full(void)
{
	char text[CMDLINE_MAX];
	size_t n = 0;
	int i;

	for (i = 0; i < UNLOCK_LIST_MAX + 4; i++)
		n += (size_t)snprintf(text + n, sizeof(text) - n,
				      "rd.lvm.vg=vg%d ", i);
	cmdline_parse(text, &cl);
	T_INTEQ(unlock_conf_parse(cl.unlock, cl.n_unlock, &conf), -E2BIG,
		"too many rd.lvm.vg=: -E2BIG");
	T_INTEQ(conf.n_lvm_vg, UNLOCK_LIST_MAX, "... the first are kept");
}

int main(void)
{
	test_rules();
	test_options();
	test_conf();
	test_full();
	T_DONE();
}
