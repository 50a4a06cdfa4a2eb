// SPDX-License-Identifier: GPL-2.0-or-later
/* sockopts.c - a few getsockopt(2) calls on privbind's copy of the program's socket. They
 * cost a syscall each, so they are made only when a log line is to be written. */
#include "config.h"

#include <netinet/in.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>

#include "sockopts.h"

static bool is_set(int fd, int level, int opt)
{
	int v = 0;
	socklen_t len = sizeof v;

	return getsockopt(fd, level, opt, &v, &len) == 0 && v != 0;
}

void sockopts_get(int fd, int domain, struct sockopts *o)
{
	socklen_t len = sizeof o->device;     /* the kernel wants IFNAMSIZ: EINVAL for less */

	memset(o, 0, sizeof *o);
	if (is_set(fd, SOL_SOCKET, SO_REUSEADDR))
		o->flags |= SOCKOPT_REUSEADDR;
	if (is_set(fd, SOL_SOCKET, SO_REUSEPORT))
		o->flags |= SOCKOPT_REUSEPORT;
	if (domain == AF_INET6) {
		if (is_set(fd, IPPROTO_IPV6, IPV6_V6ONLY))
			o->flags |= SOCKOPT_V6ONLY;
		/* The IPv4 options count for an IPv6 socket's bind too. */
		if (is_set(fd, IPPROTO_IPV6, IPV6_FREEBIND) || is_set(fd, IPPROTO_IP, IP_FREEBIND))
			o->flags |= SOCKOPT_FREEBIND;
		if (is_set(fd, IPPROTO_IPV6, IPV6_TRANSPARENT) || is_set(fd, IPPROTO_IP, IP_TRANSPARENT))
			o->flags |= SOCKOPT_TRANSPARENT;
	} else if (domain == AF_INET) {
		if (is_set(fd, IPPROTO_IP, IP_FREEBIND))
			o->flags |= SOCKOPT_FREEBIND;
		if (is_set(fd, IPPROTO_IP, IP_TRANSPARENT))
			o->flags |= SOCKOPT_TRANSPARENT;
	}
	if (getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, o->device, &len) < 0)
		o->device[0] = 0;
	o->device[sizeof o->device - 1] = 0;
}

const char *sockopt_name(unsigned flag)
{
	switch (flag) {
	case SOCKOPT_REUSEADDR:
		return "reuseaddr";
	case SOCKOPT_REUSEPORT:
		return "reuseport";
	case SOCKOPT_V6ONLY:
		return "v6only";
	case SOCKOPT_FREEBIND:
		return "freebind";
	case SOCKOPT_TRANSPARENT:
		return "transparent";
	default:
		return "?";
	}
}
