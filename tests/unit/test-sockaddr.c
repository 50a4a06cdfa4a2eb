// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the sockaddr decoder: the kernel's rules for bind(2) addresses. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "sockaddr.h"
#include "tap.h"

int main(void)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons(80) };
	struct sockaddr_in6 sin6 = { .sin6_family = AF_INET6, .sin6_port = htons(443) };
	struct sockaddr_un sun = { .sun_family = AF_UNIX, .sun_path = "/run/x.sock" };
	unsigned char big[SOCKADDR_MAX + 8] = { 0 };
	struct bindaddr a;
	char s[SOCKADDR_STRLEN], other[128], big_desc[SOCKADDR_DESCLEN];

	inet_pton(AF_INET, "127.0.0.1", &sin.sin_addr);
	ok(sockaddr_port_hint(&sin, sizeof sin) == 80, "hint: IPv4 port");
	ok(sockaddr_port_hint(&sin, sizeof sin - 1) == -1, "hint: short IPv4 can't need privilege");
	ok(sockaddr_port_hint(&sun, sizeof sun) == -1, "hint: AF_UNIX never");
	ok(sockaddr_port_hint(&sin, -1) == -1, "hint: negative length");
	ok(sockaddr_port_hint(big, SOCKADDR_MAX + 1) == -1, "hint: over 128 bytes is EINVAL");

	ok(sockaddr_decode(AF_INET, &sin, sizeof sin, &a) && a.family == AF_INET && a.port == 80,
	   "IPv4 decodes");
	sockaddr_format(&a, s, sizeof s);
	ok(strcmp(s, "127.0.0.1:80") == 0, "IPv4 formats: %s", s);
	ok(!sockaddr_decode(AF_INET, &sin, 15, &a), "IPv4 socket, 15 bytes: EINVAL");
	ok(sockaddr_decode(AF_INET, &sin, SOCKADDR_MAX, &a), "IPv4 socket, 128 bytes is fine");
	ok(!sockaddr_decode(AF_INET6, &sin, sizeof sin, &a), "IPv4 bytes on an IPv6 socket: refused");

	sin.sin_family = AF_UNSPEC;
	ok(!sockaddr_decode(AF_INET, &sin, sizeof sin, &a), "AF_UNSPEC with an address: EAFNOSUPPORT");
	sin.sin_addr.s_addr = htonl(INADDR_ANY);
	ok(sockaddr_decode(AF_INET, &sin, sizeof sin, &a) && a.family == AF_INET && a.port == 80,
	   "AF_UNSPEC 0.0.0.0 on an IPv4 socket is an IPv4 bind");
	ok(sockaddr_port_hint(&sin, sizeof sin) == 80, "hint: AF_UNSPEC may need privilege");
	ok(!sockaddr_decode(AF_INET6, &sin, sizeof sin, &a), "AF_UNSPEC on an IPv6 socket: refused");

	inet_pton(AF_INET6, "::1", &sin6.sin6_addr);
	ok(sockaddr_decode(AF_INET6, &sin6, sizeof sin6, &a) && a.family == AF_INET6 && a.port == 443,
	   "IPv6 decodes");
	sockaddr_format(&a, s, sizeof s);
	ok(strcmp(s, "[::1]:443") == 0, "IPv6 formats: %s", s);
	ok(sockaddr_decode(AF_INET6, &sin6, 24, &a), "IPv6: the 24-byte RFC 2133 form is accepted");
	ok(!sockaddr_decode(AF_INET6, &sin6, 23, &a), "IPv6: 23 bytes is EINVAL");
	ok(!sockaddr_decode(AF_INET, &sin6, sizeof sin6, &a), "IPv6 bytes on an IPv4 socket: refused");

	sin6.sin6_scope_id = 3;
	ok(sockaddr_decode(AF_INET6, &sin6, sizeof sin6, &a) && a.scope_id == 0,
	   "a zone on ::1 is ignored, as the kernel ignores it");
	inet_pton(AF_INET6, "fe80::1", &sin6.sin6_addr);
	ok(sockaddr_decode(AF_INET6, &sin6, sizeof sin6, &a) && a.scope_id == 3,
	   "link-local: the zone is read");
	sockaddr_format(&a, s, sizeof s);
	ok(strcmp(s, "[fe80::1%3]:443") == 0, "link-local formats with its zone: %s", s);
	ok(sockaddr_decode(AF_INET6, &sin6, 24, &a) && a.scope_id == 0,
	   "link-local, 24 bytes: no sin6_scope_id to read");
	inet_pton(AF_INET6, "febf::1", &sin6.sin6_addr);
	ok(sockaddr_needs_zone(sin6.sin6_addr.s6_addr), "febf:: is link-local (fe80::/10)");
	inet_pton(AF_INET6, "fec0::1", &sin6.sin6_addr);
	ok(!sockaddr_needs_zone(sin6.sin6_addr.s6_addr), "fec0:: (site-local) needs no zone");
	inet_pton(AF_INET6, "ff12::1", &sin6.sin6_addr);
	ok(sockaddr_needs_zone(sin6.sin6_addr.s6_addr), "ff12:: (link-local multicast) needs a zone");
	inet_pton(AF_INET6, "ff05::1", &sin6.sin6_addr);
	ok(!sockaddr_needs_zone(sin6.sin6_addr.s6_addr), "ff05:: (site-local multicast) needs none");
	sin6.sin6_scope_id = 0;

	inet_pton(AF_INET6, "::ffff:127.0.0.1", &sin6.sin6_addr);
	ok(sockaddr_decode(AF_INET6, &sin6, sizeof sin6, &a) && a.family == AF_INET && a.mapped &&
	   memcmp(a.addr, "\x7f\0\0\x01", 4) == 0, "v4-mapped IPv6 is judged as IPv4");
	sockaddr_format(&a, s, sizeof s);
	ok(strcmp(s, "[::ffff:127.0.0.1]:443") == 0, "v4-mapped keeps its spelling: %s", s);

	ok(!sockaddr_decode(AF_UNIX, &sun, sizeof sun, &a), "AF_UNIX socket: not privbind's");
	sockaddr_describe_other(&sun, sizeof sun, other, sizeof other);
	ok(strcmp(other, "unix:/run/x.sock") == 0, "unix path described: %s", other);
	sun.sun_path[0] = 0;
	sockaddr_describe_other(&sun, offsetof(struct sockaddr_un, sun_path) + 4, other, sizeof other);
	ok(strncmp(other, "unix:@", 6) == 0, "abstract name described: %s", other);
	strcpy(sun.sun_path, "/tmp/my sock\\\n");
	sockaddr_describe_other(&sun, sizeof sun, other, sizeof other);
	ok(strcmp(other, "unix:/tmp/my\\x20sock\\x5c\\x0a") == 0, "unix path escaped: %s", other);
	memcpy(sun.sun_path, "\0a\0b", 4);
	sockaddr_describe_other(&sun, offsetof(struct sockaddr_un, sun_path) + 4, other, sizeof other);
	ok(strcmp(other, "unix:@a\\x00b") == 0, "abstract name: all its bytes: %s", other);
	memset(sun.sun_path, 0xff, sizeof sun.sun_path);
	sockaddr_describe_other(&sun, sizeof sun, big_desc, sizeof big_desc);
	ok(strlen(big_desc) == sizeof "unix:" - 1 + 4 * sizeof sun.sun_path, "a whole 108-byte path fits SOCKADDR_DESCLEN");
	{
		const unsigned char *name;
		size_t n;
		bool abstract;

		strcpy(sun.sun_path, "/run/y.sock");
		ok(sockaddr_unix_name(&sun, sizeof sun, &name, &n, &abstract) && !abstract && n == 11 &&
		   memcmp(name, "/run/y.sock", 11) == 0, "unix name: a path ends at its NUL");
		memcpy(sun.sun_path, "\0a\0b", 4);
		ok(sockaddr_unix_name(&sun, offsetof(struct sockaddr_un, sun_path) + 4, &name, &n, &abstract) &&
		   abstract && n == 3 && memcmp(name, "a\0b", 3) == 0, "unix name: abstract, every byte");
		ok(!sockaddr_unix_name(&sun, offsetof(struct sockaddr_un, sun_path), &name, &n, &abstract),
		   "unix name: none when unnamed (autobind)");
		ok(!sockaddr_unix_name(&sin, sizeof sin, &name, &n, &abstract), "unix name: not for AF_INET");
	}
	big[0] = 16;
	sockaddr_describe_other(big, 12, other, sizeof other);
	ok(strcmp(other, "family=16") == 0, "other family described: %s", other);
	sockaddr_describe_other(big, 1, other, sizeof other);
	ok(strcmp(other, "len=1") == 0, "too short described: %s", other);
	return tap_done();
}
