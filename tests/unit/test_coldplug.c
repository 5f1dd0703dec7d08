/* test_coldplug.c - which devices' drivers load first, root first */
#include <string.h>

#include "modules.h"
#include "t.h"

static const struct {
	const char *modalias;
	int rank;
	const char *what;
} ranks[] = {
	{ "virtio:d00000002v00001AF4", COLDPLUG_DISK, "virtio-blk" },
	{ "virtio:d00000008v00001AF4", COLDPLUG_DISK, "virtio-scsi" },
	{ "virtio:d00000001v00001AF4", COLDPLUG_OTHER, "virtio-net" },
	{ "scsi:t-0x00", COLDPLUG_DISK, "SCSI disk" },
	{ "scsi:t-0x05", COLDPLUG_DISK, "SCSI CD" },
	{ "scsi:t-0x01", COLDPLUG_OTHER, "SCSI tape" },
	{ "usb:v46F4p0001d0000dc00dsc00dp00ic08isc06ip50in00", COLDPLUG_DISK,
	  "USB mass storage (bulk-only)" },
	{ "usb:v0627p0001d0000dc00dsc00dp00ic03isc00ip00in00", COLDPLUG_OTHER,
	  "USB HID" },
	{ "usb:v1D6Bp0002d0601dc09dsc00dp00ic09isc00ip00in00", COLDPLUG_OTHER,
	  "USB hub" },
	{ "pci:v00001AF4d00001001sv00001AF4sd00000002bc01sc00i00",
	  COLDPLUG_STORAGE, "virtio-blk PCI function" },
	{ "pci:v00008086d00002922sv00001AF4sd00001100bc01sc06i01",
	  COLDPLUG_STORAGE, "AHCI" },
	{ "pci:v00001B36d00000010sv00001AF4sd00001100bc01sc08i02",
	  COLDPLUG_STORAGE, "NVMe" },
	{ "pci:v00008086d00007010sv00001AF4sd00001100bc01sc01i80",
	  COLDPLUG_SLOW, "PIIX IDE" },
	{ "pci:v00008086d00007020sv00001AF4sd00001100bc0Csc03i00",
	  COLDPLUG_SLOW, "UHCI" },
	{ "pci:v00001B36d0000000Dsv00001AF4sd00001100bc0Csc03i30",
	  COLDPLUG_SLOW, "xHCI" },
	{ "pci:v00001AF4d00001000sv00001AF4sd00000001bc02sc00i00",
	  COLDPLUG_OTHER, "virtio-net PCI function" },
	{ "pci:v00008086d00007113sv00001AF4sd00001100bc06sc80i00",
	  COLDPLUG_OTHER, "bridge" },
	{ "pci:v00008086d00007113", COLDPLUG_OTHER, "PCI without class" },
	{ "pci:v00008086d00007113bcXYsc01", COLDPLUG_OTHER,
	  "PCI class not hexadecimal" },
	{ "pci:v00008086d00007113bc01", COLDPLUG_OTHER, "PCI class cut short" },
	{ "usb:v0627p0001ic", COLDPLUG_OTHER, "USB interface class cut" },
	{ "cpu:type:x86,ven0000fam0006mod003F:feature:,0001,0094",
	  COLDPLUG_OTHER, "CPU features" },
	{ "acpi*:PNP0303:", COLDPLUG_OTHER, "keyboard" },
	{ "", COLDPLUG_OTHER, "empty" },
};

int main(void)
{
	unsigned i;

	for (i = 0; i < sizeof(ranks) / sizeof(ranks[0]); i++)
		T_INTEQ(coldplug_rank(ranks[i].modalias), ranks[i].rank,
			"rank of %s", ranks[i].what);
	T_OK(COLDPLUG_DISK < COLDPLUG_STORAGE &&
		     COLDPLUG_STORAGE < COLDPLUG_SLOW &&
		     COLDPLUG_SLOW < COLDPLUG_OTHER,
	     "disks, controllers, slow ones, the rest");
	T_DONE();
}
