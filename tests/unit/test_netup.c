/* test_netup.c - the -d arguments handed to klibc's ipconfig for each
 * set of ip= words and interfaces */
#include <errno.h>
#include <string.h>

#include "netup.h"
#include "t.h"

static const char *const two[] = { "eth0", "eth1" };

static const struct {
	const char *ips[3];
	int n_if;
	const char *want; /* the -d values, joined by ' ' */
} cases[] = {
	{ { "dhcp" }, 2, "ip=:::::eth0:dhcp ip=:::::eth1:dhcp" },
	{ { "on" }, 1, "ip=:::::eth0:any" },
	{ { "dhcp" }, 0, "" },
	{ { "off" }, 2, "" },
	{ { "none", "dhcp" }, 2, "ip=:::::eth0:dhcp ip=:::::eth1:dhcp" },
	{ { "10.0.2.20::10.0.2.2:255.255.255.0:box:eth0:off" },
	  2,
	  "ip=10.0.2.20::10.0.2.2:255.255.255.0:box:eth0:off" },
	/* a named interface is not configured a second time by ip=dhcp */
	{ { "10.0.2.20::10.0.2.2:255.255.255.0:box:eth0:off", "dhcp" },
	  2,
	  "ip=10.0.2.20::10.0.2.2:255.255.255.0:box:eth0:off "
	  "ip=:::::eth1:dhcp" },
	{ { "::::box:eth1:dhcp", ":::::eth0:bootp" },
	  2,
	  "ip=::::box:eth1:dhcp ip=:::::eth0:bootp" },
	{ { ":::::all:dhcp" }, 2, "ip=:::::eth0:dhcp ip=:::::eth1:dhcp" },
	{ { ":::::eth0:off" }, 2, "" },
	/* a static address without a device goes on the first interface
	 * only, as the kernel does, never on all of them */
	{ { "10.0.2.20::10.0.2.2:255.255.255.0:box::off" },
	  2,
	  "ip=10.0.2.20::10.0.2.2:255.255.255.0:box:eth0:off" },
	{ { "10.0.0.2::10.0.0.1:255.0.0.0" },
	  2,
	  "ip=10.0.0.2::10.0.0.1:255.0.0.0::eth0:any" },
};

static void test_cases(void)
{
	struct ipconf c[3];
	const char *argv[16];
	char buf[512], got[512], err[200];
	size_t i;
	int n, j, k;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		for (n = 0; n < 3 && cases[i].ips[n]; n++)
			ipconf_parse(cases[i].ips[n], &c[n], err, sizeof(err));
		k = netup_args(c, n, two, cases[i].n_if, buf, sizeof(buf), argv,
			       16);
		got[0] = '\0';
		for (j = 0; j + 1 < k; j += 2) {
			T_STREQ(argv[j], "-d", "case %zu: -d before each", i);
			if (got[0])
				strcat(got, " ");
			strcat(got, argv[j + 1]);
		}
		T_OK(k >= 0 && k % 2 == 0,
		     "case %zu (ip=%s, %d interfaces): "
		     "%d arguments",
		     i, cases[i].ips[0], cases[i].n_if, k);
		T_STREQ(got, cases[i].want, "case %zu: ip=%s", i,
			cases[i].ips[0]);
	}
}

static void test_limits(void)
{
	struct ipconf c;
	const char *argv[16];
	char buf[512], err[200];

	ipconf_parse("dhcp", &c, err, sizeof(err));
	T_INTEQ(netup_args(&c, 1, two, 2, buf, sizeof(buf), argv, 3), -E2BIG,
		"argv too short: -E2BIG");
	T_INTEQ(netup_args(&c, 1, two, 2, buf, 20, argv, 16), -E2BIG,
		"buf too short: -E2BIG");
}

int main(void)
{
	test_cases();
	test_limits();
	T_DONE();
}
