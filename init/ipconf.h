/* ipconf.h - the kernel's and klibc's ip= grammar, parsed (pure) */
#ifndef NEWROOT_IPCONF_H
#define NEWROOT_IPCONF_H

#include <stddef.h>

/* What one ip= asks for. */
enum ip_proto {
	IP_OFF, /* ip=off, ip=none, or autoconf "off"/"none" with no address */
	IP_STATIC, /* autoconf "off"/"none" with a client address */
	IP_ANY, /* ip=on, ip=any, ip= (empty), or an empty autoconf field */
	IP_DHCP,
	IP_BOOTP,
	IP_RARP,
	IP_BOTH, /* bootp and rarp */
};

#define IPCONF_ADDR 16 /* "255.255.255.255" + NUL */
#define IPCONF_HOST 65 /* __NEW_UTS_LEN + 1 */
#define IPCONF_DEV 16 /* IFNAMSIZ */

/*
 * ip=CLIENT:SERVER:GW:MASK:HOST:DEV:AUTOCONF:DNS0:DNS1:NTP, or one word
 * (off none on any dhcp bootp rarp both).  Every field may be empty;
 * fields after the tenth are ignored, as the kernel and klibc do.
 * An empty device (or klibc's "all") means every interface.
 */
struct ipconf {
	enum ip_proto proto;
	char client[IPCONF_ADDR], server[IPCONF_ADDR], gateway[IPCONF_ADDR],
		netmask[IPCONF_ADDR];
	char hostname[IPCONF_HOST];
	char device[IPCONF_DEV];
	char dns0[IPCONF_ADDR], dns1[IPCONF_ADDR], ntp[IPCONF_ADDR];
};

/*
 * Parse one ip= value (without "ip=").  Returns 0, or -EINVAL with a
 * sentence in err (which field, what is wrong) for an address that is
 * not a dotted quad, a hostname or device too long, a device name the
 * kernel refuses, or an autoconf method neither knows.
 */
int ipconf_parse(const char *text, struct ipconf *c, char *err,
		 size_t err_size);

/* n bytes of s as a dotted quad, each part 0..255 with at most three
 * digits, copied to out (IPCONF_ADDR bytes): 0, or -EINVAL. */
int ipconf_addr(const char *s, size_t n, char *out);

/* Whether c leaves the device to be chosen: every interface. */
int ipconf_all_devices(const struct ipconf *c);

/* The autoconf word for p ("dhcp", "off" ...). */
const char *ipconf_proto_name(enum ip_proto p);

/*
 * c as klibc's ipconfig takes it after -d: "ip=CLIENT:...:AUTOCONF..."
 * with the device replaced by dev when dev is not NULL (for one
 * interface of "every interface"), without the empty fields after
 * the method.  It parses back to the same c.
 * Returns the length, or -E2BIG when out (size bytes) is too small.
 */
int ipconf_format(const struct ipconf *c, const char *dev, char *out,
		  size_t size);

#endif
