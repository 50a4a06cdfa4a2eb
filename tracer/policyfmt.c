// SPDX-License-Identifier: GPL-2.0-or-later
/* policyfmt.c - a -p item written back in -p's syntax: what the log says privbind will grant
 * is what it matches against, not what was typed (duplicates, v4-mapped addresses, 080). */
#include "config.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <sys/socket.h>

#include "policyfmt.h"

size_t policy_item_format(const struct policy_item *it, char *buf, size_t size)
{
	static const char *const protos[] = {
		[PROTO_ANY] = "", [PROTO_TCP] = "/tcp", [PROTO_UDP] = "/udp", [PROTO_SCTP] = "/sctp",
		[PROTO_OTHER] = "",
	};
	char addr[INET6_ADDRSTRLEN + ZONE_MAX + 4] = "", ports[16];
	const char *proto = protos[it->proto];
	char a[INET6_ADDRSTRLEN];
	int n;

	if (it->family && inet_ntop(it->family, it->addr, a, sizeof a))
		snprintf(addr, sizeof addr, it->family == AF_INET6 ? "[%s%s%s]:" : "%s:", a,
			 it->zone[0] ? "%" : "", it->zone);
	if (it->lo == it->hi)
		snprintf(ports, sizeof ports, "%u", (unsigned)it->lo);
	else
		snprintf(ports, sizeof ports, "%u-%u", (unsigned)it->lo, (unsigned)it->hi);
	n = snprintf(buf, size, "%s%s%s", addr, ports, proto);
	if (n < 0)
		n = 0;
	return (size_t)n < size ? (size_t)n : size ? size - 1 : 0;
}
