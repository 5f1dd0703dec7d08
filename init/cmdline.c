/* cmdline.c - the kernel command line, split the way the kernel splits it
 *
 * The tokenizer is the kernel's next_arg() (kernel/params.c): words are
 * separated by white space, a double quote groups, and only the quotes at
 * the start of a word or of a value (and the matching last one) are
 * removed.  What the kernel hands to /init as arguments is modelled too:
 * the words after "--" and the bare words it does not know itself.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "fsck.h"
#include "stage.h"

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
	       c == '\r';
}

static char *skip_spaces(char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

/*
 * The kernel's next_arg(): cut one word off args (in place), split it at the
 * first '=' into *param and *val (NULL without '='), drop the quotes.
 * *open is set when the word ends inside a quote.  Returns the next word.
 */
static char *next_arg(char *args, char **param, char **val, int *open)
{
	unsigned i, equals = 0;
	int in_quote = 0, quoted = 0;
	char *next;

	if (*args == '"') {
		args++;
		in_quote = 1;
		quoted = 1;
	}
	for (i = 0; args[i]; i++) {
		if (is_space(args[i]) && !in_quote)
			break;
		if (equals == 0 && args[i] == '=')
			equals = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}
	*open = in_quote;
	*param = args;
	if (!equals) {
		*val = NULL;
	} else {
		args[equals] = '\0';
		*val = args + equals + 1;
		/* Don't include quotes in the value. */
		if (**val == '"') {
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';
	if (args[i]) {
		args[i] = '\0';
		next = args + i + 1;
	} else {
		next = args + i;
	}
	return skip_spaces(next);
}

/* The kernel's repair_env_string(): join param and val back into
 * "param=val" (moving the value over a removed opening quote). */
static void join_param(char *param, char *val)
{
	size_t n;

	if (!val)
		return;
	n = strlen(param);
	if (val == param + n + 1) {
		val[-1] = '=';
	} else if (val == param + n + 2) {
		val[-2] = '=';
		memmove(val - 1, val, strlen(val) + 1);
	}
}

/* Words without '=' that the kernel takes for itself and so does not pass
 * to init (a few of many; those a distribution's command line carries). */
static const char *const kernel_flags[] = {
	"ro",
	"rw",
	"rootwait",
	"quiet",
	"debug",
	"noinitrd",
	"nosmp",
	"noapic",
	"nolapic",
	"nomodeset",
	"nokaslr",
	"nopti",
	"nosmt",
	"earlyprintk",
	"ignore_loglevel",
	"initcall_debug",
	"norandmaps",
	"noresume",
	"nofb",
	"nox2apic",
};

static int is_kernel_flag(const char *w)
{
	size_t i;

	for (i = 0; i < sizeof(kernel_flags) / sizeof(kernel_flags[0]); i++)
		if (!strcmp(w, kernel_flags[i]))
			return 1;
	return 0;
}

/* Decimal int, the whole string, optionally negative. */
static int parse_int(const char *s, int *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -EINVAL;
	errno = 0;
	v = strtol(s, &end, 10);
	if (*end || errno || v < -2147483647L || v > 2147483647L)
		return -EINVAL;
	*out = (int)v;
	return 0;
}

struct parser {
	struct cmdline *cl;
	int ret; /* first -EINVAL / -E2BIG seen */
};

static void fail(struct parser *ps, int err)
{
	ps->cl->n_errors++;
	if (err && (!ps->ret || err == -EINVAL))
		ps->ret = err;
}

/* A string parameter: an empty value is the same as no value. */
static void set_str(struct parser *ps, const char **field, char *val)
{
	if (!val || !*val) {
		*field = NULL;
		fail(ps, 0);
		return;
	}
	*field = val;
}

/* A number of seconds (or a level); min bounds it from below. */
static void set_int(struct parser *ps, int *field, const char *val, int min)
{
	int v;

	if (parse_int(val, &v) < 0 || v < min) {
		fail(ps, 0);
		return;
	}
	*field = v;
}

static void add_init_arg(struct parser *ps, const char *w)
{
	struct cmdline *cl = ps->cl;

	if (cl->n_init_args >= CMDLINE_MAX_ARGS) {
		fail(ps, -E2BIG);
		return;
	}
	cl->init_args[cl->n_init_args++] = w;
}

/* modules-load=a,b: split in place, appended to what came before. */
static void add_modules(struct parser *ps, char *val)
{
	struct cmdline *cl = ps->cl;
	char *tok;

	if (!val || !*val) {
		fail(ps, 0);
		return;
	}
	while ((tok = strsep(&val, ",")) != NULL) {
		if (!*tok)
			continue;
		if (cl->n_modules_load >= CMDLINE_MAX_MODULES) {
			fail(ps, -E2BIG);
			return;
		}
		cl->modules_load[cl->n_modules_load++] = tok;
	}
}

/* ip=...: every one is kept (several interfaces), even an empty one,
 * which means "on" as for the kernel. */
static void add_ip(struct parser *ps, const char *val)
{
	struct cmdline *cl = ps->cl;

	if (cl->n_ip >= CMDLINE_MAX_IP) {
		fail(ps, -E2BIG);
		return;
	}
	cl->ip[cl->n_ip++] = val;
}

/* Append v to a list of max (console=, the unlockers' words). */
static void append_word(struct parser *ps, const char **list, int *n, int max,
			const char *v)
{
	if (*n < max)
		list[(*n)++] = v;
	else
		fail(ps, -E2BIG);
}

/* rd.luks.uuid=U, rd.lvm=0, rd.md.uuid=U ...: kept whole for the
 * unlockers' rules; returns 1 when the word was one. */
static int add_unlock(struct parser *ps, char *param, char *val)
{
	static const char *const prefixes[] = { "rd.luks", "rd.lvm", "rd.md" };
	struct cmdline *cl = ps->cl;
	size_t i, n;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		n = strlen(prefixes[i]);
		if (!strncmp(param, prefixes[i], n) &&
		    (param[n] == '\0' || param[n] == '.'))
			break;
	}
	if (i == sizeof(prefixes) / sizeof(prefixes[0]))
		return 0;
	join_param(param, val);
	append_word(ps, cl->unlock, &cl->n_unlock, CMDLINE_MAX_UNLOCK, param);
	return 1;
}

/* rd.break=a,b / break=a,b; the bare forms stop where dracut and
 * initramfs-tools stop (see cmdline.h). */
static void add_breaks(struct parser *ps, const char *val, int bare_stage)
{
	char word[32];
	const char *p = val, *e;
	size_t n;
	int s;

	if (!val) {
		ps->cl->break_stages |= 1u << bare_stage;
		return;
	}
	if (!*val)
		fail(ps, 0);
	while (*p) {
		e = strchr(p, ',');
		n = e ? (size_t)(e - p) : strlen(p);
		if (n && n < sizeof(word)) {
			memcpy(word, p, n);
			word[n] = '\0';
			s = stage_from_name(word);
			if (s >= 0)
				ps->cl->break_stages |= 1u << s;
			else
				fail(ps, 0);
		} else if (n) {
			fail(ps, 0);
		}
		p += n + (e ? 1 : 0);
	}
}

/* Prefixes of dotted words that belong to the initramfs tools, not to a
 * kernel module. */
static const char *const not_modules[] = { "rd", "newroot", "systemd", "udev",
					   "plymouth" };

static int module_name_ok(const char *m, size_t n)
{
	size_t i;

	if (!n)
		return 0;
	for (i = 0; i < sizeof(not_modules) / sizeof(not_modules[0]); i++)
		if (strlen(not_modules[i]) == n &&
		    !strncmp(m, not_modules[i], n))
			return 0;
	for (i = 0; i < n; i++) {
		char c = m[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
	}
	return 1;
}

/* MODULE.PARAM[=VALUE]; returns 1 when the word was one. */
static int add_module_param(struct parser *ps, char *param, char *val)
{
	struct cmdline *cl = ps->cl;
	char *dot = strchr(param, '.'), *p;

	if (!dot || !dot[1] || !module_name_ok(param, (size_t)(dot - param)))
		return 0;
	if (cl->n_params >= CMDLINE_MAX_PARAMS) {
		fail(ps, -E2BIG);
		return 1;
	}
	*dot = '\0';
	for (p = param; *p; p++)
		if (*p == '-')
			*p = '_';
	join_param(dot + 1, val);
	cl->params[cl->n_params].module = param;
	cl->params[cl->n_params].param = dot + 1;
	cl->n_params++;
	return 1;
}

/* rd.shell=0, rd.debug=no ... */
static int is_no(const char *v)
{
	return !strcmp(v, "0") || !strcmp(v, "no") || !strcmp(v, "false");
}

/* A word "param=val" we know; returns 1 when it was one. */
static int handle_value(struct parser *ps, const char *param, char *val)
{
	struct cmdline *cl = ps->cl;

	if (!strcmp(param, "root"))
		set_str(ps, &cl->root, val);
	else if (!strcmp(param, "rootfstype"))
		set_str(ps, &cl->rootfstype, val);
	else if (!strcmp(param, "rootflags"))
		set_str(ps, &cl->rootflags, val);
	else if (!strcmp(param, "init"))
		set_str(ps, &cl->init, val);
	else if (!strcmp(param, "resume"))
		set_str(ps, &cl->resume, val);
	else if (!strcmp(param, "nfsroot"))
		set_str(ps, &cl->nfsroot, val);
	else if (!strcmp(param, "newroot.method"))
		set_str(ps, &cl->method, val);
	else if (!strcmp(param, "rootwait")) {
		/* As the kernel: a bad value means wait forever. */
		cl->rootwait = true;
		cl->rootwait_secs = -1;
		set_int(ps, &cl->rootwait_secs, val, 0);
	} else if (!strcmp(param, "rootdelay"))
		set_int(ps, &cl->rootdelay, val, 0);
	else if (!strcmp(param, "rd.timeout"))
		set_int(ps, &cl->timeout, val, 0);
	else if (!strcmp(param, "panic")) {
		if (parse_int(val, &cl->panic) == 0)
			cl->has_panic = true;
		else
			fail(ps, 0);
	} else if (!strcmp(param, "loglevel"))
		set_int(ps, &cl->loglevel, val, 0);
	else if (!strcmp(param, "rd.debug"))
		cl->debug = !is_no(val);
	else if (!strcmp(param, "rd.shell")) {
		cl->rd_shell = !is_no(val);
		cl->rd_shell_set = true;
	} else if (!strcmp(param, "rd.break"))
		add_breaks(ps, val, STAGE_BOTTOM);
	else if (!strcmp(param, "break"))
		add_breaks(ps, val, STAGE_PREMOUNT);
	else if (!strcmp(param, "ip"))
		add_ip(ps, val);
	else if (!strcmp(param, "console"))
		append_word(ps, cl->console, &cl->n_console,
			    CMDLINE_MAX_CONSOLES, val);
	else if (!strcmp(param, "modules-load") ||
		 !strcmp(param, "rd.modules-load"))
		add_modules(ps, val);
	else
		return 0;
	return 1;
}

/* A word without '=' we know; returns 1 when the kernel keeps it too
 * (it is then not passed to init). */
static int handle_flag(struct parser *ps, const char *param)
{
	struct cmdline *cl = ps->cl;

	if (!strcmp(param, "ro"))
		cl->rw = false;
	else if (!strcmp(param, "rw"))
		cl->rw = true;
	else if (!strcmp(param, "rootwait")) {
		cl->rootwait = true;
		cl->rootwait_secs = -1;
	} else if (!strcmp(param, "quiet"))
		cl->quiet = true;
	else if (!strcmp(param, "debug") || !strcmp(param, "rd.debug"))
		cl->debug = true;
	else if (!strcmp(param, "rd.shell"))
		cl->rd_shell = cl->rd_shell_set = true;
	else if (!strcmp(param, "noresume"))
		cl->noresume = true;
	else if (!strcmp(param, "rd.break"))
		add_breaks(ps, NULL, STAGE_BOTTOM);
	else if (!strcmp(param, "break"))
		add_breaks(ps, NULL, STAGE_PREMOUNT);
	else
		return 0;
	/* "break" is ours and the kernel's init argument alike. */
	return strcmp(param, "break") != 0;
}

/* One word of the kernel's part of the line. */
static void handle_word(struct parser *ps, char *param, char *val)
{
	int r = fsck_cmdline_word(ps->cl, param, val);

	if (r < 0)
		fail(ps, 0);
	if (r)
		return;
	if (val && handle_value(ps, param, val))
		return;
	if (!val && handle_flag(ps, param))
		return;
	if (add_unlock(ps, param, val))
		return;
	if (add_module_param(ps, param, val))
		return;
	/* The kernel passes bare words it does not know (and that are not
	 * dotted module parameters) to init: "single", "splash", "3" ... */
	if (!val && !strchr(param, '.') && !is_kernel_flag(param))
		add_init_arg(ps, param);
}

static void set_defaults(struct cmdline *cl)
{
	memset(cl, 0, offsetof(struct cmdline, buf));
	cl->rootwait_secs = -1;
	cl->timeout = -1;
	cl->loglevel = -1;
}

/* Copy text into buf; a line too long is cut at the last word that fits. */
static int copy_text(const char *text, char *buf, size_t size)
{
	size_t n = strlen(text), cut;

	if (n < size) {
		memcpy(buf, text, n + 1);
		return 0;
	}
	cut = size - 1;
	while (cut > 0 && !is_space(text[cut]))
		cut--;
	memcpy(buf, text, cut);
	buf[cut] = '\0';
	return -E2BIG;
}

int cmdline_parse(const char *text, struct cmdline *cl)
{
	struct parser ps = { .cl = cl, .ret = 0 };
	char *p, *param, *val;
	int open, dashes = 0;

	set_defaults(cl);
	if (copy_text(text ? text : "", cl->buf, sizeof(cl->buf)) < 0)
		fail(&ps, -E2BIG);
	p = skip_spaces(cl->buf);
	while (*p) {
		p = next_arg(p, &param, &val, &open);
		if (open) {
			/* The rest of the line is one broken word: drop it. */
			fail(&ps, -EINVAL);
			break;
		}
		if (!dashes && !val && !strcmp(param, "--")) {
			dashes = 1;
			continue;
		}
		if (dashes) {
			/* After "--" every word is init's, as the kernel's
			 * set_init_arg() passes it: param=value, unquoted. */
			join_param(param, val);
			add_init_arg(&ps, param);
			continue;
		}
		handle_word(&ps, param, val);
	}
	return ps.ret;
}

int cmdline_secs_ms(int secs)
{
	if (secs < 0)
		return -1;
	if (secs > CMDLINE_SECS_MAX)
		secs = CMDLINE_SECS_MAX;
	return secs * 1000;
}

static int same_module(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;

		if (x != y)
			return 0;
	}
	return *a == *b;
}

/* Append s (n bytes) at *len; -E2BIG when it does not fit. */
static int append(char *out, size_t size, size_t *len, const char *s, size_t n)
{
	if (*len + n >= size)
		return -E2BIG;
	memcpy(out + *len, s, n);
	*len += n;
	out[*len] = '\0';
	return 0;
}

/* One PARAM[=VALUE], with the value quoted again when it holds a space,
 * so the kernel's module parameter parser reads it as one word. */
static int append_param(char *out, size_t size, size_t *len, const char *p)
{
	const char *eq = strchr(p, '=');
	const char *v = eq ? eq + 1 : NULL;
	int quote = 0, r;

	if (v)
		for (; *v && !quote; v++)
			quote = is_space(*v);
	if (!quote)
		return append(out, size, len, p, strlen(p));
	r = append(out, size, len, p, (size_t)(eq - p) + 1);
	if (!r)
		r = append(out, size, len, "\"", 1);
	if (!r)
		r = append(out, size, len, eq + 1, strlen(eq + 1));
	if (!r)
		r = append(out, size, len, "\"", 1);
	return r;
}

int cmdline_module_params(const struct cmdline *cl, const char *module,
			  char *out, size_t size)
{
	size_t len = 0;
	int i, r;

	if (!size)
		return -E2BIG;
	out[0] = '\0';
	for (i = 0; i < cl->n_params; i++) {
		if (!same_module(cl->params[i].module, module))
			continue;
		if (len && (r = append(out, size, &len, " ", 1)) < 0)
			return r;
		r = append_param(out, size, &len, cl->params[i].param);
		if (r < 0)
			return r;
	}
	return (int)len;
}
