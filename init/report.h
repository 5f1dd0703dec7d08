/* report.h - the boot report: where the time went, what was mounted, how
 * the root was switched */
#ifndef NEWROOT_REPORT_H
#define NEWROOT_REPORT_H

#include <stddef.h>

#include "boot.h"

/* The longest list of module names in the report. */
#define REPORT_LIST_MAX 1024

/* One line ("top_ms=3 modules_ms=120 ... root=/dev/sda1 fstype=ext4
 * method=pivot modules_loaded=virtio_pci,... modules_left=ata_piix,...")
 * or key=value lines (kv != 0).  Pure; returns the length, truncated to
 * size - 1. */
int report_format(const struct boot *b, const char *method, int kv, char *buf,
		  size_t size);

/* Make INITRAMFS_DIR under rootfd (kept when it is there) and the link
 * INITRAMFS_REPORT -> ../newroot/report in it.  Returns 0 (also when
 * that link is there already), -EEXIST when something else has the
 * link's name (left alone), or another -errno. */
int report_link_at(int rootfd);

/* Log the line, make INITRAMFS_DIR and its link to the report, and write
 * NEWROOT_REPORT (inside the new root, after the switch).  A failure is
 * logged, not fatal. */
void report_write(struct boot *b, const char *method);

#endif
