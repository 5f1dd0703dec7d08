/* premount.c - the premount stage: the image's hooks, in name order */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "modindex.h"
#include "premount.h"

static int run_hook(const char *path)
{
	char *argv[] = { (char *)path, NULL };
	int status;
	pid_t pid = fork(), w;

	if (pid < 0)
		return -errno;
	if (pid == 0) {
		execv(path, argv);
		_exit(127);
	}
	while ((w = waitpid(-1, &status, 0)) != pid)
		if (w < 0 && errno != EINTR)
			return -errno;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		log_err("premount hook %s exited with status %d; fix or remove "
			"it from the image",
			path, WEXITSTATUS(status));
	else
		log_err("premount hook %s was killed by signal %d; fix or "
			"remove it from the image",
			path, WTERMSIG(status));
	return -ECHILD;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in dir (but those starting with '.'), sorted, into *out;
 * returns how many, or -errno. */
static int read_names(const char *dir, char ***out)
{
	char **names = NULL;
	struct dirent *de;
	int n = 0, cap = 0, r = 0;
	DIR *d = opendir(dir);

	*out = NULL;
	if (!d)
		return errno == ENOENT || errno == ENOTDIR ? 0 : -errno;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		r = modindex_grow((void **)&names, n, &cap, sizeof(*names));
		if (r == 0 && !(names[n] = strdup(de->d_name)))
			r = -ENOMEM;
		if (r < 0)
			break;
		n++;
	}
	closedir(d);
	if (r < 0) {
		/* Never run some hooks and leave the others out. */
		log_err("unable to list the premount hooks in %s: %s", dir,
			strerror(-r));
		while (n > 0)
			free(names[--n]);
		free(names);
		return r;
	}
	if (n)
		qsort(names, n, sizeof(names[0]), name_cmp);
	*out = names;
	return n;
}

int premount_run(const char *dir)
{
	char **names, path[PATH_MAX];
	int n = read_names(dir, &names), i, r = 0;

	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		if (r == 0 && access(path, X_OK) == 0) {
			log_info("running premount hook %s", path);
			r = run_hook(path);
			if (r < 0 && r != -ECHILD)
				log_err("premount hook %s failed (%s); fix or "
					"remove it from the image",
					path, strerror(-r));
		}
		free(names[i]);
	}
	free(names);
	return r;
}

int stage_premount(struct boot *b)
{
	return premount_run(PREMOUNT_DIR);
}
