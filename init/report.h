/* report.h - the boot report: where the time went, what was mounted, how
 * the root was switched */
#ifndef NEWROOT_REPORT_H
#define NEWROOT_REPORT_H

#include <stddef.h>

#include "boot.h"

/* One line ("top=3ms modules=120ms ... root=/dev/sda1 fstype=ext4
 * method=pivot") or key=value lines (kv != 0).  Pure; returns the
 * length, truncated to size - 1. */
int report_format(const struct boot *b, const char *method, int kv, char *buf,
		  size_t size);

/* Log the line and write NEWROOT_REPORT (inside the new root, after the
 * switch).  A failure to write is logged, not fatal. */
void report_write(struct boot *b, const char *method);

#endif
