/* test_crypttab.c - /etc/crypttab lines, and which one names a device */
#include <errno.h>

#include "crypttab.h"
#include "t.h"

static struct crypttab ct;

static void test_parse(void)
{
	static const char text[] =
		"# <target name> <source device> <key file> <options>\n"
		"\n"
		"cryptroot UUID=1b2c3d4e-0000-4000-8000-00000000abcd none "
		"luks,discard\n"
		"  swap\t/dev/sda3\t/dev/urandom\tswap,cipher=aes-xts-plain64\n"
		"data PARTUUID=6b1c7e8a-01 /etc/keys/data.key\r\n"
		"bare /dev/cciss/c0d0p2\n"
		"dash UUID=ffff0000-1111-4222-8333-444455556666 -\n"
		"my\\040vol /dev/vdb\n"
		"only-a-name\n"
		"bad/name /dev/vdc none\n";
	int n = crypttab_parse(text, sizeof(text) - 1, &ct);

	T_INTEQ(n, 6, "six entries");
	T_STREQ(ct.e[0].name, "cryptroot", "name");
	T_STREQ(ct.e[0].device, "UUID=1b2c3d4e-0000-4000-8000-00000000abcd",
		"device");
	T_OK(ct.e[0].key == NULL, "key 'none' is no key (ask)");
	T_STREQ(ct.e[0].opts, "luks,discard", "options");
	T_INTEQ(ct.e[0].line, 3, "line number counts comments and blanks");
	T_STREQ(ct.e[1].name, "swap", "leading blanks and tabs");
	T_STREQ(ct.e[1].key, "/dev/urandom", "key field");
	T_STREQ(ct.e[2].key, "/etc/keys/data.key", "CRLF line: key");
	T_STREQ(ct.e[2].opts, "", "no options field: empty");
	T_OK(ct.e[3].key == NULL, "absent key field: ask");
	T_OK(ct.e[4].key == NULL, "key '-' is no key (ask)");
	T_STREQ(ct.e[5].name, "my vol", "\\040 is a space");
	T_INTEQ(ct.n_bad, 2, "one field, and a name with '/': bad lines");
	T_INTEQ(ct.bad_line, 9, "the first bad line (one field) is named");

	T_INTEQ(crypttab_parse("", 0, &ct), 0, "empty text: no entries");
	T_INTEQ(crypttab_parse("a b\0c d\n", 8, &ct), 1, "a NUL ends the text");
}

static void test_long(void)
{
	static char text[CRYPTTAB_TEXT_MAX * 2];
	size_t i, len = 0;
	int n;

	for (i = 0; len + 40 < sizeof(text); i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len,
					"n%zu /dev/vd%zu none\n", i, i);
	n = crypttab_parse(text, len, &ct);
	T_INTEQ(n, -E2BIG, "too many lines: -E2BIG");
	T_INTEQ(ct.n, CRYPTTAB_MAX, "... the first CRYPTTAB_MAX are kept");
	T_STREQ(ct.e[CRYPTTAB_MAX - 1].device, "/dev/vd31", "... in order");
}

static const struct {
	const char *what, *uuid, *name, *partuuid, *partlabel, *want;
} finds[] = {
	{ "UUID=", "1b2c3d4e-0000-4000-8000-00000000abcd", "vda2", "", "",
	  "cryptroot" },
	{ "UUID= in upper case and without dashes",
	  "1B2C3D4E00004000800000000000ABCD", "vda2", "", "", "cryptroot" },
	{ "/dev/disk/by-uuid/", "aaaaaaaa-0000-4000-8000-000000000001", "x", "",
	  "", "byuuid" },
	{ "PARTUUID=, either case", "", "vda1", "6B1C7E8A-01", "", "data" },
	{ "PARTLABEL=", "", "vda5", "", "secret", "plabel" },
	{ "/dev/NAME", "", "sda3", "", "", "swap" },
	{ "/dev/cciss/c0d0p2 is sysfs's cciss!c0d0p2", "", "cciss!c0d0p2", "",
	  "", "bare" },
	{ "another UUID", "1b2c3d4e-0000-4000-8000-00000000abce", "vdz", "", "",
	  NULL },
	{ "a UUID prefix is not the UUID", "1b2c3d4e", "vdz", "", "", NULL },
	{ "/dev/sda is not /dev/sda3", "", "sda", "", "", NULL },
	{ "nothing known", "", "", "", "", NULL },
};

static void test_find(void)
{
	static const char text[] =
		"cryptroot UUID=1b2c3d4e-0000-4000-8000-00000000abcd none\n"
		"swap /dev/sda3 /dev/urandom swap\n"
		"data PARTUUID=6b1c7e8a-01 /k\n"
		"bare /dev/cciss/c0d0p2\n"
		"byuuid "
		"/dev/disk/by-uuid/aaaaaaaa-0000-4000-8000-000000000001\n"
		"plabel PARTLABEL=secret\n";
	const struct crypttab_entry *e;
	size_t i;

	crypttab_parse(text, sizeof(text) - 1, &ct);
	for (i = 0; i < sizeof(finds) / sizeof(finds[0]); i++) {
		e = crypttab_find(&ct, finds[i].uuid, finds[i].name,
				  finds[i].partuuid, finds[i].partlabel);
		T_STREQ(e ? e->name : NULL, finds[i].want, "find: %s",
			finds[i].what);
	}
}

static const struct {
	const char *want, *uuid;
	int prefix, eq;
} uuids[] = {
	{ "abcd-ef01", "ABCDEF01", 0, 1 },
	{ "luks-abcdef01", "abcdef01", 0, 1 },
	{ "abcdef01", "abcdef01-2345", 0, 0 },
	{ "abcdef01", "abcdef01-2345", 1, 1 },
	{ "abcdef0", "abcdef01-2345", 1, 0 }, /* under 8 digits */
	{ "13000000:d0004000:80000000:00000001",
	  "13000000-d000-4000-8000-000000000001", 0, 1 },
	{ "", "abcdef01", 1, 0 },
	{ "abcdef01", "", 1, 0 },
	{ "abcdef01-2345", "abcdef01", 1, 0 },
};

static void test_uuid_eq(void)
{
	size_t i;

	for (i = 0; i < sizeof(uuids) / sizeof(uuids[0]); i++)
		T_INTEQ(crypttab_uuid_eq(uuids[i].want, uuids[i].uuid,
					 uuids[i].prefix),
			uuids[i].eq, "uuid_eq(%s, %s, %d)", uuids[i].want,
			uuids[i].uuid, uuids[i].prefix);
}

int main(void)
{
	test_parse();
	test_long();
	test_find();
	test_uuid_eq();
	T_DONE();
}
