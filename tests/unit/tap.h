// SPDX-License-Identifier: GPL-2.0-or-later
/* tap.h - just enough TAP for the unit tests of privbind's pure logic. */
#ifndef PRIVBIND_TAP_H
#define PRIVBIND_TAP_H

#include <stdio.h>
#include <stdlib.h>

static int tap_n, tap_failed;

#define ok(cond, ...) do {                                                  \
	int ok_ = !!(cond);                                                 \
	printf("%sok %d - ", ok_ ? "" : "not ", ++tap_n);                   \
	printf(__VA_ARGS__);                                                \
	printf("\n");                                                       \
	if (!ok_) {                                                         \
		tap_failed++;                                               \
		printf("#   failed at %s:%d: %s\n", __FILE__, __LINE__, #cond); \
	}                                                                   \
} while (0)

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
