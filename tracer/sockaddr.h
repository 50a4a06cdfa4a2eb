// SPDX-License-Identifier: GPL-2.0-or-later
/* sockaddr.h - the address a bind(2) asks for, decoded from bytes copied out of the program.
 *
 * Pure: no syscalls. The kernel's own rules (net/ipv4/af_inet.c __inet_bind, net/ipv6/af_inet6.c
 * __inet6_bind) decide what the bytes mean; these functions follow them so that the address
 * privbind judges is the one the kernel would use. */
#ifndef PRIVBIND_SOCKADDR_H
#define PRIVBIND_SOCKADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The most bind(2) accepts (sizeof(struct sockaddr_storage)); longer is EINVAL. */
#define SOCKADDR_MAX 128

/* An inet address as the kernel will bind it. A v4-mapped IPv6 address (::ffff:a.b.c.d) on an
 * AF_INET6 socket is judged as IPv4 (family AF_INET), and `mapped` remembers its spelling. */
struct bindaddr {
	int family;          /* AF_INET or AF_INET6 */
	uint8_t addr[16];    /* network order; IPv4 in the first 4 bytes */
	uint16_t port;       /* host order */
	bool mapped;
	uint32_t scope_id;   /* AF_INET6 needing a zone (sockaddr_needs_zone): the interface the
			      * bytes name (sin6_scope_id), else 0; bindcall.c fills in the
			      * socket's own device (SO_BINDTODEVICE), which the kernel then uses */
};

/* Does an IPv6 address bind to one interface only (link-local unicast fe80::/10, or
 * interface- or link-local multicast), so that the kernel reads sin6_scope_id for it? */
bool sockaddr_needs_zone(const uint8_t a[16]);

/* The port a bind of these bytes might ask for, read without knowing the socket: -1 when no
 * inet bind of these bytes can need privilege (too short, a family that is neither AF_INET,
 * AF_INET6 nor AF_UNSPEC, or port 0). Lets every other bind pass at once. */
int sockaddr_port_hint(const void *buf, int len);

/* Decode for a socket of family `domain` (AF_INET or AF_INET6) exactly as the kernel would.
 * Returns false when the kernel refuses the bytes whatever the caller's privilege (bad length,
 * wrong family: EINVAL, EAFNOSUPPORT), so privbind leaves such a bind to the kernel. */
bool sockaddr_decode(int domain, const void *buf, int len, struct bindaddr *out);

/* "127.0.0.1:80", "[::1]:443", "[::ffff:127.0.0.1]:80", "[fe80::1%2]:80" (the zone as an
 * interface index). Needs SOCKADDR_STRLEN bytes. */
#define SOCKADDR_STRLEN 80
void sockaddr_format(const struct bindaddr *a, char *buf, size_t size);

/* Describe bytes whose family privbind does not bind (for the log): "unix:/run/x.sock",
 * "unix:@abstract", "family=16". A unix name's bytes are escaped (escape_text), so the result
 * is one field of a key=value line; SOCKADDR_DESCLEN bytes hold any. */
#define SOCKADDR_DESCLEN (sizeof "unix:@" + 4 * 108)
void sockaddr_describe_other(const void *buf, int len, char *out, size_t size);

/* The name of an AF_UNIX address, raw: a path (up to its first NUL) or, *abstract, the bytes
 * after the leading NUL. False when the bytes are not a named AF_UNIX address. */
bool sockaddr_unix_name(const void *buf, int len, const unsigned char **name, size_t *n,
			bool *abstract);

#endif
