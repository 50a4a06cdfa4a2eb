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

#endif
