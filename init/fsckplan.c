/* fsckplan.c - the pure part of the check before mounting: the command
 * line's fsck words, fsck's arguments, and what its exit status means */
#include <string.h>

#include "fsck.h"

/* The values in enum order: enum fsck_mode, enum fsck_repair. */
static const char *const modes[] = { "auto", "force", "skip", NULL };
static const char *const repairs[] = { "preen", "yes", "no", NULL };

static int set_word(int *field, const char *val, const char *const *words)
{
	int i;

	for (i = 0; val && words[i]; i++)
		if (!strcmp(val, words[i])) {
			*field = i;
			return 1;
		}
	return -1;
}

int fsck_cmdline_word(struct cmdline *cl, const char *param, const char *val)
{
	if (!strcmp(param, "fsck.mode"))
		return set_word(&cl->fsck_mode, val, modes);
	if (!strcmp(param, "fsck.repair"))
		return set_word(&cl->fsck_repair, val, repairs);
	/* initramfs-tools' older words; the kernel hands them to init as
	 * well (sysvinit's rc scripts read them too). */
	if (val)
		return 0;
	if (!strcmp(param, "fastboot"))
		cl->fsck_mode = FSCK_MODE_SKIP;
	else if (!strcmp(param, "forcefsck"))
		cl->fsck_mode = FSCK_MODE_FORCE;
	else if (!strcmp(param, "fsckfix"))
		cl->fsck_repair = FSCK_REPAIR_YES;
	return 0;
}

int fsck_argv(enum fsck_mode mode, enum fsck_repair repair, int quiet,
	      const char *type, const char *dev, const char **argv)
{
	int n = 0;

	argv[n++] = "fsck";
	if (mode == FSCK_MODE_FORCE)
		argv[n++] = "-f";
	argv[n++] = repair == FSCK_REPAIR_YES  ? "-y"
		    : repair == FSCK_REPAIR_NO ? "-n"
					       : "-a";
	argv[n++] = quiet ? "-T" : "-V";
	argv[n++] = "-t";
	argv[n++] = type;
	argv[n++] = dev;
	argv[n] = NULL;
	return n;
}

enum fsck_action fsck_action(int status)
{
	if (status < 0 || (status & ~(1 | 2 | 32)))
		return FSCK_FAILED;
	/* As initramfs-tools: an interrupted check is not a failed one. */
	if (status & 32)
		return FSCK_CANCELLED;
	if (status & 2)
		return FSCK_REBOOT;
	if (status & 1)
		return FSCK_CORRECTED;
	return FSCK_GO_ON;
}

const char *fsck_status_text(int status)
{
	/* fsck(8)'s bits, the gravest first. */
	static const struct {
		int bit;
		const char *text;
	} t[] = {
		{ 4, "errors left uncorrected" },
		{ 8, "operational error" },
		{ 16, "usage or syntax error" },
		{ 128, "shared-library error" },
		{ 32, "cancelled by the user" },
		{ 2, "errors corrected, the system should be rebooted" },
		{ 1, "errors corrected" },
	};
	size_t i;

	if (status < 0)
		return "the checker was killed";
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (status & t[i].bit)
			return t[i].text;
	return status ? "unknown status" : "no errors";
}

int fsck_type_checked(const char *type)
{
	static const char *const unchecked[] = {
		"squashfs", "erofs", "iso9660",	 "udf",	 "cramfs", "btrfs",
		"nfs",	    "nfs4",  "cifs",	 "smb3", "tmpfs",  "ramfs",
		"overlay",  "9p",    "virtiofs", "fuse", "swap",   "zfs",
	};
	size_t i;

	if (!type || !*type)
		return 0;
	for (i = 0; i < sizeof(unchecked) / sizeof(unchecked[0]); i++)
		if (!strcmp(type, unchecked[i]))
			return 0;
	return 1;
}

void fsck_last_line(struct fsck_last *l, const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] == '\n' || p[i] == '\r') {
			l->at_start = 1;
			l->skip = 0;
			continue;
		}
		if (l->at_start) {
			l->at_start = 0;
			l->skip = p[i] == ' ' || p[i] == '\t';
			if (!l->skip)
				l->n = 0;
		}
		if (!l->skip && l->n < sizeof(l->line) - 1 &&
		    (unsigned char)p[i] >= ' ')
			l->line[l->n++] = p[i];
	}
	l->line[l->n] = '\0';
}
