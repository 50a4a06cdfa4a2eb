// SPDX-License-Identifier: GPL-2.0-or-later
/* sockaddr.c - read a bind(2) address the way the kernel does. Pure. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "escape.h"
#include "sockaddr.h"

/* sin_port and sin6_port share offset 2; sin_family and sin6_family offset 0. */
static unsigned family_of(const unsigned char *b)
{
	sa_family_t f;

	memcpy(&f, b, sizeof f);
	return f;
}

static uint16_t port_of(const unsigned char *b)
{
	uint16_t p;

	memcpy(&p, b + 2, sizeof p);
	return ntohs(p);
}

int sockaddr_port_hint(const void *buf, int len)
{
	const unsigned char *b = buf;
	unsigned f;

	/* The shortest inet bind the kernel accepts is a sockaddr_in. */
	if (len < (int)sizeof(struct sockaddr_in) || len > SOCKADDR_MAX)
		return -1;
	f = family_of(b);
	if (f != AF_INET && f != AF_INET6 && f != AF_UNSPEC)
		return -1;
	if (port_of(b) == 0)
		return -1;
	return port_of(b);
}

static bool is_v4_mapped(const uint8_t a[16])
{
	static const uint8_t prefix[12] = { [10] = 0xff, [11] = 0xff };

	return memcmp(a, prefix, sizeof prefix) == 0;
}

/* As __ipv6_addr_needs_scope_id(ipv6_addr_type()): link-local unicast, and multicast of
 * interface-local (1) or link-local (2) scope. */
bool sockaddr_needs_zone(const uint8_t a[16])
{
	if (a[0] == 0xfe && (a[1] & 0xc0) == 0x80)
		return true;
	return a[0] == 0xff && ((a[1] & 0x0f) == 1 || (a[1] & 0x0f) == 2);
}

bool sockaddr_decode(int domain, const void *buf, int len, struct bindaddr *out)
{
	const unsigned char *b = buf;

	memset(out, 0, sizeof *out);
	if (len < 0 || len > SOCKADDR_MAX)
		return false;
	if (domain == AF_INET) {
		struct sockaddr_in sin;

		if (len < (int)sizeof sin)
			return false;                   /* inet_bind_sk: EINVAL */
		memcpy(&sin, b, sizeof sin);
		/* __inet_bind accepts AF_UNSPEC as AF_INET, for the wildcard only. */
		if (sin.sin_family != AF_INET &&
		    (sin.sin_family != AF_UNSPEC || sin.sin_addr.s_addr != htonl(INADDR_ANY)))
			return false;                   /* EAFNOSUPPORT */
		out->family = AF_INET;
		memcpy(out->addr, &sin.sin_addr, 4);
		out->port = ntohs(sin.sin_port);
		return true;
	}
	if (domain == AF_INET6) {
		struct sockaddr_in6 sin6;

		/* The kernel accepts the 24-byte RFC 2133 form, without sin6_scope_id. */
		if (len < 24)
			return false;                   /* EINVAL */
		memset(&sin6, 0, sizeof sin6);
		memcpy(&sin6, b, (size_t)len < sizeof sin6 ? (size_t)len : sizeof sin6);
		if (sin6.sin6_family != AF_INET6)
			return false;                   /* EAFNOSUPPORT */
		out->port = ntohs(sin6.sin6_port);
		if (is_v4_mapped(sin6.sin6_addr.s6_addr)) {
			out->family = AF_INET;
			out->mapped = true;
			memcpy(out->addr, sin6.sin6_addr.s6_addr + 12, 4);
		} else {
			out->family = AF_INET6;
			memcpy(out->addr, sin6.sin6_addr.s6_addr, 16);
			/* __inet6_bind reads the zone only from a whole sockaddr_in6 */
			if ((size_t)len >= sizeof sin6 && sockaddr_needs_zone(out->addr))
				out->scope_id = sin6.sin6_scope_id;
		}
		return true;
	}
	return false;
}

void sockaddr_format(const struct bindaddr *a, char *buf, size_t size)
{
	char host[INET6_ADDRSTRLEN];

	if (a->family == AF_INET) {
		inet_ntop(AF_INET, a->addr, host, sizeof host);
		if (a->mapped)
			snprintf(buf, size, "[::ffff:%s]:%u", host, a->port);
		else
			snprintf(buf, size, "%s:%u", host, a->port);
	} else {
		inet_ntop(AF_INET6, a->addr, host, sizeof host);
		if (a->scope_id)
			snprintf(buf, size, "[%s%%%u]:%u", host, (unsigned)a->scope_id, a->port);
		else
			snprintf(buf, size, "[%s]:%u", host, a->port);
	}
}

bool sockaddr_unix_name(const void *buf, int len, const unsigned char **name, size_t *n,
			bool *abstract)
{
	const unsigned char *b = buf;
	size_t off = offsetof(struct sockaddr_un, sun_path);

	if (len <= (int)off || family_of(b) != AF_UNIX)
		return false;
	/* A path ends at its first NUL; an abstract name (leading NUL) is every byte of the
	 * given length. */
	*abstract = b[off] == 0;
	*name = b + off + *abstract;
	*n = (size_t)len - off - *abstract;
	if (!*abstract)
		*n = strnlen((const char *)*name, *n);
	return true;
}

void sockaddr_describe_other(const void *buf, int len, char *out, size_t size)
{
	const unsigned char *b = buf, *name;
	size_t n, used;
	bool abstract;

	if (len < (int)sizeof(sa_family_t)) {
		snprintf(out, size, "len=%d", len);
		return;
	}
	if (sockaddr_unix_name(buf, len, &name, &n, &abstract)) {
		/* Either may hold any byte: escape_text() keeps the value one field of the line. */
		used = (size_t)snprintf(out, size, "unix:%s", abstract ? "@" : "");
		if (used < size)
			escape_text(out + used, size - used, name, n);
		return;
	}
	if (family_of(b) == AF_UNIX) {
		snprintf(out, size, "unix:(autobind)");
		return;
	}
	if (family_of(b) == AF_INET || family_of(b) == AF_INET6) {
		struct bindaddr a;

		if (sockaddr_decode((int)family_of(b), buf, len, &a)) {
			sockaddr_format(&a, out, size);
			return;
		}
	}
	snprintf(out, size, "family=%u", family_of(b));
}
