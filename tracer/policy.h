// SPDX-License-Identifier: GPL-2.0-or-later
/* policy.h - the -p list: which privileged binds may be granted. Pure: no syscalls. */
#ifndef PRIVBIND_POLICY_H
#define PRIVBIND_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include "sockaddr.h"

/* A protocol as -p names it: a socket's (never PROTO_ANY), or an item's (a bare item is
 * PROTO_ANY and covers every protocol). */
enum proto {
	PROTO_ANY = 0,  /* an item without /PROTO */
	PROTO_TCP,      /* IPPROTO_TCP, IPPROTO_MPTCP */
	PROTO_UDP,      /* IPPROTO_UDP, IPPROTO_UDPLITE */
	PROTO_SCTP,     /* IPPROTO_SCTP: its ports are guarded too (sctp_do_bind) */
	PROTO_OTHER,    /* DCCP and anything else stream/datagram/seqpacket */
};

/* The longest interface name (IFNAMSIZ less its NUL). */
#define ZONE_MAX 15

struct policy_item {
	int family;          /* 0: any address; AF_INET / AF_INET6: exactly `addr` */
	uint8_t addr[16];
	uint16_t lo, hi;     /* inclusive port range, 1..65535 */
	enum proto proto;    /* PROTO_ANY, PROTO_TCP, PROTO_UDP or PROTO_SCTP */
	char zone[ZONE_MAX + 1]; /* [fe80::1%ZONE]: an interface name or index as given; "" none */
	uint32_t zone_index; /* its index: a number as given, a name once policy_resolve_zones()
			      * has looked it up; 0 (no zone, or not resolved) */
};

struct policy {
	struct policy_item *items;
	size_t n;            /* 0 items and !restricted: every privileged bind */
	bool restricted;     /* a -p was given */
};

/* Append the items of one -p LIST. On a malformed list returns false and writes a message
 * naming the bad item into err; the policy is then unchanged. */
bool policy_parse(struct policy *p, const char *list, char *err, size_t errsize);

/* Look up the index of every zone given as a name, with `index_of` (if_nametoindex; 0: no
 * such interface). On a name not found returns false with a message naming it in err. */
bool policy_resolve_zones(struct policy *p, unsigned (*index_of)(const char *name), char *err,
			  size_t errsize);

/* The ports of `it` at or above `threshold` (ip_unprivileged_port_start), which need no
 * privilege: false when there are none. */
bool policy_item_unprivileged(const struct policy_item *it, unsigned threshold, uint16_t *lo,
			      uint16_t *hi);

/* Does the policy allow binding `a` with protocol `proto`? An item with a zone allows only
 * a bind to that interface (a->scope_id). */
bool policy_allows(const struct policy *p, const struct bindaddr *a, enum proto proto);

void policy_free(struct policy *p);


#endif
