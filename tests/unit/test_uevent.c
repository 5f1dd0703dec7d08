/* test_uevent.c - the uevent parser over real kernel message shapes */
#include <errno.h>

#include "t.h"
#include "uevent.h"

static size_t msg(char *buf, const char *const *parts)
{
	size_t n = 0;

	for (; *parts; parts++) {
		strcpy(buf + n, *parts);
		n += strlen(*parts) + 1;
	}
	return n;
}

int main(void)
{
	char buf[512];
	struct uevent ev;
	const char *add[] = { "add@/devices/pci0000:00/0000:00:04.0/virtio1/"
			      "block/vda/vda1",
			      "ACTION=add",
			      "DEVPATH=/devices/pci0000:00/0000:00:04.0/"
			      "virtio1/block/vda/vda1",
			      "SUBSYSTEM=block",
			      "MAJOR=254",
			      "MINOR=1",
			      "DEVNAME=vda1",
			      "DEVTYPE=partition",
			      "PARTN=1",
			      "SEQNUM=1234",
			      NULL };
	const char *pci[] = { "add@/devices/pci0000:00/0000:00:05.0",
			      "ACTION=add",
			      "DEVPATH=/devices/pci0000:00/0000:00:05.0",
			      "SUBSYSTEM=pci",
			      "MODALIAS=pci:v00001AF4d00001001sv00001AF4"
			      "sd00000002bc01sc00i00",
			      NULL };
	const char *udev[] = { "libudev", "ACTION=add", NULL };
	size_t n;

	n = msg(buf, add);
	T_INTEQ(uevent_parse(buf, n, &ev), 0, "block add parses");
	T_STREQ(ev.action, "add", "block add: action");
	T_STREQ(ev.subsystem, "block", "block add: subsystem");
	T_STREQ(ev.devname, "vda1", "block add: devname");
	T_STREQ(ev.devtype, "partition", "block add: devtype");
	T_OK(ev.modalias == NULL, "block add: no modalias");

	n = msg(buf, pci);
	T_INTEQ(uevent_parse(buf, n, &ev), 0, "pci add parses");
	T_STREQ(ev.modalias,
		"pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00",
		"pci add: modalias");
	T_OK(ev.devname == NULL, "pci add: no devname");

	n = msg(buf, udev);
	T_INTEQ(uevent_parse(buf, n, &ev), -EINVAL, "udev message refused");

	T_INTEQ(uevent_parse(buf, 0, &ev), -EINVAL, "empty message refused");

	/* A message cut short (no terminating NUL) must not be read past. */
	memcpy(buf, "add@/x\0ACTION=add\0DEVPATH=/xyz", 30);
	T_INTEQ(uevent_parse(buf, 30, &ev), 0, "unterminated last key");
	T_STREQ(ev.devpath, "/xy", "unterminated last key is cut, not overrun");
	T_DONE();
}
