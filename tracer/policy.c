// SPDX-License-Identifier: GPL-2.0-or-later
/* policy.c - parse and match the -p list. Pure. */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "policy.h"
#include "number.h"

#define ITEM_MAX 128

static bool parse_port(const char *s, uint16_t *port)
{
	unsigned long v;

	if (!parse_ulong(s, 65535, &v) || v == 0)
		return false;
	*port = (uint16_t)v;
	return true;
}

static bool parse_ports(char *s, struct policy_item *it)
{
	char *dash = strchr(s, '-');

	if (dash)
		*dash = 0;
	if (!parse_port(s, &it->lo))
		return false;
	it->hi = it->lo;
	if (dash && !parse_port(dash + 1, &it->hi))
		return false;
	return it->lo <= it->hi;
}

/* An interface, as `ip link` names it (dev_valid_name: 1 to 15 bytes, no '/', ':' or
 * space, not "." or ".."), or its index: digits only. '%', ']' and ',' cannot be in a -p item. */
static bool parse_zone(const char *z, struct policy_item *it)
{
	size_t n = strlen(z), i;
	unsigned long v;

	if (n == 0 || n > ZONE_MAX || strcmp(z, ".") == 0 || strcmp(z, "..") == 0)
		return false;
	for (i = 0; i < n; i++)
		if (z[i] == '/' || z[i] == ':' || z[i] == '%' || z[i] == ']' || z[i] == ' ' ||
		    (z[i] >= '\t' && z[i] <= '\r'))
			return false;
	memcpy(it->zone, z, n + 1);
	if (strspn(z, "0123456789") == n) {
		if (!parse_ulong(z, 0xffffffff, &v) || v == 0)
			return false;      /* sin6_scope_id is a u32; 0 is none */
		it->zone_index = (uint32_t)v;
	}
	return true;
}

/* IPv6 items naming a v4-mapped address are stored as IPv4, as binds are judged. */
static bool parse_addr(char *s, struct policy_item *it, const char **why)
{
	if (*s == '[') {
		size_t n = strlen(s);
		uint8_t a6[16];
		char *pct;

		if (n < 3 || s[n - 1] != ']')
			return false;
		s[n - 1] = 0;
		pct = strchr(s, '%');
		if (pct) {
			*pct = 0;
			if (!parse_zone(pct + 1, it))
				return *why = "a zone is an interface name or index: [ADDR6%IF]", false;
		}
		if (inet_pton(AF_INET6, s + 1, a6) != 1)
			return false;
		/* The kernel reads a zone for these addresses only. */
		if (pct && !sockaddr_needs_zone(a6))
			return *why = "a zone (%IF) goes with a link-local address (fe80::/10) only", false;
		static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
		if (memcmp(a6, mapped, sizeof mapped) == 0) {
			it->family = AF_INET;
			memcpy(it->addr, a6 + 12, 4);
		} else {
			it->family = AF_INET6;
			memcpy(it->addr, a6, 16);
		}
		return true;
	}
	it->family = AF_INET;
	return inet_pton(AF_INET, s, it->addr) == 1;
}

static bool parse_item(char *s, struct policy_item *it, const char **why)
{
	char *slash = strrchr(s, '/');
	char *colon;

	memset(it, 0, sizeof *it);
	if (slash) {
		*slash = 0;
		if (strcmp(slash + 1, "tcp") == 0)
			it->proto = PROTO_TCP;
		else if (strcmp(slash + 1, "udp") == 0)
			it->proto = PROTO_UDP;
		else if (strcmp(slash + 1, "sctp") == 0)
			it->proto = PROTO_SCTP;
		else
			return *why = "protocol must be /tcp, /udp or /sctp", false;
	}
	/* The port follows the last colon; brackets keep IPv6 colons out of the way. */
	colon = strrchr(s, ':');
	if (colon) {
		*colon = 0;
		if (*s != '[' && strchr(s, ':'))
			return *why = "write IPv6 addresses in brackets: [ADDR6]:PORT", false;
		*why = "not an IPv4 address or [IPv6] address";
		if (!parse_addr(s, it, why))
			return false;
		s = colon + 1;
	}
	if (!parse_ports(s, it))
		return *why = "ports are 1-65535, as PORT or LO-HI with LO <= HI", false;
	return true;
}

bool policy_parse(struct policy *p, const char *list, char *err, size_t errsize)
{
	struct policy_item *items;
	size_t n = p->n, max = p->n + 1;
	const char *c, *s = list;

	for (c = list; *c; c++)
		max += *c == ',';
	items = malloc(max * sizeof *items);
	if (!items) {
		snprintf(err, errsize, "out of memory");
		return false;
	}
	if (p->n)
		memcpy(items, p->items, p->n * sizeof *items);
	for (;;) {
		const char *end = strchr(s, ',');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		char item[ITEM_MAX];
		const char *why = "empty item";

		if (len >= sizeof item)
			why = "item too long";
		if (len == 0 || len >= sizeof item ||
		    (memcpy(item, s, len), item[len] = 0, !parse_item(item, &items[n], &why))) {
			snprintf(err, errsize, "bad -p item '%.*s': %s", (int)(len < 64 ? len : 64), s, why);
			free(items);
			return false;
		}
		n++;
		if (!end)
			break;
		s = end + 1;
	}
	free(p->items);
	p->items = items;
	p->n = n;
	p->restricted = true;
	return true;
}

bool policy_resolve_zones(struct policy *p, unsigned (*index_of)(const char *name), char *err,
			  size_t errsize)
{
	bool ok = true;
	size_t i;

	for (i = 0; i < p->n; i++) {
		struct policy_item *it = &p->items[i];

		if (!it->zone[0] || it->zone_index)
			continue;
		it->zone_index = index_of(it->zone);
		if (!it->zone_index && ok) {
			snprintf(err, errsize, "bad -p zone '%%%s': no such interface here (see ip link)",
				 it->zone);
			ok = false;
		}
	}
	return ok;
}

bool policy_item_unprivileged(const struct policy_item *it, unsigned threshold, uint16_t *lo,
			      uint16_t *hi)
{
	if (it->hi < threshold)
		return false;
	*lo = it->lo > threshold ? it->lo : (uint16_t)threshold;
	*hi = it->hi;
	return true;
}

static bool proto_matches(enum proto item, enum proto proto)
{
	return item == PROTO_ANY || item == proto;
}

static bool addr_matches(const struct policy_item *it, const struct bindaddr *a)
{
	if (it->family == 0)
		return true;
	if (it->family != a->family)
		return false;
	if (it->zone[0] && (!it->zone_index || a->scope_id != it->zone_index))
		return false;
	return memcmp(it->addr, a->addr, a->family == AF_INET ? 4 : 16) == 0;
}

bool policy_allows(const struct policy *p, const struct bindaddr *a, enum proto proto)
{
	size_t i;

	if (!p->restricted)
		return true;
	for (i = 0; i < p->n; i++) {
		const struct policy_item *it = &p->items[i];

		if (a->port >= it->lo && a->port <= it->hi && proto_matches(it->proto, proto) &&
		    addr_matches(it, a))
			return true;
	}
	return false;
}

void policy_free(struct policy *p)
{
	free(p->items);
	p->items = NULL;
	p->n = 0;
	p->restricted = false;
}
