// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz.h - shared by the libFuzzer targets of the pure logic (make fuzz) and by replay.c,
 * which runs the same targets over the seed corpus in make check with any compiler.
 *
 * A target checks properties, not only the absence of crashes: a property that does not hold
 * aborts, so libFuzzer keeps the input and a replay of it fails. */
#ifndef PRIVBIND_FUZZ_H
#define PRIVBIND_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "policy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define CHECK(cond) \
	do { \
		if (!(cond)) { \
			fprintf(stderr, "%s:%d: property does not hold: %s\n", __FILE__, __LINE__, #cond); \
			abort(); \
		} \
	} while (0)

/* ref.c: the -p grammar and matching written a second time, another way (left to right, no
 * in-place cutting), from the man page rather than from policy.c. The targets compare the two. */
#define REF_MAX_ITEMS 4096
struct ref_policy {
	struct policy_item items[REF_MAX_ITEMS];
	size_t n;
};

/* Append the items of LIST; false, with the policy unchanged, if LIST is not valid. */
bool ref_parse(struct ref_policy *r, const char *list);
bool ref_allows(const struct ref_policy *r, const struct bindaddr *a, enum proto proto);
/* An address of `family` in the kernel's dual-stack form: IPv6 as is, IPv4 as ::ffff:a.b.c.d */
void ref_kernel_form(int family, const uint8_t *addr, uint8_t out[16]);

/* kernel.c: the running kernel as the oracle. kernel_oracle() moves the calling thread into a
 * network namespace of its own, once (false when it cannot: not root). kernel_bind() binds
 * the bytes on a fresh UDP socket of family `domain` and says what the kernel made of them. */
#define KERNEL_EPHEMERAL_PORT 61000
struct kernel_answer {
	int err;             /* 0: bound */
	int family;          /* as getsockname(2) reports: AF_INET or AF_INET6 */
	uint8_t addr[16];    /* network order */
	uint16_t port;
	uint32_t scope_id;   /* AF_INET6: the zone of a link-local address */
	bool ephemeral;      /* the namespace's one ephemeral port: the bytes asked for port 0 */
};
bool kernel_oracle(void);
int kernel_bind(int domain, const void *buf, int len, struct kernel_answer *k);

#endif
