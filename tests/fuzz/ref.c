// SPDX-License-Identifier: GPL-2.0-or-later
/* ref.c - a second, independent reading of the -p grammar (see fuzz.h):
 *
 *   LIST := ITEM {"," ITEM}
 *   ITEM := [ADDR ":" | "[" ADDR6 ["%" ZONE] "]:"] PORTS ["/tcp" | "/udp" | "/sctp"]
 *   PORTS := PORT | PORT "-" PORT    PORT := decimal digits, 1..65535     an ITEM is < 128 bytes
 *   ZONE := 1..15 bytes, no "/", ":", "%", ']', ',', blank (isspace), not "." or "..": all
 *           digits is an interface index 1..2^32-1; ADDR6 must then be fe80::/10, ff01::/16 or
 *           ff02::/16 (the flags nibble aside) 
 *
 * scanned left to right with explicit spans, where policy.c cuts the item from the right.
 * Addresses are kept as written and compared in the kernel's own form, where an IPv4 address
 * on a dual-stack socket is ::ffff:a.b.c.d (ipv6_addr_set_v4mapped; RFC 4291 2.5.5.2): an
 * item of either spelling names the same IPv4 address, as the kernel binds it. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "fuzz.h"

struct span {
	const char *s;
	size_t n;
};

static bool span_is(struct span sp, const char *lit)
{
	return sp.n == strlen(lit) && memcmp(sp.s, lit, sp.n) == 0;
}

static bool ref_port(struct span sp, uint16_t *out)
{
	unsigned long v = 0;
	size_t i;

	if (sp.n == 0)
		return false;
	for (i = 0; i < sp.n; i++) {
		if (sp.s[i] < '0' || sp.s[i] > '9')
			return false;
		v = v * 10 + (unsigned long)(sp.s[i] - '0');
		if (v > 65535)
			return false;
	}
	if (v == 0)
		return false;
	*out = (uint16_t)v;
	return true;
}

static bool ref_pton(int af, struct span sp, void *out)
{
	char buf[128];

	if (sp.n >= sizeof buf || memchr(sp.s, 0, sp.n))
		return false;
	memcpy(buf, sp.s, sp.n);
	buf[sp.n] = 0;
	return inet_pton(af, buf, out) == 1;
}

static bool ref_zone(struct span z, struct policy_item *out)
{
	unsigned long long v = 0;
	bool digits = true;
	size_t i;

	if (z.n < 1 || z.n > 15 || span_is(z, ".") || span_is(z, ".."))
		return false;
	for (i = 0; i < z.n; i++) {
		if (z.s[i] == 0 || strchr("/:%], \t\n\v\f\r", z.s[i]))
			return false;
		if (z.s[i] < '0' || z.s[i] > '9')
			digits = false;
		else if (v <= 0xffffffffULL)
			v = v * 10 + (unsigned)(z.s[i] - '0');
	}
	/* all digits: an index, 1..2^32-1; any other byte makes it a name, however long the
	 * digits before it */
	if (digits && (v == 0 || v > 0xffffffffULL))
		return false;
	memcpy(out->zone, z.s, z.n);
	out->zone[z.n] = 0;
	out->zone_index = digits ? (uint32_t)v : 0;
	return true;
}

/* fe80::/10 (link-local unicast), or multicast ff?1 / ff?2 (interface- and link-local). */
static bool ref_scoped(const uint8_t a[16])
{
	unsigned first = (unsigned)a[0] << 8 | a[1];

	return (first >= 0xfe80 && first <= 0xfebf) ||
	       (a[0] == 0xff && ((first & 0xf) == 0x1 || (first & 0xf) == 0x2));
}

static bool ref_item(struct span it, struct policy_item *out)
{
	struct span ports;
	const char *dash, *slash;

	memset(out, 0, sizeof *out);
	if (it.n == 0 || it.n >= 128)
		return false;
	if (it.s[0] == '[') {
		const char *close = memchr(it.s, ']', it.n), *pct;
		struct span a = { it.s + 1, 0 };
		uint8_t a6[16];

		if (!close || (size_t)(close - it.s) + 1 >= it.n || close[1] != ':')
			return false;
		a.n = (size_t)(close - a.s);
		pct = memchr(a.s, '%', a.n);
		if (pct) {
			if (!ref_zone((struct span){ pct + 1, (size_t)(close - pct) - 1 }, out))
				return false;
			a.n = (size_t)(pct - a.s);
		}
		if (!ref_pton(AF_INET6, a, a6) || (pct && !ref_scoped(a6)))
			return false;
		/* kept as written, ::ffff:a.b.c.d too: ref_allows compares as the kernel does */
		out->family = AF_INET6;
		memcpy(out->addr, a6, 16);
		ports = (struct span){ close + 2, it.n - (size_t)(close + 2 - it.s) };
	} else {
		const char *colon = memchr(it.s, ':', it.n);

		if (colon) {
			out->family = AF_INET;
			if (!ref_pton(AF_INET, (struct span){ it.s, (size_t)(colon - it.s) }, out->addr))
				return false;
			ports = (struct span){ colon + 1, it.n - (size_t)(colon + 1 - it.s) };
		} else {
			ports = it;
		}
	}
	slash = memchr(ports.s, '/', ports.n);
	if (slash) {
		struct span proto = { slash + 1, ports.n - (size_t)(slash + 1 - ports.s) };

		if (span_is(proto, "tcp"))
			out->proto = PROTO_TCP;
		else if (span_is(proto, "udp"))
			out->proto = PROTO_UDP;
		else if (span_is(proto, "sctp"))
			out->proto = PROTO_SCTP;
		else
			return false;
		ports.n = (size_t)(slash - ports.s);
	}
	dash = memchr(ports.s, '-', ports.n);
	if (!dash)
		return ref_port(ports, &out->lo) && (out->hi = out->lo, true);
	return ref_port((struct span){ ports.s, (size_t)(dash - ports.s) }, &out->lo) &&
	       ref_port((struct span){ dash + 1, ports.n - (size_t)(dash + 1 - ports.s) }, &out->hi) &&
	       out->lo <= out->hi;
}

bool ref_parse(struct ref_policy *r, const char *list)
{
	size_t n = r->n;
	const char *s = list;

	for (;;) {
		const char *end = strchr(s, ',');
		struct span it = { s, end ? (size_t)(end - s) : strlen(s) };

		if (n == REF_MAX_ITEMS || !ref_item(it, &r->items[n]))
			return false;
		n++;
		if (!end)
			break;
		s = end + 1;
	}
	r->n = n;
	return true;
}

void ref_kernel_form(int family, const uint8_t *addr, uint8_t out[16])
{
	if (family == AF_INET6) {
		memcpy(out, addr, 16);
	} else {
		struct in6_addr m = { 0 };

		/* the kernel's own spelling of an IPv4 address on a dual-stack socket */
		m.s6_addr[10] = m.s6_addr[11] = 0xff;
		memcpy(m.s6_addr + 12, addr, 4);
		CHECK(IN6_IS_ADDR_V4MAPPED(&m));
		memcpy(out, m.s6_addr, 16);
	}
}

bool ref_allows(const struct ref_policy *r, const struct bindaddr *a, enum proto proto)
{
	uint8_t bound[16], item[16];
	size_t i;

	ref_kernel_form(a->family, a->addr, bound);
	for (i = 0; i < r->n; i++) {
		const struct policy_item *it = &r->items[i];
		bool proto_ok = it->proto == PROTO_ANY ||
				(it->proto == PROTO_TCP && proto == PROTO_TCP) ||
				(it->proto == PROTO_UDP && proto == PROTO_UDP) ||
				(it->proto == PROTO_SCTP && proto == PROTO_SCTP);
		bool zone_ok = it->zone[0] == 0 || (it->zone_index != 0 && it->zone_index == a->scope_id);
		bool addr_ok = it->family == 0;

		if (!addr_ok) {
			ref_kernel_form(it->family, it->addr, item);
			addr_ok = zone_ok && memcmp(item, bound, 16) == 0;
		}
		if (a->port >= it->lo && a->port <= it->hi && proto_ok && addr_ok)
			return true;
	}
	return false;
}
