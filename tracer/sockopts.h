// SPDX-License-Identifier: GPL-2.0-or-later
/* sockopts.h - the options of a socket that change what bind(2) does, for the log only. */
#ifndef PRIVBIND_SOCKOPTS_H
#define PRIVBIND_SOCKOPTS_H

#include <net/if.h>

enum {
	SOCKOPT_REUSEADDR = 1 << 0,     /* SO_REUSEADDR */
	SOCKOPT_REUSEPORT = 1 << 1,     /* SO_REUSEPORT */
	SOCKOPT_V6ONLY = 1 << 2,        /* IPV6_V6ONLY */
	SOCKOPT_FREEBIND = 1 << 3,      /* IP_FREEBIND, IPV6_FREEBIND: EADDRNOTAVAIL or not */
	SOCKOPT_TRANSPARENT = 1 << 4,   /* IP_TRANSPARENT, IPV6_TRANSPARENT: likewise */
};

struct sockopts {
	unsigned flags;                 /* SOCKOPT_* that are set */
	char device[IF_NAMESIZE];       /* SO_BINDTODEVICE, or "" */
};

/* Read the options of socket `fd` of family `domain`; what cannot be read counts as unset. */
void sockopts_get(int fd, int domain, struct sockopts *o);

/* "reuseaddr", "reuseport", "v6only", "freebind", "transparent" for one SOCKOPT_ bit. */
const char *sockopt_name(unsigned flag);

#endif
