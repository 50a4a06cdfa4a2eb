// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-sockaddr: the bind address decoder (sockaddr_port_hint, sockaddr_decode,
 * sockaddr_format, sockaddr_describe_other), fed what a hostile program can put in memory.
 *
 * Input: one byte choosing the socket's family (AF_INET, AF_INET6 or another value) and how
 * long the program says the address is, then the address bytes; the decoder sees exactly the
 * bytes the length covers, in a buffer of that size (so AddressSanitizer sees any read past
 * it). Properties, against the running kernel (kernel.c: the same bytes bound as root):
 *   - a bind the kernel makes of the bytes on either family, of a port other than 0, has
 *     that port as its hint: the hint never lets a privileged bind go at once;
 *   - decoding gives the family, address and port the kernel binds; bytes it refuses are
 *     bytes the kernel refuses whoever asks (EINVAL, EAFNOSUPPORT);
 *   - what sockaddr_format writes is terminated and, as a -p item, allows that very address;
 *   - sockaddr_describe_other always terminates, whatever the room it is given. */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "fuzz.h"

/* privbind's reading `a` is the address the kernel bound, `k`. */
static void check_same(const struct bindaddr *a, const struct kernel_answer *k)
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };

	if (a->family == AF_INET6) {
		CHECK(k->family == AF_INET6 && memcmp(k->addr, a->addr, 16) == 0);
		CHECK(a->scope_id == k->scope_id);
	} else if (a->mapped) {
		/* the kernel keeps the spelling; the address is IPv4 (IN6_IS_ADDR_V4MAPPED) */
		CHECK(k->family == AF_INET6 && IN6_IS_ADDR_V4MAPPED((const struct in6_addr *)k->addr));
		CHECK(memcmp(k->addr, mapped, 12) == 0 && memcmp(k->addr + 12, a->addr, 4) == 0);
	} else {
		CHECK(k->family == AF_INET && memcmp(k->addr, a->addr, 4) == 0);
	}
	CHECK(k->ephemeral ? a->port == 0 || a->port == KERNEL_EPHEMERAL_PORT : a->port == k->port);
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
	static const int inet[2] = { AF_INET, AF_INET6 };
	struct kernel_answer k;
	struct bindaddr a;
	uint8_t *buf;
	int domain, len, hint;
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
	ok = sockaddr_decode(domain, buf, len, &a);
	if (kernel_oracle()) {
		for (i = 0; i < 2; i++) {
			if (kernel_bind(inet[i], buf, len, &k) == 0 && !k.ephemeral)
				CHECK(hint == k.port);
		}
		if (domain == AF_INET || domain == AF_INET6) {
			kernel_bind(domain, buf, len, &k);
			if (!ok)
				CHECK(k.err == EINVAL || k.err == EAFNOSUPPORT);
			else   /* the family privbind reads is one the kernel takes */
				CHECK(k.err != EAFNOSUPPORT);
			if (k.err == 0) {
				CHECK(ok);
				check_same(&a, &k);
			}
		}
	}
	if (ok) {
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
