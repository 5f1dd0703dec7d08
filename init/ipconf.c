/* ipconf.c - the kernel's and klibc's ip= grammar
 *
 * The kernel's ip_auto_config_setup() (net/ipv4/ipconfig.c) and klibc's
 * ipconfig parse_device() read the same colon fields; both take one
 * word alone as the method.  Stricter than the kernel in one way: an
 * address must be a dotted quad (the kernel's in_aton() reads "1.2" as
 * something), so a typo is said rather than configured.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "ipconf.h"

static const struct {
	const char *name;
	enum ip_proto proto;
} protos[] = {
	{ "off", IP_OFF },   { "none", IP_OFF },  { "on", IP_ANY },
	{ "any", IP_ANY },   { "dhcp", IP_DHCP }, { "bootp", IP_BOOTP },
	{ "rarp", IP_RARP }, { "both", IP_BOTH }, { "", IP_ANY },
};

/* n bytes of s name a method: 0, or -EINVAL. */
static int proto_from(const char *s, size_t n, enum ip_proto *p)
{
	size_t i;

	for (i = 0; i < sizeof(protos) / sizeof(protos[0]); i++)
		if (strlen(protos[i].name) == n &&
		    !strncmp(s, protos[i].name, n)) {
			*p = protos[i].proto;
			return 0;
		}
	return -EINVAL;
}

const char *ipconf_proto_name(enum ip_proto p)
{
	switch (p) {
	case IP_OFF:
	case IP_STATIC:
		return "off";
	case IP_DHCP:
		return "dhcp";
	case IP_BOOTP:
		return "bootp";
	case IP_RARP:
		return "rarp";
	case IP_BOTH:
		return "both";
	default:
		return "any";
	}
}

int ipconf_addr(const char *s, size_t n, char *out)
{
	size_t i = 0;
	int part, digits, dots = 0;

	if (n >= IPCONF_ADDR)
		return -EINVAL;
	for (;;) {
		part = 0;
		digits = 0;
		while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 4) {
			part = part * 10 + (s[i++] - '0');
			digits++;
		}
		if (!digits || digits > 3 || part > 255)
			return -EINVAL;
		if (i == n)
			break;
		if (s[i] != '.' || ++dots > 3)
			return -EINVAL;
		i++;
	}
	if (dots != 3)
		return -EINVAL;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* The kernel's dev_valid_name(): not "." or "..", no '/', ':' or
 * white space, shorter than IFNAMSIZ. */
static int dev_from(const char *s, size_t n, char *out)
{
	size_t i;

	if (n >= IPCONF_DEV || (n == 1 && s[0] == '.') ||
	    (n == 2 && s[0] == '.' && s[1] == '.'))
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (s[i] == '/' || s[i] == ':' || s[i] == ' ' || s[i] == '\t' ||
		    s[i] == '\n' || s[i] == '\r' || s[i] == '\v' ||
		    s[i] == '\f' || s[i] == '\0')
			return -EINVAL;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

static const char *const field_names[] = {
	"client address",    "server address", "gateway",  "netmask",
	"hostname",	     "device",	       "autoconf", "first DNS server",
	"second DNS server", "NTP server",
};

/* Field i (n bytes at s) into c. */
static int set_field(struct ipconf *c, int i, const char *s, size_t n,
		     enum ip_proto *autoconf)
{
	char *addrs[] = {
		c->client, c->server, c->gateway, c->netmask, NULL,
		NULL,	   NULL,      c->dns0,	  c->dns1,    c->ntp
	};

	if (!n)
		return 0;
	if (addrs[i])
		return ipconf_addr(s, n, addrs[i]);
	if (i == 4) {
		if (n >= IPCONF_HOST)
			return -EINVAL;
		memcpy(c->hostname, s, n);
		c->hostname[n] = '\0';
		return 0;
	}
	if (i == 5)
		return dev_from(s, n, c->device);
	return proto_from(s, n, autoconf);
}

int ipconf_parse(const char *text, struct ipconf *c, char *err, size_t err_size)
{
	enum ip_proto autoconf = IP_ANY;
	const char *p = text, *e;
	size_t n;
	int i;

	memset(c, 0, sizeof(*c));
	if (err_size)
		err[0] = '\0';
	if (!strchr(text, ':')) {
		if (proto_from(text, strlen(text), &c->proto) == 0)
			return 0;
		snprintf(err, err_size,
			 "'%s' is not a method (off none on any dhcp bootp "
			 "rarp both) nor CLIENT:SERVER:GW:MASK:HOST:DEV:"
			 "AUTOCONF",
			 text);
		return -EINVAL;
	}
	for (i = 0; i < 10; i++) {
		e = strchr(p, ':');
		n = e ? (size_t)(e - p) : strlen(p);
		if (set_field(c, i, p, n, &autoconf) < 0) {
			snprintf(err, err_size,
				 "field %d (%s) '%.*s' is not valid%s", i + 1,
				 field_names[i], (int)(n > 80 ? 80 : n), p,
				 i == 4	  ? ": at most 64 characters"
				 : i == 5 ? ": an interface name of at most "
					    "15 characters"
				 : i == 6 ? ": use off none on any dhcp "
					    "bootp rarp both"
					  : ": an IPv4 address a.b.c.d");
			return -EINVAL;
		}
		if (!e)
			break;
		p = e + 1;
	}
	c->proto = autoconf;
	if (autoconf == IP_OFF && c->client[0])
		c->proto = IP_STATIC;
	return 0;
}

int ipconf_all_devices(const struct ipconf *c)
{
	return !c->device[0] || !strcmp(c->device, "all");
}

int ipconf_format(const struct ipconf *c, const char *dev, char *out,
		  size_t size)
{
	int n = snprintf(out, size, "ip=%s:%s:%s:%s:%s:%s:%s:%s:%s:%s",
			 c->client, c->server, c->gateway, c->netmask,
			 c->hostname, dev ? dev : c->device,
			 ipconf_proto_name(c->proto), c->dns0, c->dns1, c->ntp);

	if (n < 0 || (size_t)n >= size)
		return -E2BIG;
	/* The empty fields after the method are left out: the method is
	 * never empty, so that is where it stops. */
	while (out[n - 1] == ':')
		out[--n] = '\0';
	return n;
}
