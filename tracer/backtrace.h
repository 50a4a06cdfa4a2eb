// SPDX-License-Identifier: GPL-2.0-or-later
/* backtrace.h - the stack of a thread stopped at a bind, for -b. Built with libunwind-ptrace
 * (backtrace.c) or without it (backtrace-none.c), chosen by configure. */
#ifndef PRIVBIND_BACKTRACE_H
#define PRIVBIND_BACKTRACE_H

#include <stdbool.h>
#include <sys/types.h>

#define BT_FRAMES 32

struct frame {
	unsigned long ip;            /* frame 0: where the syscall was made; others: return address */
	char function[128];          /* "" when no symbol covers ip */
	unsigned long offset;        /* ip - function */
	char module[256];            /* the mapped file holding ip, "" when none (JIT code) */
	unsigned long module_offset; /* ip's offset in that file, for addr2line */
};

struct backtrace {
	int n;
	bool truncated;              /* the stack went on past BT_FRAMES */
	struct frame f[BT_FRAMES];
};

/* Was privbind built with stack traces? */
bool backtrace_supported(void);

/* The stack of thread `tid`, stopped by privbind; NULL if it cannot be read at all. */
struct backtrace *backtrace_capture(pid_t tid);

void backtrace_free(struct backtrace *bt);

#endif
