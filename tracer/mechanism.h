// SPDX-License-Identifier: GPL-2.0-or-later
/* mechanism.h - which kernel interfaces privbind builds on, found out at start. */
#ifndef PRIVBIND_MECHANISM_H
#define PRIVBIND_MECHANISM_H

#include <stdbool.h>

enum seccomp_order {
	SECCOMP_NONE,           /* no RET_TRACE filters here */
	SECCOMP_AFTER_ENTRY,    /* 4.8+: the syscall-entry stop, then the seccomp stop */
	SECCOMP_BEFORE_ENTRY,   /* before 4.8: the seccomp stop, then the syscall-entry stop */
};

struct mechanism {
	enum seccomp_order order;  /* what the probe found, whatever PRIVBIND_FALLBACK says */
	bool seccomp;        /* stop at bind alone with a SECCOMP_RET_TRACE filter (3.5),
			      * else stop at every syscall (PTRACE_SYSCALL) */
	bool pidfd;          /* copy the program's socket with pidfd_getfd (5.6), else make the
			      * program send it (syscall injection) */
	bool syscall_info;   /* PTRACE_GET_SYSCALL_INFO (5.3) tells a syscall's ABI at a
			      * syscall stop, else the registers do */
};

/* Ask the running kernel, never its version string; PRIVBIND_FALLBACK (a comma-separated list
 * of no-seccomp, no-pidfd, no-syscall-info) takes interfaces away on purpose. Dies with
 * EXIT_SETUP on a bad PRIVBIND_FALLBACK. */
void mechanism_detect(struct mechanism *m);

/* "seccomp+pidfd", "ptrace-syscall+injection", ... for -v. */
const char *mechanism_name(const struct mechanism *m);

#endif
