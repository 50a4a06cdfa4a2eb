// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-decide: the one decision privbind makes about a bind, from the raw bytes a program
 * passes: decode for the socket's family, then decide() against -p and -n.
 *
 * Input: family (1 byte), protocol (1), budget (1, signed: negative is "no -n"), threshold
 * (2, big-endian, 0..65536), then a -p LIST up to a NUL (an empty LIST: no -p at all), then
 * the address bytes. Properties:
 *   - decide() grants exactly the binds that need privilege (0 < port < threshold), that
 *     the -p items (read by ref.c) allow, and only while budget remains; every other
 *     privileged bind is denied with the right reason, and the rest pass;
 *   - a bind of an IPv4-mapped IPv6 address gets the verdict of the same IPv4 bind;
 *   - a grant under a -p list is also a grant with no -p at all (-p only takes away). */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "decide.h"
#include "fuzz.h"

static struct ref_policy ref;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int domains[4] = { AF_INET, AF_INET6, AF_INET6, AF_UNIX };
	struct policy p = { 0 }, none = { 0 };
	const uint8_t *nul, *addr;
	size_t alen, llen;
	struct bindaddr a;
	enum proto proto;
	enum verdict v;
	unsigned threshold;
	bool privileged, allowed;
	char *list, err[256];
	const char *name;
	long budget;
	int domain;

	if (size < 5)
		return 0;
	domain = domains[data[0] & 3];
	proto = (enum proto)(PROTO_TCP + data[1] % 4);    /* a socket's: never PROTO_ANY */
	budget = (int8_t)data[2] < 0 ? -1 : (long)(data[2] % 4);
	threshold = (unsigned)(data[3] << 8 | data[4]) % 65537;
	nul = memchr(data + 5, 0, size - 5);
	llen = nul ? (size_t)(nul - data - 5) : size - 5;
	addr = nul ? nul + 1 : data + size;
	alen = (size_t)(data + size - addr);
	if (alen > SOCKADDR_MAX)
		return 0;

	list = malloc(llen + 1);
	CHECK(list);
	memcpy(list, data + 5, llen);
	list[llen] = 0;
	ref.n = 0;
	if (llen && !policy_parse(&p, list, err, sizeof err)) {
		CHECK(!ref_parse(&ref, list));
		goto out;
	}
	CHECK(!llen || ref_parse(&ref, list));

	{
		/* exactly alen bytes, as copied out of the program */
		uint8_t *buf = malloc(alen ? alen : 1);

		CHECK(buf);
		if (alen)
			memcpy(buf, addr, alen);
		if (!sockaddr_decode(domain, buf, (int)alen, &a)) {
			free(buf);
			goto out;        /* the kernel refuses these bytes: privbind passes them */
		}
		free(buf);
	}

	v = decide(&a, proto, &p, budget, threshold);
	name = verdict_name(v);
	CHECK(name && strcmp(name, "?") != 0);
	privileged = a.port != 0 && a.port < threshold;
	allowed = !llen || ref_allows(&ref, &a, proto);
	if (!privileged)
		CHECK(v == V_PASS);
	else if (!allowed)
		CHECK(v == V_DENY_PORTS);
	else if (budget == 0)
		CHECK(v == V_DENY_NUM);
	else
		CHECK(v == V_GRANT);

	if (v == V_GRANT)
		CHECK(decide(&a, proto, &none, budget, threshold) == V_GRANT);

	if (a.mapped) {
		struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(a.port) };
		struct bindaddr b;

		memcpy(&sin.sin_addr, a.addr, 4);
		CHECK(sockaddr_decode(AF_INET, &sin, sizeof sin, &b));
		CHECK(decide(&b, proto, &p, budget, threshold) == v);
	}
out:
	policy_free(&p);
	free(list);
	return 0;
}
