// SPDX-License-Identifier: GPL-2.0-or-later
/* filter.h - the seccomp filter that makes bind(2) alone stop the program. */
#ifndef PRIVBIND_FILTER_H
#define PRIVBIND_FILTER_H

#include <stdbool.h>

#include "arch.h"

/* Install the filter in the calling process (and so in everything it execs and forks).
 * Call while still privileged: a filter installed with CAP_SYS_ADMIN needs no no_new_privs,
 * so setuid programs COMMAND runs keep working. Its TRACE action carries the enum bind_abi of
 * the call (PTRACE_GETEVENTMSG). Dies (EXIT_SETUP) on failure. */
void filter_install(void);

/* The TRACE data of a stop at a way into a sandbox (see struct clone_call), apart from every
 * enum bind_abi. */
#define FILTER_DATA_SANDBOX 0x100

/* Without seccomp, the same question at a syscall stop: is this syscall (of the ABI
 * `audit_arch`, number `nr`, first argument `arg0`) a bind, and of which ABI? */
bool filter_match(unsigned audit_arch, long nr, unsigned long arg0, enum bind_abi *abi);

/* At a seccomp stop, which of the filter's bind calls has syscall number `nr`, when only one
 * has (then the number is as good as the filter's RET_DATA, without asking for it); BIND_UNKNOWN when
 * the number does not tell. */
enum bind_abi filter_abi_of(long nr);

#endif
