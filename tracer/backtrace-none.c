// SPDX-License-Identifier: GPL-2.0-or-later
/* backtrace-none.c - a build without libunwind: -b is refused at the command line. */
#include "config.h"

#include <stdlib.h>

#include "backtrace.h"

bool backtrace_supported(void)
{
	return false;
}

struct backtrace *backtrace_capture(pid_t tid)
{
	(void)tid;
	return NULL;
}

void backtrace_free(struct backtrace *bt)
{
	free(bt);
}
