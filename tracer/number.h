// SPDX-License-Identifier: GPL-2.0-or-later
/* number.h - numbers from the command line and /proc. Pure. */
#ifndef PRIVBIND_NUMBER_H
#define PRIVBIND_NUMBER_H

#include <stdbool.h>

/* A whole decimal number in [0, max]: digits only, no sign, no space; false on anything else. */
bool parse_ulong(const char *s, unsigned long max, unsigned long *out);

#endif
