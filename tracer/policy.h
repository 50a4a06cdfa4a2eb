// SPDX-License-Identifier: GPL-2.0-or-later
/* policy.h - the -p list: which privileged binds may be granted. Pure: no syscalls. */
#ifndef PRIVBIND_POLICY_H
#define PRIVBIND_POLICY_H

#include <stdbool.h>
#include <stddef.h>
#include "sockaddr.h"

/* The protocol of a socket as -p names it. A bare item covers every protocol. */
enum proto {
	PROTO_TCP,      /* IPPROTO_TCP, IPPROTO_MPTCP */
	PROTO_UDP,      /* IPPROTO_UDP, IPPROTO_UDPLITE */
	PROTO_OTHER,    /* SCTP and anything else stream/datagram/seqpacket */
};

enum { PI_ANY_PROTO = 0, PI_TCP = 1, PI_UDP = 2 };

struct policy_item {
	int family;          /* 0: any address; AF_INET / AF_INET6: exactly `addr` */
	uint8_t addr[16];
	uint16_t lo, hi;     /* inclusive port range, 1..65535 */
	int proto;           /* PI_ANY_PROTO, PI_TCP, PI_UDP */
};

struct policy {
	struct policy_item *items;
	size_t n;            /* 0 items and !restricted: every privileged bind */
	bool restricted;     /* a -p was given */
};

/* Append the items of one -p LIST. On a malformed list returns false and writes a message
 * naming the bad item into err; the policy is then unchanged. */
bool policy_parse(struct policy *p, const char *list, char *err, size_t errsize);

/* Does the policy allow binding `a` with protocol `proto`? */
bool policy_allows(const struct policy *p, const struct bindaddr *a, enum proto proto);

void policy_free(struct policy *p);


#endif
