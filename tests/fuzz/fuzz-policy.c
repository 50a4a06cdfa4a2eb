// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-policy: the -p parser and matcher (policy_parse, policy_allows).
 *
 * Input: a -p LIST up to the first NUL byte; the bytes after it describe one bind to match
 * (family, protocol, port, address). Properties:
 *   - policy_parse accepts exactly the lists ref.c accepts, with the same items;
 *   - a rejected list leaves the policy as it was and says why in a terminated message;
 *   - policy_allows answers as ref_allows for the bind, and allows every item's own ends
 *     (zones named by an interface name resolved by a made-up lookup, on both sides). */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "fuzz.h"

static struct ref_policy ref;

/* A made-up if_nametoindex: names starting with 'x' are not found, others get a small index
 * from their length, so that a bind can name the same one. */
static unsigned fake_index(const char *name)
{
	return name[0] == 'x' ? 0 : (unsigned)strlen(name);
}

static struct bindaddr bind_from(const uint8_t *d, size_t n, enum proto *proto)
{
	struct bindaddr a = { .family = AF_INET };
	uint8_t b[21] = { 0 };

	memcpy(b, d, n < sizeof b ? n : sizeof b);
	a.family = b[0] & 1 ? AF_INET6 : AF_INET;
	*proto = (enum proto)(PROTO_TCP + b[1] % 4);    /* a socket's: never PROTO_ANY */
	a.port = (uint16_t)(b[2] << 8 | b[3]);
	memcpy(a.addr, b + 4, a.family == AF_INET6 ? 16 : 4);
	if (a.family == AF_INET6)
		a.scope_id = b[20] % 20;
	return a;
}

static enum proto proto_of_item(enum proto item)
{
	return item == PROTO_ANY ? PROTO_OTHER : item;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t len = nul ? (size_t)(nul - data) : size;
	char *list = malloc(len + 1), err[256];
	struct policy p = { 0 };
	struct policy_item before;
	struct bindaddr a;
	enum proto proto;
	bool ok;
	size_t i;

	CHECK(list);
	memcpy(list, data, len);
	list[len] = 0;

	/* Start from a policy that already holds one item, as after an earlier -p. */
	ref.n = 0;
	CHECK(policy_parse(&p, "7", err, sizeof err) && ref_parse(&ref, "7"));
	before = p.items[0];

	memset(err, 'x', sizeof err);
	ok = policy_parse(&p, list, err, sizeof err);
	CHECK(ok == ref_parse(&ref, list));
	CHECK(p.restricted);
	if (ok) {
		CHECK(p.n == ref.n);
		for (i = 0; i < p.n; i++) {
			const struct policy_item *it = &p.items[i], *r = &ref.items[i];

			uint8_t ik[16], rk[16];

			CHECK((it->family == 0) == (r->family == 0) && it->lo == r->lo &&
			      it->hi == r->hi && it->proto == r->proto);
			CHECK(strcmp(it->zone, r->zone) == 0 && it->zone_index == r->zone_index);
			CHECK(!it->zone[0] || it->family == AF_INET6);
			if (it->family) {
				ref_kernel_form(it->family, it->addr, ik);
				ref_kernel_form(r->family, r->addr, rk);
				CHECK(memcmp(ik, rk, 16) == 0);
			}
			CHECK(it->lo >= 1 && it->lo <= it->hi);
			CHECK(it->family == 0 || it->family == AF_INET || it->family == AF_INET6);
		}
	} else {
		CHECK(memchr(err, 0, sizeof err) != NULL);
		CHECK(strncmp(err, "bad -p item '", 13) == 0);
		CHECK(p.n == 1 && memcmp(&p.items[0], &before, sizeof before) == 0);
	}

	/* Zones by name, as main.c resolves them; the reference looks them up by itself. */
	if (ok) {
		bool resolved = policy_resolve_zones(&p, fake_index, err, sizeof err), any_x = false;

		for (i = 0; i < ref.n; i++) {
			struct policy_item *r = &ref.items[i];

			if (r->zone[0] && !r->zone_index) {
				r->zone_index = fake_index(r->zone);
				any_x |= r->zone_index == 0;
			}
		}
		CHECK(resolved == !any_x);
		for (i = 0; i < p.n; i++)
			CHECK(p.items[i].zone_index == ref.items[i].zone_index || !resolved);
	}

	/* The bind described by the rest of the input, and each item's own ends. */
	a = bind_from(nul ? nul + 1 : data + size, nul ? size - len - 1 : 0, &proto);
	CHECK(policy_allows(&p, &a, proto) == ref_allows(&ref, &a, proto));
	/* Each item's own ends, as the kernel would bind them: ref.c's reading of the item made
	 * into the sockaddr a program passes (fuzz-sockaddr holds the decoder to the kernel). */
	for (i = 0; i < ref.n; i++) {
		const struct policy_item *r = &ref.items[i];
		enum proto pr = proto_of_item(r->proto);
		uint16_t ends[2] = { r->lo, r->hi };
		size_t e;

		if (r->zone[0] && !r->zone_index)
			continue;          /* an interface not found: nothing binds to it */
		for (e = 0; e < 2; e++) {
			struct sockaddr_in6 s6 = { .sin6_family = AF_INET6, .sin6_port = htons(ends[e]),
						   .sin6_scope_id = r->zone_index };
			struct sockaddr_in s4 = { .sin_family = AF_INET, .sin_port = htons(ends[e]) };
			struct bindaddr b;

			if (r->family == AF_INET) {
				memcpy(&s4.sin_addr, r->addr, 4);
				CHECK(sockaddr_decode(AF_INET, &s4, sizeof s4, &b));
			} else {
				if (r->family == AF_INET6)
					memcpy(&s6.sin6_addr, r->addr, 16);
				CHECK(sockaddr_decode(AF_INET6, &s6, sizeof s6, &b));
			}
			CHECK(policy_allows(&p, &b, pr));
		}
	}
	policy_free(&p);
	CHECK(p.n == 0 && p.items == NULL && !p.restricted);
	free(list);
	return 0;
}
