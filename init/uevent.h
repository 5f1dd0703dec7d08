/* uevent.h - kernel uevents (NETLINK_KOBJECT_UEVENT), without udev */
#ifndef NEWROOT_UEVENT_H
#define NEWROOT_UEVENT_H

#include <stddef.h>

struct uevent {
	const char *action; /* "add", "remove", "change", "bind" ... */
	const char *devpath; /* "/devices/.../block/sda/sda1" */
	const char *subsystem; /* "block" */
	const char *devname; /* "sda1" */
	const char *devtype; /* "disk", "partition" */
	const char *modalias;
};

/* Open a socket subscribed to the kernel's uevents; 0.. fd or -errno. */
int uevent_open(void);

/* Parse one kernel message ("ACTION@DEVPATH\0KEY=VALUE\0...") in place.
 * Pure; returns 0, or -EINVAL for a message that is not a kernel uevent
 * (udev's own "libudev" messages included). */
int uevent_parse(char *buf, size_t len, struct uevent *ev);

/* Receive one event into buf (len bytes) and parse it: 0, -EAGAIN when
 * none is waiting, -EBADMSG for a message to ignore (not the kernel's,
 * or not a uevent), or the -errno of recvmsg(). */
int uevent_recv(int fd, char *buf, size_t len, struct uevent *ev);

#endif
