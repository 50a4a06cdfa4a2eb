// SPDX-License-Identifier: GPL-2.0-or-later
/* policyfmt.h - the -p list as privbind understood it, for the log's start record. Pure. */
#ifndef PRIVBIND_POLICYFMT_H
#define PRIVBIND_POLICYFMT_H

#include <stddef.h>

#include "policy.h"

/* One item in -p's own syntax, canonical: "80", "1-1023/udp", "127.0.0.1:53",
 * "[::1]:443/tcp", "[fe80::1%eth0]:80/sctp" (a v4-mapped address as the IPv4 one it is
 * judged as; a zone as given). Returns the length
 * written, truncated to size - 1. */
size_t policy_item_format(const struct policy_item *it, char *buf, size_t size);

/* The longest item policy_item_format() writes, with its NUL. */
#define POLICY_ITEM_LEN (sizeof "[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff%123456789012345]:65535-65535/sctp")

#endif
