/* fuzz_cmdline.c - libFuzzer harness over cmdline_parse(), the text of
 * /proc/cmdline (the boot loader's, or anyone who can edit its entry),
 * and what the init asks of the result: module parameters and stage
 * names. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "stage.h"
#include "unlock_rules.h" /* stage_from_name(), here or in cmdline.h */
#include "fuzztext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* p points into cl->buf, or is NULL */
static void check_in(const struct cmdline *cl, const char *p)
{
	if (p && (p < cl->buf || p >= cl->buf + sizeof(cl->buf) ||
		  !memchr(p, 0, (size_t)(cl->buf + sizeof(cl->buf) - p))))
		__builtin_trap();
}

/* The unlockers' words: read into the rules' conf, then the rules run
 * for a LUKS container, an LVM PV and an md member under it. */
static void unlock_words(const struct cmdline *cl)
{
	static struct unlock_conf conf;
	static const char *const types[] = { "crypto_LUKS", "LVM2_member",
					     "linux_raid_member" };
	struct unlock_plan plan;
	struct blockdev bd;
	int i;

	if (cl->n_unlock < 0 || cl->n_unlock > CMDLINE_MAX_UNLOCK ||
	    cl->n_console < 0 || cl->n_console > CMDLINE_MAX_CONSOLES)
		__builtin_trap();
	for (i = 0; i < cl->n_unlock; i++)
		check_in(cl, cl->unlock[i]);
	for (i = 0; i < cl->n_console; i++)
		check_in(cl, cl->console[i]);
	unlock_conf_parse(cl->unlock, cl->n_unlock, &conf);
	memset(&bd, 0, sizeof(bd));
	bd.fs_probed = true;
	strcpy(bd.name, "vda2");
	strcpy(bd.fs.uuid, "13000000-c000-4000-8000-000000000001");
	for (i = 0; i < 3; i++) {
		strcpy(bd.fs.type, types[i]);
		unlock_rule(&bd, &conf, NULL, &plan);
		if (strlen(plan.lvm_config) >= sizeof(plan.lvm_config) ||
		    strlen(plan.name) >= sizeof(plan.name))
			__builtin_trap();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct cmdline cl;
	char out[512], *text;
	int i;

	/* /proc/cmdline is at most a page; twice CMDLINE_MAX reaches the
	 * -E2BIG path without slowing every run */
	text = fuzz_text(data, size, 2 * CMDLINE_MAX, NULL);
	if (!text)
		return 0;
	cmdline_parse(text, &cl);
	free(text);

	check_in(&cl, cl.root);
	check_in(&cl, cl.rootfstype);
	check_in(&cl, cl.rootflags);
	check_in(&cl, cl.init);
	check_in(&cl, cl.resume);
	check_in(&cl, cl.method);
	if (cl.n_modules_load < 0 || cl.n_modules_load > CMDLINE_MAX_MODULES ||
	    cl.n_params < 0 || cl.n_params > CMDLINE_MAX_PARAMS ||
	    cl.n_init_args < 0 || cl.n_init_args > CMDLINE_MAX_ARGS)
		__builtin_trap();
	for (i = 0; i < cl.n_modules_load; i++) {
		check_in(&cl, cl.modules_load[i]);
		cmdline_module_params(&cl, cl.modules_load[i], out,
				      sizeof(out));
	}
	for (i = 0; i < cl.n_params; i++) {
		check_in(&cl, cl.params[i].module);
		check_in(&cl, cl.params[i].param);
		cmdline_module_params(&cl, cl.params[i].module, out,
				      sizeof(out));
		cmdline_module_params(&cl, cl.params[i].module, out, 8);
	}
	for (i = 0; i < cl.n_init_args; i++) {
		check_in(&cl, cl.init_args[i]);
		stage_from_name(cl.init_args[i]);
	}
	unlock_words(&cl);
	return 0;
}
