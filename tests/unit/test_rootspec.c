/* test_rootspec.c - every root= form, and the malformed ones */
#include <errno.h>

#include "rootspec.h"
#include "t.h"

static const struct {
	const char *text;
	enum root_kind kind;
	const char *value; /* ROOT_NAME/UUID/LABEL/PART* */
	unsigned maj, min; /* ROOT_DEVNUM */
	int has_off, off; /* PARTNROFF */
	const char *canon; /* root_spec_format() */
} good[] = {
	{ "/dev/sda1", ROOT_NAME, "sda1", 0, 0, 0, 0, "/dev/sda1" },
	{ "sda1", ROOT_NAME, "sda1", 0, 0, 0, 0, "/dev/sda1" },
	{ "nvme0n1p2", ROOT_NAME, "nvme0n1p2", 0, 0, 0, 0, "/dev/nvme0n1p2" },
	{ "/dev/mmcblk0p1", ROOT_NAME, "mmcblk0p1", 0, 0, 0, 0,
	  "/dev/mmcblk0p1" },
	{ "/dev/cciss/c0d0p1", ROOT_NAME, "cciss!c0d0p1", 0, 0, 0, 0,
	  "/dev/cciss/c0d0p1" },
	{ "/dev/fd0", ROOT_NAME, "fd0", 0, 0, 0, 0, "/dev/fd0" },
	{ "UUID=3E6BE9DE-8139-4A5C-9106-A43F08D823A6", ROOT_UUID,
	  "3e6be9de-8139-4a5c-9106-a43f08d823a6", 0, 0, 0, 0,
	  "UUID=3e6be9de-8139-4a5c-9106-a43f08d823a6" },
	{ "UUID=\"abcd-1234\"", ROOT_UUID, "abcd-1234", 0, 0, 0, 0,
	  "UUID=abcd-1234" },
	{ "UUID=ABCD-EF01", ROOT_UUID, "abcd-ef01", 0, 0, 0, 0,
	  "UUID=abcd-ef01" },
	{ "LABEL=root", ROOT_LABEL, "root", 0, 0, 0, 0, "LABEL=root" },
	{ "LABEL=\"my disk\"", ROOT_LABEL, "my disk", 0, 0, 0, 0,
	  "LABEL=\"my disk\"" },
	{ "LABEL=My-Root", ROOT_LABEL, "My-Root", 0, 0, 0, 0, "LABEL=My-Root" },
	{ "PARTUUID=6B1C7E8A-5D4F-4C3B-9A2E-1F0D9C8B7A65", ROOT_PARTUUID,
	  "6b1c7e8a-5d4f-4c3b-9a2e-1f0d9c8b7a65", 0, 0, 0, 0,
	  "PARTUUID=6b1c7e8a-5d4f-4c3b-9a2e-1f0d9c8b7a65" },
	{ "PARTUUID=1234ABCD-02", ROOT_PARTUUID, "1234abcd-02", 0, 0, 0, 0,
	  "PARTUUID=1234abcd-02" },
	{ "PARTUUID=1234abcd-01/PARTNROFF=1", ROOT_PARTUUID, "1234abcd-01", 0,
	  0, 1, 1, "PARTUUID=1234abcd-01/PARTNROFF=1" },
	{ "PARTUUID=6b1c7e8a-5d4f-4c3b-9a2e-1f0d9c8b7a65/PARTNROFF=-1",
	  ROOT_PARTUUID, "6b1c7e8a-5d4f-4c3b-9a2e-1f0d9c8b7a65", 0, 0, 1, -1,
	  "PARTUUID=6b1c7e8a-5d4f-4c3b-9a2e-1f0d9c8b7a65/PARTNROFF=-1" },
	{ "PARTLABEL=primary", ROOT_PARTLABEL, "primary", 0, 0, 0, 0,
	  "PARTLABEL=primary" },
	{ "PARTLABEL=\"Linux filesystem\"", ROOT_PARTLABEL, "Linux filesystem",
	  0, 0, 0, 0, "PARTLABEL=\"Linux filesystem\"" },
	{ "/dev/disk/by-uuid/3E6BE9DE-8139-4A5C-9106-A43F08D823A6", ROOT_UUID,
	  "3e6be9de-8139-4a5c-9106-a43f08d823a6", 0, 0, 0, 0,
	  "UUID=3e6be9de-8139-4a5c-9106-a43f08d823a6" },
	{ "/dev/disk/by-label/my\\x20disk", ROOT_LABEL, "my disk", 0, 0, 0, 0,
	  "LABEL=\"my disk\"" },
	{ "/dev/disk/by-label/a\\x2fb\\xzz", ROOT_LABEL, "a/b\\xzz", 0, 0, 0, 0,
	  "LABEL=a/b\\xzz" },
	{ "/dev/disk/by-partuuid/1234abcd-05", ROOT_PARTUUID, "1234abcd-05", 0,
	  0, 0, 0, "PARTUUID=1234abcd-05" },
	{ "/dev/disk/by-partlabel/EFI\\x20System", ROOT_PARTLABEL, "EFI System",
	  0, 0, 0, 0, "PARTLABEL=\"EFI System\"" },
	/* found by tests/fuzz/fuzz_rootspec.c: printed as LABEL="x, an
	 * unterminated quote */
	{ "/dev/disk/by-label/\\x22x", ROOT_LABEL, "\"x", 0, 0, 0, 0,
	  "LABEL=\"\"x\"" },
	{ "LABEL=\"\"x\"", ROOT_LABEL, "\"x", 0, 0, 0, 0, "LABEL=\"\"x\"" },
	{ "8:1", ROOT_DEVNUM, NULL, 8, 1, 0, 0, "8:1" },
	{ "259:0", ROOT_DEVNUM, NULL, 259, 0, 0, 0, "259:0" },
	{ "0x801", ROOT_DEVNUM, NULL, 8, 1, 0, 0, "8:1" },
	{ "0X0803", ROOT_DEVNUM, NULL, 8, 3, 0, 0, "8:3" },
	{ "801", ROOT_DEVNUM, NULL, 8, 1, 0, 0, "8:1" },
	{ "fe00", ROOT_DEVNUM, NULL, 254, 0, 0, 0, "254:0" },
	{ "10300", ROOT_DEVNUM, NULL, 259, 0, 0, 0, "259:0" },
	/* minor above 255: the high minor bits sit above the major */
	{ "0x100845", ROOT_DEVNUM, NULL, 8, 325, 0, 0, "8:325" },
	{ "12345", ROOT_DEVNUM, NULL, 0x123, 0x45, 0, 0, "291:69" },
};

static void test_good(void)
{
	struct root_spec s;
	char err[256], canon[300];
	size_t i;
	int r;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *t = good[i].text;

		r = root_spec_parse(t, &s, err, sizeof(err));
		T_INTEQ(r, 0, "root=%s parses", t);
		if (r)
			printf("#   %s\n", err);
		T_STREQ(root_kind_name(s.kind), root_kind_name(good[i].kind),
			"root=%s kind", t);
		if (good[i].value)
			T_STREQ(s.value, good[i].value, "root=%s value", t);
		if (good[i].kind == ROOT_DEVNUM) {
			T_INTEQ(s.major, good[i].maj, "root=%s major", t);
			T_INTEQ(s.minor, good[i].min, "root=%s minor", t);
		}
		T_INTEQ(s.has_partnroff, good[i].has_off,
			"root=%s has PARTNROFF", t);
		T_INTEQ(s.partnroff, good[i].off, "root=%s PARTNROFF", t);
		if (good[i].canon) {
			root_spec_format(&s, canon, sizeof(canon));
			T_STREQ(canon, good[i].canon, "root=%s formats back",
				t);
		}
	}
}

/* Malformed: the error and a word the message must contain. */
static const struct {
	const char *text;
	int ret;
	const char *says;
} bad_cases[] = {
	{ "", -EINVAL, "empty" },
	{ "UUID=", -EINVAL, "expected UUID=VALUE" },
	{ "LABEL=", -EINVAL, "empty LABEL" },
	{ "LABEL=\"\"", -EINVAL, "empty LABEL" },
	{ "PARTUUID=", -EINVAL, "empty PARTUUID" },
	{ "PARTLABEL=", -EINVAL, "empty PARTLABEL" },
	{ "/dev/", -EINVAL, "/dev/NAME" },
	{ "/dev/disk/by-uuid/", -EINVAL, "empty UUID" },
	{ "UUID=not-a-uuid", -EINVAL, "hex digits" },
	{ "UUID=\"abcd", -EINVAL, "unterminated quote" },
	{ "LABEL=\"my disk", -EINVAL, "unterminated quote" },
	{ "PARTUUID=xyz", -EINVAL, "GPT GUID" },
	{ "PARTUUID=1234abcd-1", -EINVAL, "SSSSSSSS-PP" },
	{ "PARTUUID=1234abcd-001", -EINVAL, "SSSSSSSS-PP" },
	{ "PARTUUID=6b1c7e8a-5d4f-4c3b-9a2e-1f0d9c8b7a6", -EINVAL,
	  "8-4-4-4-12" },
	{ "PARTUUID=6b1c7e8a5d4f-4c3b-9a2e-1f0d9c8b7a650", -EINVAL,
	  "8-4-4-4-12" },
	{ "PARTUUID=1234abcd-01/PARTNROFF=", -EINVAL, "PARTNROFF=N" },
	{ "PARTUUID=1234abcd-01/PARTNROFF=x", -EINVAL, "PARTNROFF=N" },
	{ "PARTUUID=1234abcd-01/PARTNROFF=1x", -EINVAL, "PARTNROFF=N" },
	{ "PARTUUID=1234abcd-01/OFFSET=1", -EINVAL, "PARTNROFF=N" },
	{ "0x", -EINVAL, "hexadecimal" },
	{ "0x80g", -EINVAL, "hexadecimal" },
	{ "0x123456789", -EINVAL, "hexadecimal" },
	{ "8:", -EINVAL, "MAJ:MIN" },
	{ ":1", -EINVAL, "MAJ:MIN" },
	{ "8:x", -EINVAL, "MAJ:MIN" },
	{ "8:1:2", -EINVAL, "MAJ:MIN" },
	{ "8:99999999", -EINVAL, "MAJ:MIN" },
	{ "uuid=abcd", -EINVAL, "unknown form" },
	{ "ZFS=rpool/root", -EINVAL, "unknown form" },
	{ "sd\"a", -EINVAL, "unknown form" },
	{ "/dev/disk/by-id/ata-QEMU_HARDDISK", -EINVAL, "without udev" },
	{ "/dev/sd a", -EINVAL, "/dev/NAME" },
	/* found by tests/fuzz/fuzz_rootspec.c: accepted as the name
	 * "disk!by-partla", printed as /dev/disk/by-partla, which is refused */
	{ "disk/by-partla", -EINVAL, "without udev" },
	{ "disk!by-uuid!x", -EINVAL, "without udev" },
	{ "/dev/disk!by-label!x", -EINVAL, "without udev" },
};

static void test_bad(void)
{
	struct root_spec s;
	char err[256];
	size_t i;
	int r;

	for (i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++) {
		const char *t = bad_cases[i].text;

		r = root_spec_parse(t, &s, err, sizeof(err));
		T_INTEQ(r, bad_cases[i].ret, "root=%s is refused", t);
		T_OK(strstr(err, bad_cases[i].says) != NULL,
		     "root=%s message says '%s'", t, bad_cases[i].says);
		if (!strstr(err, bad_cases[i].says))
			printf("#   message: %s\n", err);
	}
}

static void test_overlong(void)
{
	struct root_spec s;
	char text[1200], err[256];
	int r;

	memset(text, 'a', sizeof(text));
	memcpy(text, "LABEL=", 6);
	text[6 + ROOTSPEC_VALUE_MAX - 1] = '\0';
	r = root_spec_parse(text, &s, err, sizeof(err));
	T_INTEQ(r, 0, "a LABEL of %d bytes fits", ROOTSPEC_VALUE_MAX - 1);

	memset(text, 'a', sizeof(text));
	memcpy(text, "LABEL=", 6);
	text[6 + ROOTSPEC_VALUE_MAX] = '\0';
	r = root_spec_parse(text, &s, err, sizeof(err));
	T_INTEQ(r, -ENAMETOOLONG, "a LABEL of %d bytes is too long",
		ROOTSPEC_VALUE_MAX);
	T_OK(strstr(err, "longer than") != NULL, "message says too long");

	memset(text, 'b', sizeof(text));
	memcpy(text, "/dev/", 5);
	text[sizeof(text) - 1] = '\0';
	r = root_spec_parse(text, &s, err, sizeof(err));
	T_INTEQ(r, -ENAMETOOLONG, "an overlong /dev/NAME is too long");

	/* found by tests/fuzz/fuzz_rootspec.c: a name of 255 bytes was
	 * accepted, /dev/ and the same name refused */
	memset(text, 'b', sizeof(text));
	memcpy(text, "/dev/", 5);
	text[5 + ROOTSPEC_VALUE_MAX - 1] = '\0';
	r = root_spec_parse(text, &s, err, sizeof(err));
	T_INTEQ(r, 0, "/dev/NAME with a NAME of %d bytes fits",
		ROOTSPEC_VALUE_MAX - 1);
	r = root_spec_parse(text + 5, &s, err, sizeof(err));
	T_INTEQ(r, 0, "and so does the NAME alone");

	memset(text, '8', sizeof(text));
	text[sizeof(text) - 1] = '\0';
	r = root_spec_parse(text, &s, err, sizeof(err));
	T_INTEQ(r, -ENAMETOOLONG, "an overlong number is too long");

	r = root_spec_parse(NULL, &s, NULL, 0);
	T_INTEQ(r, -EINVAL, "NULL text without an error buffer");
	T_INTEQ(s.kind, ROOT_NONE, "and the kind is none");
}

int main(void)
{
	test_good();
	test_bad();
	test_overlong();
	T_DONE();
}
