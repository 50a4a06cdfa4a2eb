// SPDX-License-Identifier: GPL-2.0-or-later
/* sockinfo.h - what kind of socket a descriptor privbind holds is, asked of the kernel. */
#ifndef PRIVBIND_SOCKINFO_H
#define PRIVBIND_SOCKINFO_H

struct sockinfo {
	int domain;     /* SO_DOMAIN: AF_INET, AF_INET6, ... */
	int protocol;   /* SO_PROTOCOL: IPPROTO_TCP, ... (a raw socket's too: see type) */
	int type;       /* SO_TYPE: SOCK_STREAM, ..., SOCK_RAW; asked by sockinfo_type() only */
};

/* What kind of socket `fd` is: 0, or -errno (-ENOTSOCK for anything but a socket). The two
 * getsockopt calls every look at a bind's socket needs; si->type is left 0. */
int sockinfo_get(int fd, struct sockinfo *si);

/* SO_TYPE (SOCK_STREAM, SOCK_RAW, ...), or -errno: asked only of a socket whose protocol has
 * ports, before a grant (a raw socket of protocol 6 binds no port), and for the log. */
int sockinfo_type(int fd);

#endif
