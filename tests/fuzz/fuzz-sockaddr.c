// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-sockaddr: the bind address decoder (sockaddr_port_hint, sockaddr_decode,
 * sockaddr_format, sockaddr_describe_other), fed what a hostile program can put in memory.
 *
 * Input: one byte choosing the socket's family (AF_INET, AF_INET6 or another value) and how
 * long the program says the address is, then the address bytes; the decoder sees exactly the
 * bytes the length covers, in a buffer of that size (so AddressSanitizer sees any read past
 * it). Properties, against the kernel's rules written out here (__inet_bind, __inet6_bind):
 *   - the port hint is -1 exactly when no inet bind of the bytes can need privilege;
 *   - decoding gives the family, address and port the kernel would bind, or refuses the bytes
 *     the kernel refuses (bad length, wrong family);
 *   - what sockaddr_format writes is terminated and, as a -p item, allows that very address;
 *   - sockaddr_describe_other always terminates, whatever the room it is given. */
#include "config.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "fuzz.h"

static uint16_t be16(const uint8_t *b)
{
	return (uint16_t)(b[0] << 8 | b[1]);
}

static unsigned family_of(const uint8_t *b)
{
	sa_family_t f;

	memcpy(&f, b, sizeof f);
	return f;
}

/* The kernel's view, from the bytes alone. */
static bool kernel_decode(int domain, const uint8_t *b, int len, struct bindaddr *out)
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
	unsigned family;

	memset(out, 0, sizeof *out);
	if (len < 2 || len > 128)
		return false;
	family = family_of(b);
	if (domain == AF_INET) {
		static const uint8_t any[4];

		if (len < 16)
			return false;
		if (family != AF_INET && !(family == AF_UNSPEC && memcmp(b + 4, any, 4) == 0))
			return false;
		out->family = AF_INET;
		out->port = be16(b + 2);
		memcpy(out->addr, b + 4, 4);
		return true;
	}
	if (domain == AF_INET6) {
		if (len < 24 || family != AF_INET6)
			return false;
		out->port = be16(b + 2);
		if (memcmp(b + 8, mapped, 12) == 0) {
			out->family = AF_INET;
			out->mapped = true;
			memcpy(out->addr, b + 20, 4);
		} else {
			out->family = AF_INET6;
			memcpy(out->addr, b + 8, 16);
			/* fe80::/10, ff01::/16 and ff02::/16 whatever the flags: sin6_scope_id if there */
			if (len >= 28 && ((b[8] == 0xfe && b[9] >= 0x80 && b[9] <= 0xbf) ||
					  (b[8] == 0xff && (b[9] % 16 == 1 || b[9] % 16 == 2))))
				memcpy(&out->scope_id, b + 24, 4);
		}
		return true;
	}
	return false;
}

/* A string written into `size` bytes of a '#'-filled buffer: terminated within them, and
 * nothing written past them. */
static void check_terminated(const char *buf, size_t size)
{
	CHECK(memchr(buf, 0, size) != NULL);
	CHECK(buf[size] == '#');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int domains[4] = { AF_INET, AF_INET6, AF_UNIX, AF_UNSPEC };
	static const size_t rooms[] = { 1, 2, 7, 16, SOCKADDR_STRLEN, 200 };
	char out[256], err[256];
	struct bindaddr a, k;
	uint8_t *buf;
	int domain, len, hint, expect_hint;
	unsigned family;
	size_t i, n;
	bool ok;

	if (size < 1)
		return 0;
	domain = domains[data[0] & 3];
	n = size - 1;
	if (n > 128)
		return 0;                    /* privbind hands the decoder at most SOCKADDR_MAX */
	/* A length shorter than the bytes, or negative, as a program may pass. */
	len = (int)n;
	if (data[0] & 4)
		len = n ? (int)(data[1 % size] % n) : 0;
	if (data[0] & 8)
		len = -(int)n - 1;
	/* Exactly the `len` bytes the program says it passes: a read past them is an error. */
	buf = calloc(1, len > 0 ? (size_t)len : 1);
	CHECK(buf);
	if (len > 0)
		memcpy(buf, data + 1, (size_t)len);

	hint = sockaddr_port_hint(buf, len);
	family = len >= 2 ? family_of(buf) : 0xffff;
	expect_hint = len >= 16 && len <= 128 &&
		      (family == AF_INET || family == AF_INET6 || family == AF_UNSPEC) &&
		      be16(buf + 2) != 0 ? be16(buf + 2) : -1;
	CHECK(hint == expect_hint);

	ok = sockaddr_decode(domain, buf, len, &a);
	CHECK(ok == kernel_decode(domain, buf, len, &k));
	if (ok) {
		CHECK(a.family == k.family && a.port == k.port && a.mapped == k.mapped &&
		      a.scope_id == k.scope_id);
		CHECK(memcmp(a.addr, k.addr, a.family == AF_INET6 ? 16 : 4) == 0);
		/* Never passed at once by the hint yet privileged once decoded. */
		CHECK(a.port == 0 || hint == a.port);

		memset(out, '#', sizeof out);
		sockaddr_format(&a, out, SOCKADDR_STRLEN);
		check_terminated(out, SOCKADDR_STRLEN);
		for (i = 0; i < sizeof rooms / sizeof rooms[0] && rooms[i] < SOCKADDR_STRLEN; i++) {
			memset(out, '#', sizeof out);
			sockaddr_format(&a, out, rooms[i]);
			check_terminated(out, rooms[i]);
		}
		/* What the log shows is what a -p item of the same spelling allows. */
		sockaddr_format(&a, out, SOCKADDR_STRLEN);
		{
			struct policy p = { 0 };
			bool parsed = policy_parse(&p, out, err, sizeof err);

			CHECK(parsed == (a.port != 0));
			if (parsed) {
				CHECK(policy_allows(&p, &a, PROTO_TCP));
				CHECK(policy_allows(&p, &a, PROTO_UDP));
				CHECK(policy_allows(&p, &a, PROTO_OTHER));
			}
			policy_free(&p);
		}
	}

	for (i = 0; i < sizeof rooms / sizeof rooms[0]; i++) {
		memset(out, '#', sizeof out);
		sockaddr_describe_other(buf, len, out, rooms[i]);
		check_terminated(out, rooms[i]);
	}
	free(buf);
	return 0;
}
