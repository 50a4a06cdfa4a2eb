/* arch.h - the contract between the tracer and per-architecture register code.
 *
 * The tracer never names a register. Each arch/<arch>/ answers the same few questions about a
 * tracee stopped at a seccomp stop (PTRACE_EVENT_SECCOMP) or at a syscall-exit stop:
 * which syscall, with which arguments, and how to skip it with a chosen return value. */
#ifndef PRIVBIND_ARCH_H
#define PRIVBIND_ARCH_H

#include <sys/types.h>

#include "arch_regs.h"   /* from arch/<arch>/: struct arch_regs, ARCH_AUDIT, ARCH_NR_BIND */

struct syscall_stop {
	long nr;                  /* syscall number as the tracee's ABI numbers it */
	unsigned long args[6];    /* as the tracee passed them, read before anything is written */
	struct arch_regs regs;    /* the registers as read; arch_skip() writes them back */
};

/* Read the stopped tracee's syscall. 0, or -errno (-ESRCH: the tracee is gone). */
int arch_read_syscall(pid_t tid, struct syscall_stop *sc);

/* Skip the syscall read by arch_read_syscall() and make it return `ret` (0 or -errno).
 * 0, or -errno. */
int arch_skip(pid_t tid, struct syscall_stop *sc, long ret);

/* At a syscall-exit stop: the syscall's return value. 0, or -errno. */
int arch_read_return(pid_t tid, long *ret);

#endif
