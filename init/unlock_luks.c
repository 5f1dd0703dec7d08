/* unlock_luks.c - LUKS containers: cryptsetup open with the key file
 * rd.luks.key= or crypttab names, else with a passphrase asked on every
 * console; after the last wrong one, the failure policy.
 *
 * The passphrase goes from one buffer, wiped after each try, to
 * cryptsetup's stdin (--key-file=-): it is never logged, and never in
 * an argument list or the report.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "askpass.h"
#include "boot.h"
#include "log.h"
#include "rescue.h"
#include "resolve.h"
#include "runprog.h"
#include "unlock.h"

/* cryptsetup's exit statuses (cryptsetup(8) "RETURN CODES") */
#define CS_WRONG_KEY 2 /* no key available with this passphrase */
#define CS_EXISTS 5 /* the name is taken: open already */

#define LUKS_ARGS_MAX 16

/* cryptsetup open --type luks [options] DEV NAME, with the key file key
 * ("-": stdin). */
static int open_luks(const char *dev, const struct unlock_plan *p,
		     const char *key, const void *in, size_t len)
{
	char keyarg[300], offarg[48], sizearg[48];
	const char *args[LUKS_ARGS_MAX];
	int n = 0;

	args[n++] = "open";
	args[n++] = "--type";
	args[n++] = "luks";
	snprintf(keyarg, sizeof(keyarg), "--key-file=%s", key);
	args[n++] = keyarg;
	if (strcmp(key, "-") && p->keyfile_offset[0]) {
		snprintf(offarg, sizeof(offarg), "--keyfile-offset=%s",
			 p->keyfile_offset);
		args[n++] = offarg;
	}
	if (strcmp(key, "-") && p->keyfile_size[0]) {
		snprintf(sizearg, sizeof(sizearg), "--keyfile-size=%s",
			 p->keyfile_size);
		args[n++] = sizearg;
	}
	if (p->discard)
		args[n++] = "--allow-discards";
	if (p->readonly)
		args[n++] = "--readonly";
	args[n++] = dev;
	args[n++] = p->name;
	args[n] = NULL;
	return unlock_run("cryptsetup", args, in, len, "crypt");
}

/* The key file: 0 when it opened dev, 1 when a passphrase is to be
 * asked instead (said why), or -errno. */
static int with_key(const char *dev, const struct unlock_plan *p)
{
	int r;

	if (access(p->key, R_OK) < 0) {
		log_warn("the key file %s for %s is not in the image (%s); "
			 "asking for the passphrase instead",
			 p->key, dev, strerror(errno));
		return 1;
	}
	r = open_luks(dev, p, p->key, NULL, 0);
	if (r == 0 || r == CS_EXISTS)
		return 0;
	if (r < 0)
		return r;
	log_warn("the key file %s does not open %s (cryptsetup status %d); "
		 "asking for the passphrase instead",
		 p->key, dev, r);
	return 1;
}

/* Tries with passphrases from the consoles: 0 when one opened dev,
 * -EACCES when every try was wrong, or another -errno. */
static int with_passphrase(struct boot *b, const struct blockdev *bd,
			   const char *dev, const struct unlock_plan *p)
{
	static char pass[ASKPASS_MAX + 1];
	char prompt[400], of[32] = "";
	int fds[ASKPASS_CONSOLES], n, i, len, r = -EACCES;

	n = askpass_open(&b->cl, fds, ASKPASS_CONSOLES);
	if (n == 0) {
		log_err("no console to ask for the passphrase of %s on "
			"(/dev/console and console= failed to open)",
			dev);
		return -ENODEV;
	}
	for (i = 1; p->tries == 0 || i <= p->tries; i++) {
		if (p->tries)
			snprintf(of, sizeof(of), " of %d", p->tries);
		snprintf(prompt, sizeof(prompt),
			 "\nPlease unlock disk %s (LUKS UUID %s, opens as "
			 "/dev/mapper/%s), try %d%s.\nPassphrase: ",
			 dev, bd->fs.uuid, p->name, i, of);
		log_info("asking for the passphrase of %s (LUKS UUID %s), "
			 "try %d%s",
			 dev, bd->fs.uuid, i, of);
		len = askpass_read(fds, n, prompt, pass, sizeof(pass));
		if (len == -E2BIG) {
			log_warn("that passphrase was longer than %d bytes: "
				 "not tried",
				 ASKPASS_MAX);
			continue;
		}
		if (len < 0) {
			log_err("unable to read a passphrase for %s: %s", dev,
				strerror(-len));
			r = len;
			break;
		}
		r = open_luks(dev, p, "-", pass, (size_t)len);
		runprog_wipe(pass, sizeof(pass));
		if (r == 0 || r == CS_EXISTS) {
			r = 0;
			break;
		}
		if (r != CS_WRONG_KEY) {
			/* Not the passphrase: another would fail alike. */
			r = r < 0 ? r : -EIO;
			break;
		}
		log_warn("wrong passphrase for %s (try %d%s)", dev, i, of);
		r = -EACCES;
	}
	askpass_close(fds, n);
	return r;
}

int unlock_luks(struct boot *b, const struct blockdev *bd,
		const struct unlock_plan *p)
{
	static const char *const need[] = { "dm_crypt", NULL };
	static const char *const may[] = { "crypto-xts", "crypto-ecb",
					   "crypto-aes", "net-pf-38", NULL };
	char dev[BLOCKDEV_NAME_MAX + 8];
	int r = 1;

	unlock_modules(b, need, may);
	resolve_devnode(bd, dev, sizeof(dev));
	if (p->unknown[0])
		log_warn("ignoring the LUKS options %s for %s: newroot does "
			 "not know them",
			 p->unknown, dev);
	if (p->key)
		r = with_key(dev, p);
	if (r > 0)
		r = with_passphrase(b, bd, dev, p);
	if (r == 0) {
		log_info("unlocked %s (LUKS UUID %s) as /dev/mapper/%s", dev,
			 bd->fs.uuid, p->name);
		return 0;
	}
	log_err("unable to unlock %s (LUKS UUID %s)%s; in the rescue shell "
		"'cryptsetup open %s %s' unlocks it by hand, and 'exit' goes "
		"on with the boot",
		dev, bd->fs.uuid,
		r == -EACCES ? ": every passphrase given was wrong" : "", dev,
		p->name);
	/* As for a missing root: a shell (then the wait goes on and finds
	 * what was opened by hand), panic= or the message on screen. */
	rescue_fail(&b->cl);
	return r;
}
