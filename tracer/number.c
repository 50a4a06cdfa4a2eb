// SPDX-License-Identifier: GPL-2.0-or-later
/* number.c - strtoul accepts signs, spaces and wraps around; this does not. Pure. */
#include "config.h"

#include "number.h"

bool parse_ulong(const char *s, unsigned long max, unsigned long *out)
{
	unsigned long v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned long d = (unsigned long)(*s - '0');

		if (*s < '0' || *s > '9' || d > max || v > (max - d) / 10)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}
