// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the -p parser and matcher. */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "policy.h"
#include "tap.h"

static struct bindaddr v4(const char *s, uint16_t port)
{
	struct bindaddr a = { .family = AF_INET, .port = port };

	inet_pton(AF_INET, s, a.addr);
	return a;
}

static struct bindaddr v6(const char *s, uint16_t port)
{
	struct bindaddr a = { .family = AF_INET6, .port = port };

	inet_pton(AF_INET6, s, a.addr);
	return a;
}

static bool allows(const char *list, struct bindaddr a, enum proto proto)
{
	struct policy p = { 0 };
	char err[256];
	bool r;

	if (!policy_parse(&p, list, err, sizeof err)) {
		printf("# unexpected parse error: %s\n", err);
		return false;
	}
	r = policy_allows(&p, &a, proto);
	policy_free(&p);
	return r;
}

static struct bindaddr zoned(const char *s, uint16_t port, uint32_t scope)
{
	struct bindaddr a = v6(s, port);

	a.scope_id = scope;
	return a;
}

static unsigned fake_index(const char *name)
{
	return strcmp(name, "eth0") == 0 ? 2 : strcmp(name, "d0") == 0 ? 7 : 0;
}

/* Like allows(), with zone names resolved by fake_index. */
static bool allows_zoned(const char *list, struct bindaddr a, enum proto proto)
{
	struct policy p = { 0 };
	char err[256];
	bool r;

	if (!policy_parse(&p, list, err, sizeof err) ||
	    !policy_resolve_zones(&p, fake_index, err, sizeof err)) {
		printf("# unexpected error: %s\n", err);
		return false;
	}
	r = policy_allows(&p, &a, proto);
	policy_free(&p);
	return r;
}

static bool unpriv(const char *item, unsigned threshold, uint16_t want_lo, uint16_t want_hi)
{
	struct policy p = { 0 };
	char err[256];
	uint16_t lo = 0, hi = 0;
	bool r;

	if (!policy_parse(&p, item, err, sizeof err))
		return false;
	r = policy_item_unprivileged(&p.items[0], threshold, &lo, &hi);
	policy_free(&p);
	if (r && (lo != want_lo || hi != want_hi))
		printf("# %s at %u: %u-%u\n", item, threshold, lo, hi);
	return r && lo == want_lo && hi == want_hi;
}

static bool parses(const char *list)
{
	struct policy p = { 0 };
	char err[256] = "";
	bool r = policy_parse(&p, list, err, sizeof err);

	if (!r)
		printf("# '%s': %s\n", list, err);
	policy_free(&p);
	return r;
}

int main(void)
{
	struct policy p = { 0 };
	struct bindaddr a = v4("10.0.0.1", 80);
	char err[256];

	ok(policy_allows(&p, &a, PROTO_TCP), "no -p allows every privileged bind");

	ok(allows("80", v4("127.0.0.1", 80), PROTO_TCP), "bare port, IPv4, tcp");
	ok(allows("80", v6("::1", 80), PROTO_UDP), "bare port, IPv6, udp");
	ok(allows("80", v4("1.2.3.4", 80), PROTO_OTHER), "bare port covers other protocols");
	ok(!allows("80", v4("127.0.0.1", 81), PROTO_TCP), "other port refused");
	ok(allows("80,443", v4("127.0.0.1", 443), PROTO_TCP), "second item of a list");
	ok(allows("20-25", v4("127.0.0.1", 22), PROTO_TCP), "range inside");
	ok(allows("20-25", v4("127.0.0.1", 25), PROTO_TCP), "range upper bound inclusive");
	ok(!allows("20-25", v4("127.0.0.1", 26), PROTO_TCP), "range outside");
	ok(allows("53/udp", v4("127.0.0.1", 53), PROTO_UDP), "/udp allows udp");
	ok(!allows("53/udp", v4("127.0.0.1", 53), PROTO_TCP), "/udp refuses tcp");
	ok(!allows("80/tcp", v4("127.0.0.1", 80), PROTO_OTHER), "/tcp refuses sctp");
	ok(allows("127.0.0.1:80", v4("127.0.0.1", 80), PROTO_TCP), "exact IPv4 address");
	ok(!allows("127.0.0.1:80", v4("0.0.0.0", 80), PROTO_TCP), "IPv4 item refuses the wildcard");
	ok(!allows("0.0.0.0:80", v4("127.0.0.1", 80), PROTO_TCP), "wildcard item matches only the wildcard");
	ok(allows("0.0.0.0:80", v4("0.0.0.0", 80), PROTO_TCP), "wildcard item matches the wildcard");
	ok(!allows("127.0.0.1:80", v6("::1", 80), PROTO_TCP), "IPv4 item refuses IPv6");
	ok(allows("[::1]:80", v6("::1", 80), PROTO_TCP), "exact IPv6 address");
	ok(!allows("[::1]:80", v4("127.0.0.1", 80), PROTO_TCP), "IPv6 item refuses IPv4");
	ok(!allows("[::]:80", v6("::1", 80), PROTO_TCP), "IPv6 wildcard item matches only itself");
	ok(allows("[::ffff:127.0.0.1]:80", v4("127.0.0.1", 80), PROTO_TCP),
	   "a v4-mapped item is an IPv4 item");
	ok(allows("[2001:db8::1]:440-450/tcp", v6("2001:db8::1", 443), PROTO_TCP), "IPv6, range and protocol");

	ok(parses("1,65535"), "ports 1 and 65535 are valid");
	ok(!parses(""), "empty list");
	ok(!parses("80,"), "trailing comma");
	ok(!parses(",80"), "leading comma");
	ok(!parses("0"), "port 0");
	ok(!parses("65536"), "port 65536");
	ok(!parses("90-80"), "LO > HI");
	ok(!parses("80-"), "open range");
	ok(!parses("-80"), "negative");
	ok(!parses("http"), "service names are not ports");
	ok(!parses("80/dccp"), "unknown protocol");
	ok(parses("80/sctp"), "/sctp");
	ok(!parses("80/"), "empty protocol");
	ok(!parses(" 80"), "whitespace");
	ok(!parses("::1:80"), "IPv6 without brackets");
	ok(!parses("[::1:80"), "unclosed bracket");
	ok(!parses("1.2.3:80"), "short IPv4");
	ok(!parses("localhost:80"), "host names are not addresses");
	ok(!parses("127.0.0.1:"), "address without port");
	ok(!parses("99999999999999999999999"), "huge number");

	ok(allows("80/sctp", v4("127.0.0.1", 80), PROTO_SCTP), "/sctp allows sctp");
	ok(!allows("80/sctp", v4("127.0.0.1", 80), PROTO_TCP), "/sctp refuses tcp");
	ok(!allows("80/tcp", v4("127.0.0.1", 80), PROTO_SCTP), "/tcp refuses sctp");
	ok(!allows("80/sctp", v4("127.0.0.1", 80), PROTO_OTHER), "/sctp refuses dccp and the like");
	ok(allows("80", v6("::1", 80), PROTO_SCTP), "bare port covers sctp");

	ok(allows_zoned("[fe80::1%eth0]:80", zoned("fe80::1", 80, 2), PROTO_TCP), "zone by name");
	ok(allows_zoned("[fe80::1%2]:80", zoned("fe80::1", 80, 2), PROTO_TCP), "zone by index");
	ok(!allows_zoned("[fe80::1%eth0]:80", zoned("fe80::1", 80, 7), PROTO_TCP), "another zone refused");
	ok(!allows_zoned("[fe80::1%eth0]:80", zoned("fe80::1", 80, 0), PROTO_TCP), "no zone refused");
	ok(!allows("[fe80::1%eth0]:80", zoned("fe80::1", 80, 2), PROTO_TCP), "a name not looked up matches nothing");
	ok(allows("[fe80::1]:80", zoned("fe80::1", 80, 7), PROTO_TCP), "an item without a zone takes any");
	ok(!allows_zoned("[fe80::1%d0]:80", zoned("fe80::2", 80, 7), PROTO_TCP), "the address still counts");
	ok(allows_zoned("[ff02::1%d0]:80/udp", zoned("ff02::1", 80, 7), PROTO_UDP), "link-local multicast");
	ok(!parses("[::1%lo]:80"), "a zone on an address that takes none");
	ok(!parses("[2001:db8::1%eth0]:80"), "a zone on a global address");
	ok(!parses("[fe80::1%]:80"), "an empty zone");
	ok(!parses("[fe80::1%0]:80"), "interface index 0");
	ok(!parses("[fe80::1%..]:80"), "zone '..'");
	ok(!parses("[fe80::1%a/b]:80"), "a zone with a slash");
	ok(!parses("[fe80::1%abcdefghijklmnop]:80"), "a zone longer than an interface name");
	ok(!parses("[fe80::1%eth0%1]:80"), "two zones");
	ok(parses("[fe80::1%abcdefghijklmno]:80"), "a zone of 15 bytes");
	ok(!parses("fe80::1%eth0:80"), "a zone without brackets");
	ok(!policy_parse(&p, "[fe80::1%nosuch]:80,[fe80::1%eth0]:81", err, sizeof err) ||
	   (!policy_resolve_zones(&p, fake_index, err, sizeof err) && strstr(err, "'%nosuch'") &&
	    p.items[1].zone_index == 2), "an interface not found is named; the others are looked up");
	policy_free(&p);

	ok(!unpriv("80", 1024, 0, 0), "port 80 at 1024: privileged");
	ok(unpriv("8080", 1024, 8080, 8080), "port 8080 at 1024: needs no privilege");
	ok(unpriv("1000-2000", 1024, 1024, 2000), "a range across the threshold: its upper part");
	ok(unpriv("1024", 1024, 1024, 1024), "the threshold itself needs no privilege");
	ok(!unpriv("1023", 1024, 0, 0), "one below the threshold");
	ok(unpriv("80", 0, 80, 80), "threshold 0: nothing is privileged");
	ok(!unpriv("80-443", 65535, 0, 0), "threshold 65535");

	ok(policy_parse(&p, "80", err, sizeof err) && policy_parse(&p, "443", err, sizeof err) &&
	   p.n == 2, "repeated -p add up");
	ok(!policy_parse(&p, "1,x", err, sizeof err) && p.n == 2, "a bad list leaves the policy unchanged");
	ok(strstr(err, "'x'") != NULL, "the message names the bad item: %s", err);
	policy_free(&p);
	return tap_done();
}
