// SPDX-License-Identifier: GPL-2.0-or-later
/* sockinfo.h - what kind of socket a descriptor privbind holds is, asked of the kernel. */
#ifndef PRIVBIND_SOCKINFO_H
#define PRIVBIND_SOCKINFO_H

struct sockinfo {
	int domain;     /* SO_DOMAIN: AF_INET, AF_INET6, ... */
	int type;       /* SO_TYPE: SOCK_STREAM, ... */
	int protocol;   /* SO_PROTOCOL: IPPROTO_TCP, ... */
};

/* What kind of socket `fd` is: 0, or -errno (-ENOTSOCK for anything but a socket). */
int sockinfo_get(int fd, struct sockinfo *si);

#endif
