/* blkid.c - "newroot probe DEV...": print what the probes see, blkid-style */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "blkid.h"
#include "log.h"
#include "probe/probe.h"

int cmd_probe(int argc, char **argv)
{
	int i, status = 2;

	for (i = 1; i < argc; i++) {
		struct probe_dev dev;
		struct probe_result r;
		int fd = open(argv[i], O_RDONLY | O_CLOEXEC);
		int e;

		if (fd < 0) {
			log_err("probe: cannot open %s: %s", argv[i],
				strerror(errno));
			return 1;
		}
		e = probe_dev_from_fd(&dev, &fd);
		if (!e)
			e = probe_filesystem(&dev, &r);
		close(fd);
		if (!e) {
			printf("%s: TYPE=\"%s\"\n", argv[i], r.type);
			if (status == 2)
				status = 0;
		}
	}
	return status;
}
