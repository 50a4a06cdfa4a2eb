// SPDX-License-Identifier: GPL-2.0-or-later
/* sockinfo.h - what kind of socket a descriptor privbind holds is, asked of the kernel. */
#ifndef PRIVBIND_SOCKINFO_H
#define PRIVBIND_SOCKINFO_H

struct sockinfo {
	int domain;     /* SO_DOMAIN: AF_INET, AF_INET6, ... */
	int protocol;   /* SO_PROTOCOL: IPPROTO_TCP, ... */
};

/* What kind of socket `fd` is: 0, or -errno (-ENOTSOCK for anything but a socket). The two
 * getsockopt calls a bind's judgement needs. */
int sockinfo_get(int fd, struct sockinfo *si);

/* SO_TYPE (SOCK_STREAM, SOCK_RAW, ...), or -errno: for the log only, which names raw sockets. */
int sockinfo_type(int fd);

#endif
