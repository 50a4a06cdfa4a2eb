/* arch.h - the contract between the tracer and per-architecture register code.
 *
 * The tracer never names a register. Each arch/<arch>/ answers the same few questions about a
 * tracee stopped at a seccomp stop (PTRACE_EVENT_SECCOMP) or at a syscall-exit stop:
 * which syscall, with which arguments, and how to skip it with a chosen return value; and it
 * lists the bind calls of every ABI its kernel runs, for the filter. */
#ifndef PRIVBIND_ARCH_H
#define PRIVBIND_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "arch_regs.h"   /* from arch/<arch>/: struct arch_regs */

/* How a program asked to bind: the filter's RET_DATA, so the kernel's word on the ABI (from
 * seccomp_data.arch), never a guess from the syscall number. */
enum bind_abi {
	BIND_NATIVE = 1,          /* bind(2) of the architecture's own ABI */
	BIND_X32,                 /* bind(2) of x32: native registers, 32-bit pointers */
	BIND_COMPAT,              /* bind(2) of the 32-bit ABI (ia32 on x86_64) */
	BIND_COMPAT_SOCKETCALL,   /* socketcall(SYS_BIND, u32 args[3]) of the 32-bit ABI */
};

/* One way to call bind, as the filter recognises it. */
struct bind_call {
	unsigned audit_arch;      /* seccomp_data.arch */
	int nr;                   /* seccomp_data.nr */
	enum bind_abi abi;
};

/* Every bind call of every ABI this architecture's kernel may run. */
extern const struct bind_call arch_bind_calls[];
extern const size_t arch_nbind_calls;

/* Does the running kernel accept calls of this ABI? The filter must not trap a call the
 * kernel would refuse with ENOSYS (seccomp sees it first): privbind would grant it. */
bool arch_abi_enabled(enum bind_abi abi);

struct syscall_stop {
	enum bind_abi abi;        /* filled in by the caller before arch_read_syscall() */
	long nr;                  /* syscall number as the tracee's ABI numbers it */
	unsigned long args[6];    /* as the tracee passed them, read before anything is written */
	struct arch_regs regs;    /* the registers as read; arch_skip() writes them back */
};

/* Read the stopped tracee's syscall, with the arguments of ABI sc->abi.
 * 0, or -errno (-ESRCH: the tracee is gone). */
int arch_read_syscall(pid_t tid, struct syscall_stop *sc);

/* Skip the syscall read by arch_read_syscall() and make it return `ret` (0 or -errno).
 * 0, or -errno. */
int arch_skip(pid_t tid, struct syscall_stop *sc, long ret);

/* At a syscall-exit stop: the syscall's return value. 0, or -errno. */
int arch_read_return(pid_t tid, long *ret);

#endif
