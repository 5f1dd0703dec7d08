/* unlock.c - hand each block device that appears to its unlocker, once */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "boot.h"
#include "log.h"
#include "modules.h"
#include "runprog.h"
#include "unlock.h"

#define UNLOCK_ARGS_MAX 24

int unlock_run(const char *name, const char *const args[], const void *in,
	       size_t len, const char *with)
{
	char path[64], out[1024], *argv[UNLOCK_ARGS_MAX + 2];
	int i, r;

	if (runprog_find(name, path, sizeof(path)) < 0) {
		log_err("the image has no %s (looked in %s); build it with "
			"newroot-mkimage --with %s",
			name, RUNPROG_PATH, with);
		return -ENOENT;
	}
	argv[0] = path;
	for (i = 0; args[i] && i < UNLOCK_ARGS_MAX; i++)
		argv[i + 1] = (char *)args[i];
	argv[i + 1] = NULL;
	r = runprog(argv, in, len, out, sizeof(out));
	if (r < 0)
		log_err("unable to run %s: %s", path, strerror(-r));
	else if (out[0])
		/* "mdadm: ..." already names itself */
		log_msg(r ? LOG_LVL_WARN : LOG_LVL_INFO, "%s%s%s",
			strncmp(out, name, strlen(name)) ? name : "",
			strncmp(out, name, strlen(name)) ? ": " : "", out);
	return r;
}

void unlock_modules(struct boot *b, const char *const need[],
		    const char *const may[])
{
	int i;

	for (i = 0; need[i]; i++)
		modules_load(&b->mods, need[i]);
	for (i = 0; may[i]; i++)
		modules_match(&b->mods, may[i]);
}

int unlock_run_check(const char *name, const char *const args[],
		     const char *with, const char *dev, const char *then)
{
	int r = unlock_run(name, args, NULL, 0, with);

	if (r <= 0)
		return r;
	log_warn("%s %s %s failed (status %d); %s", name, args[0], dev, r,
		 then);
	return -EIO;
}

static void load(struct unlock_state *u, const struct cmdline *cl)
{
	char text[CRYPTTAB_TEXT_MAX];
	ssize_t n = 0, r;
	int fd, i;

	u->loaded = true;
	if (unlock_conf_parse(cl->unlock, cl->n_unlock, &u->conf) < 0)
		log_warn("too many rd.luks, rd.lvm or rd.md words; the first "
			 "%d of each kind are used",
			 UNLOCK_LIST_MAX);
	for (i = 0; i < u->conf.n_bad && i < UNLOCK_LIST_MAX; i++)
		log_warn("ignoring %s: it %s", u->conf.bad[i],
			 u->conf.bad_why[i]);
	fd = open(UNLOCK_CRYPTTAB, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	while (n < (ssize_t)sizeof(text) &&
	       (r = read(fd, text + n, sizeof(text) - (size_t)n)) > 0)
		n += r;
	close(fd);
	u->have_ct = true;
	if (crypttab_parse(text, (size_t)n, &u->ct) < 0)
		log_warn("%s is too long or has too many lines; the first %d "
			 "are used",
			 UNLOCK_CRYPTTAB, u->ct.n);
	if (u->ct.n_bad)
		log_warn("%s line %d is not NAME DEVICE [KEYFILE [OPTIONS]]: "
			 "ignored (%d such lines)",
			 UNLOCK_CRYPTTAB, u->ct.bad_line, u->ct.n_bad);
}

static int was_seen(const struct unlock_state *u, const struct blockdev *bd)
{
	int i;

	for (i = 0; i < u->n_seen; i++)
		if (u->seen[i].major == bd->major &&
		    u->seen[i].minor == bd->minor)
			return 1;
	return 0;
}

/* Remember bd as handed to the rules (past UNLOCK_SEEN_MAX devices,
 * the later ones are handed to them at every look). */
static void remember(struct unlock_state *u, const struct blockdev *bd)
{
	if (u->n_seen == UNLOCK_SEEN_MAX)
		return;
	u->seen[u->n_seen].major = bd->major;
	u->seen[u->n_seen].minor = bd->minor;
	u->n_seen++;
}

static int dispatch(struct boot *b, const struct blockdev *bd)
{
	struct unlock_state *u = &b->unlock;
	struct unlock_plan plan;

	switch (unlock_rule(bd, &u->conf, u->have_ct ? &u->ct : NULL, &plan)) {
	case UNLOCK_MD:
		u->md_members = true;
		return unlock_md(b, bd, &plan);
	case UNLOCK_LVM:
		return unlock_lvm(b, bd, &plan);
	case UNLOCK_LUKS:
		return unlock_luks(b, bd, &plan);
	case UNLOCK_NONE:
		break;
	}
	if (bd->fs.usage == PROBE_USAGE_RAID ||
	    bd->fs.usage == PROBE_USAGE_CRYPTO)
		log_info("leaving %s (%s) alone: %s", bd->name, bd->fs.type,
			 plan.why);
	return 1; /* nothing ran */
}

int unlock_devices(struct boot *b, struct blockdev_set *set, int devfd,
		   bool look, bool expired)
{
	struct unlock_state *u = &b->unlock;
	int i, ran = 0;

	if (!u->loaded)
		load(u, &b->cl);
	for (i = 0; look && i < set->n; i++) {
		struct blockdev *bd = &set->dev[i];

		if (was_seen(u, bd))
			continue;
		/* A device that cannot be read now is tried again at the
		 * next look; nothing recognised is final. */
		if (blockdev_probe_fs(devfd, set, bd) < 0 && !bd->fs_probed)
			continue;
		remember(u, bd);
		if (dispatch(b, bd) <= 0)
			ran++;
	}
	if (expired && u->md_members && !u->md_ran) {
		u->md_ran = true;
		unlock_md_degraded(b);
		ran++;
	}
	return ran;
}
