/* uevent.c - listen to the kernel's device announcements */
#include <errno.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/netlink.h>

#include "uevent.h"

int uevent_open(void)
{
	struct sockaddr_nl sa;
	int fd, size = 4 << 20;

	fd = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK,
		    NETLINK_KOBJECT_UEVENT);
	if (fd < 0)
		return -errno;
	/* Coldplug makes bursts; a dropped "add" would be a lost disk. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)))
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	memset(&sa, 0, sizeof(sa));
	sa.nl_family = AF_NETLINK;
	sa.nl_groups = 1; /* the kernel's group; udev's is 2 */
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int r = -errno;

		close(fd);
		return r;
	}
	return fd;
}

int uevent_parse(char *buf, size_t len, struct uevent *ev)
{
	size_t i = 0;
	char *at;

	memset(ev, 0, sizeof(*ev));
	if (len == 0)
		return -EINVAL;
	buf[len - 1] = '\0';
	/* The header "ACTION@DEVPATH" marks a kernel message. */
	at = strchr(buf, '@');
	if (!at || at == buf)
		return -EINVAL;
	while (i < len) {
		char *kv = buf + i;
		size_t l = strlen(kv);

		if (!strncmp(kv, "ACTION=", 7))
			ev->action = kv + 7;
		else if (!strncmp(kv, "DEVPATH=", 8))
			ev->devpath = kv + 8;
		else if (!strncmp(kv, "SUBSYSTEM=", 10))
			ev->subsystem = kv + 10;
		else if (!strncmp(kv, "DEVNAME=", 8))
			ev->devname = kv + 8;
		else if (!strncmp(kv, "DEVTYPE=", 8))
			ev->devtype = kv + 8;
		else if (!strncmp(kv, "MODALIAS=", 9))
			ev->modalias = kv + 9;
		i += l + 1;
	}
	if (!ev->action || !ev->devpath)
		return -EINVAL;
	return 0;
}

int uevent_recv(int fd, char *buf, size_t len, struct uevent *ev)
{
	struct sockaddr_nl sa;
	struct iovec iov = { buf, len - 1 };
	struct msghdr msg;
	ssize_t n;

	memset(&msg, 0, sizeof(msg));
	msg.msg_name = &sa;
	msg.msg_namelen = sizeof(sa);
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	n = recvmsg(fd, &msg, 0);
	if (n < 0)
		return errno == EWOULDBLOCK ? -EAGAIN : -errno;
	/* Only the kernel (port 0) may tell us about devices. */
	if (sa.nl_pid != 0)
		return -EBADMSG;
	buf[n] = '\0';
	/* -EBADMSG, not the parser's -EINVAL: a message to skip must not
	 * look like an error of the socket. */
	return uevent_parse(buf, (size_t)n + 1, ev) < 0 ? -EBADMSG : 0;
}
