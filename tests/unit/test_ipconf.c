/* test_ipconf.c - the ip= grammar: every form the kernel and klibc take,
 * the malformed ones, and the form handed to klibc's ipconfig */
#include <errno.h>
#include <string.h>

#include "ipconf.h"
#include "t.h"

static const struct {
	const char *text;
	enum ip_proto proto;
	const char *client, *server, *gw, *mask, *host, *dev, *dns0, *dns1,
		*ntp;
	const char *arg; /* ipconf_format(c, NULL) */
} good[] = {
	{ "dhcp", IP_DHCP, "", "", "", "", "", "", "", "", "",
	  "ip=::::::dhcp" },
	{ "on", IP_ANY, "", "", "", "", "", "", "", "", "", "ip=::::::any" },
	{ "any", IP_ANY, "", "", "", "", "", "", "", "", "", "ip=::::::any" },
	{ "", IP_ANY, "", "", "", "", "", "", "", "", "", "ip=::::::any" },
	{ "off", IP_OFF, "", "", "", "", "", "", "", "", "", "ip=::::::off" },
	{ "none", IP_OFF, "", "", "", "", "", "", "", "", "", "ip=::::::off" },
	{ "bootp", IP_BOOTP, "", "", "", "", "", "", "", "", "",
	  "ip=::::::bootp" },
	{ "rarp", IP_RARP, "", "", "", "", "", "", "", "", "",
	  "ip=::::::rarp" },
	{ "both", IP_BOTH, "", "", "", "", "", "", "", "", "",
	  "ip=::::::both" },
	{ "::::box:eth0:dhcp", IP_DHCP, "", "", "", "", "box", "eth0", "", "",
	  "", "ip=::::box:eth0:dhcp" },
	{ ":::::eth1:dhcp", IP_DHCP, "", "", "", "", "", "eth1", "", "", "",
	  "ip=:::::eth1:dhcp" },
	{ "10.0.2.20::10.0.2.2:255.255.255.0:box:eth0:off", IP_STATIC,
	  "10.0.2.20", "", "10.0.2.2", "255.255.255.0", "box", "eth0", "", "",
	  "", "ip=10.0.2.20::10.0.2.2:255.255.255.0:box:eth0:off" },
	{ "10.0.2.20::10.0.2.2:255.255.255.0:box:eth0:none", IP_STATIC,
	  "10.0.2.20", "", "10.0.2.2", "255.255.255.0", "box", "eth0", "", "",
	  "", "ip=10.0.2.20::10.0.2.2:255.255.255.0:box:eth0:off" },
	{ "192.168.1.5:192.168.1.1:192.168.1.1:255.255.255.0:h:enp0s3:off:"
	  "1.1.1.1:8.8.8.8:192.168.1.1",
	  IP_STATIC, "192.168.1.5", "192.168.1.1", "192.168.1.1",
	  "255.255.255.0", "h", "enp0s3", "1.1.1.1", "8.8.8.8", "192.168.1.1",
	  "ip=192.168.1.5:192.168.1.1:192.168.1.1:255.255.255.0:h:enp0s3:off:"
	  "1.1.1.1:8.8.8.8:192.168.1.1" },
	/* an empty autoconf field is "any", as for the kernel */
	{ "10.0.0.2::10.0.0.1:255.0.0.0::eth0", IP_ANY, "10.0.0.2", "",
	  "10.0.0.1", "255.0.0.0", "", "eth0", "", "", "",
	  "ip=10.0.0.2::10.0.0.1:255.0.0.0::eth0:any" },
	/* off without an address: nothing to configure */
	{ ":::::eth0:off", IP_OFF, "", "", "", "", "", "eth0", "", "", "",
	  "ip=:::::eth0:off" },
	/* fields after the tenth are ignored */
	{ ":::::eth0:dhcp::::extra:more", IP_DHCP, "", "", "", "", "", "eth0",
	  "", "", "", "ip=:::::eth0:dhcp" },
	{ ":::::all:dhcp", IP_DHCP, "", "", "", "", "", "all", "", "", "",
	  "ip=:::::all:dhcp" },
	{ "0.0.0.0:::::eth0:dhcp", IP_DHCP, "0.0.0.0", "", "", "", "", "eth0",
	  "", "", "", "ip=0.0.0.0:::::eth0:dhcp" },
};

static const struct {
	const char *text, *why; /* why: a word err must hold */
} bad[] = {
	{ "dchp", "not a method" },
	{ "static", "not a method" },
	{ "10.0.2.20", "not a method" },
	{ "10.0.2::::::off", "field 1 (client address)" },
	{ "10.0.2.256::::::off", "field 1" },
	{ "10.0.2.2.1::::::off", "field 1" },
	{ "10.0.2.x::::::off", "field 1" },
	{ "10..2.1::::::off", "field 1" },
	{ "10.0.2.0001::::::off", "field 1" },
	{ ".10.0.2.1::::::off", "field 1" },
	{ "10.0.2.1.::::::off", "field 1" },
	{ "-1.0.0.1::::::off", "field 1" },
	{ ":1.2.3::::::", "field 2 (server address)" },
	{ "::gw:::eth0:off", "field 3 (gateway)" },
	{ ":::255.255.255.0/24::eth0:off", "field 4 (netmask)" },
	{ "::::"
	  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
	  ":eth0:dhcp",
	  "field 5 (hostname)" },
	{ ":::::averyveryverylongname:dhcp", "field 6 (device)" },
	{ ":::::a/b:dhcp", "field 6" },
	{ ":::::..:dhcp", "field 6" },
	{ ":::::eth0:dhcp6", "field 7 (autoconf)" },
	{ ":::::eth0:DHCP", "field 7" },
	{ ":::::eth0:dhcp:dns", "field 8 (first DNS server)" },
	{ ":::::eth0:dhcp::1.2.3.", "field 9" },
	{ ":::::eth0:dhcp:::ntp", "field 10 (NTP server)" },
};

static void test_good(void)
{
	struct ipconf c, d;
	char err[200], arg[256];
	size_t i;
	int n;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		const char *t = good[i].text;

		n = ipconf_parse(t, &c, err, sizeof(err));
		T_INTEQ(n, 0, "ip=%s parses", t);
		if (n)
			printf("#   %s\n", err);
		T_INTEQ(c.proto, good[i].proto, "ip=%s: method", t);
		T_STREQ(c.client, good[i].client, "ip=%s: client", t);
		T_STREQ(c.server, good[i].server, "ip=%s: server", t);
		T_STREQ(c.gateway, good[i].gw, "ip=%s: gateway", t);
		T_STREQ(c.netmask, good[i].mask, "ip=%s: netmask", t);
		T_STREQ(c.hostname, good[i].host, "ip=%s: hostname", t);
		T_STREQ(c.device, good[i].dev, "ip=%s: device", t);
		T_STREQ(c.dns0, good[i].dns0, "ip=%s: dns0", t);
		T_STREQ(c.dns1, good[i].dns1, "ip=%s: dns1", t);
		T_STREQ(c.ntp, good[i].ntp, "ip=%s: ntp", t);
		n = ipconf_format(&c, NULL, arg, sizeof(arg));
		T_INTEQ(n, (long long)strlen(good[i].arg), "ip=%s: formats", t);
		T_STREQ(arg, good[i].arg, "ip=%s: the ipconfig argument", t);
		T_OK(ipconf_parse(arg + 3, &d, err, sizeof(err)) == 0 &&
			     !memcmp(&c, &d, sizeof(c)),
		     "ip=%s: the argument parses back the same", t);
	}
}

static void test_bad(void)
{
	struct ipconf c;
	char err[200];
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *t = bad[i].text;

		T_INTEQ(ipconf_parse(t, &c, err, sizeof(err)), -EINVAL,
			"ip=%s is refused", t);
		T_OK(strstr(err, bad[i].why) != NULL,
		     "ip=%s: the message names '%s'", t, bad[i].why);
		if (!strstr(err, bad[i].why))
			printf("#   %s\n", err);
	}
	T_INTEQ(ipconf_parse("dhcp", &c, err, 0), 0, "no room for a message");
	T_INTEQ(ipconf_parse("x", &c, err, 1), -EINVAL,
		"a one-byte message buffer");
	T_STREQ(err, "", "  holds the empty string");
}

static void test_devices(void)
{
	struct ipconf c;
	char err[200], arg[64];

	ipconf_parse("dhcp", &c, err, sizeof(err));
	T_OK(ipconf_all_devices(&c), "ip=dhcp: every interface");
	T_INTEQ(ipconf_format(&c, "eth1", arg, sizeof(arg)), 17,
		"one interface of many");
	T_STREQ(arg, "ip=:::::eth1:dhcp", "  names it");
	ipconf_parse(":::::all:dhcp", &c, err, sizeof(err));
	T_OK(ipconf_all_devices(&c), "klibc's 'all': every interface");
	ipconf_parse(":::::eth0:dhcp", &c, err, sizeof(err));
	T_OK(!ipconf_all_devices(&c), "a named device: that one");
	T_INTEQ(ipconf_format(&c, NULL, arg, 10), -E2BIG, "too small: -E2BIG");
	T_STREQ(ipconf_proto_name(IP_STATIC), "off", "static is 'off'");
}

int main(void)
{
	test_good();
	test_bad();
	test_devices();
	T_DONE();
}
