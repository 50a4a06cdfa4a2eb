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
	ok(!parses("80/sctp"), "unknown protocol");
	ok(!parses("80/"), "empty protocol");
	ok(!parses(" 80"), "whitespace");
	ok(!parses("::1:80"), "IPv6 without brackets");
	ok(!parses("[::1:80"), "unclosed bracket");
	ok(!parses("1.2.3:80"), "short IPv4");
	ok(!parses("localhost:80"), "host names are not addresses");
	ok(!parses("127.0.0.1:"), "address without port");
	ok(!parses("99999999999999999999999"), "huge number");

	ok(policy_parse(&p, "80", err, sizeof err) && policy_parse(&p, "443", err, sizeof err) &&
	   p.n == 2, "repeated -p add up");
	ok(!policy_parse(&p, "1,x", err, sizeof err) && p.n == 2, "a bad list leaves the policy unchanged");
	ok(strstr(err, "'x'") != NULL, "the message names the bad item: %s", err);
	policy_free(&p);
	return tap_done();
}
