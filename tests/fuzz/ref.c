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
 * scanned left to right with explicit spans, where policy.c cuts the item from the right. */
#include "config.h"

#include <arpa/inet.h>
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
		else if (digits && (v = v * 10 + (unsigned)(z.s[i] - '0')) > 0xffffffffULL)
			return false;
	}
	if (digits && v == 0)
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
		static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };

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
		if (memcmp(a6, mapped, 12) == 0) {
			out->family = AF_INET;
			memcpy(out->addr, a6 + 12, 4);
		} else {
			out->family = AF_INET6;
			memcpy(out->addr, a6, 16);
		}
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
			out->proto = PI_TCP;
		else if (span_is(proto, "udp"))
			out->proto = PI_UDP;
		else if (span_is(proto, "sctp"))
			out->proto = PI_SCTP;
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

bool ref_allows(const struct ref_policy *r, const struct bindaddr *a, enum proto proto)
{
	size_t i;

	for (i = 0; i < r->n; i++) {
		const struct policy_item *it = &r->items[i];
		bool proto_ok = it->proto == PI_ANY_PROTO ||
				(it->proto == PI_TCP && proto == PROTO_TCP) ||
				(it->proto == PI_UDP && proto == PROTO_UDP) ||
				(it->proto == PI_SCTP && proto == PROTO_SCTP);
		bool zone_ok = it->zone[0] == 0 || (it->zone_index != 0 && it->zone_index == a->scope_id);
		bool addr_ok = it->family == 0 ||
			       (it->family == a->family && zone_ok &&
				memcmp(it->addr, a->addr, a->family == AF_INET6 ? 16 : 4) == 0);

		if (a->port >= it->lo && a->port <= it->hi && proto_ok && addr_ok)
			return true;
	}
	return false;
}
