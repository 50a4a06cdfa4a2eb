// SPDX-License-Identifier: GPL-2.0-or-later
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
	BIND_UNKNOWN = 0,         /* at a seccomp stop, before the number or RET_DATA says */
	BIND_NATIVE,          /* bind(2) of the architecture's own ABI */
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

/* The calls that make a thread or process or shut a program in, per ABI:
 *   clone(2), whose flags the filter can read: it refuses CLONE_UNTRACED (a child privbind
 *     would not follow, its binds failing with ENOSYS under a filter with no tracer), and
 *     stops at CLONE_NEWUSER;
 *   clone3(2) (5.3), whose flags are in memory the filter cannot read: ENOSYS, and C
 *     libraries fall back to clone(2);
 *   prctl(PR_SET_NO_NEW_PRIVS), unshare(CLONE_NEWUSER), setns(2): the ways into a sandbox
 *     (sandbox.c); the filter stops at them, so that privbind knows to look. */
struct clone_call {
	unsigned audit_arch;
	int clone_nr;
	int clone3_nr;
	int prctl_nr;
	int unshare_nr;
	int setns_nr;
	enum bind_abi abi;        /* whose arch_abi_enabled() says if the kernel runs these */
};
extern const struct clone_call arch_clone_calls[];
extern const size_t arch_nclone_calls;

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

/* Fill sc's number and arguments from sc->regs, for the ABI sc->abi. */
void arch_fill_args(struct syscall_stop *sc);

/* Skip the syscall read by arch_read_syscall() and make it return `ret` (0 or -errno).
 * 0, or -errno. */
int arch_skip(pid_t tid, struct syscall_stop *sc, long ret);

/* At a syscall-exit stop: the syscall's return value. 0, or -errno. */
int arch_read_return(pid_t tid, long *ret);

/* At a syscall-exit stop: make the syscall return `ret`. 0, or -errno. */
int arch_set_return(pid_t tid, long ret);

/* The ABI of the syscall thread `tid` is stopped at (a syscall-entry stop), as its registers
 * tell it (the audit arch), when the kernel cannot say (no seccomp, no
 * PTRACE_GET_SYSCALL_INFO). On x86_64 a 64-bit program's int $0x80 is told by the instruction
 * it just ran, read from its memory. */
unsigned arch_audit_of(pid_t tid, const struct arch_regs *r);
long arch_nr_from_regs(const struct arch_regs *r);

/* Syscall injection, native ABI only. The stack pointer of the stopped thread, below which
 * (past ARCH_RED_ZONE bytes) privbind may borrow memory. */
unsigned long arch_stack_pointer(const struct arch_regs *r);

/* At a syscall-exit stop whose registers are `r`: make the thread run syscall `nr` with
 * `args` next, by stepping back onto its syscall instruction. 0, or -errno. */
int arch_prepare_syscall(pid_t tid, const struct arch_regs *r, long nr,
			 const unsigned long args[6]);

/* Leave the thread stopped for sc (at any syscall stop since) with sc's registers back, so
 * that sc's syscall returns `ret` (repeat false), or runs again from its start (repeat
 * true). 0, or -errno. */
int arch_restore(pid_t tid, const struct syscall_stop *sc, bool repeat, long ret);

/* -b only (with libunwind): register `reg`, numbered as libunwind numbers this architecture's
 * registers (UNW_<ARCH>_*), from a register set read at a stop. 0, or -1 for a register
 * libunwind may not have. */
struct user_regs_struct;
int arch_unwind_reg(const struct user_regs_struct *r, int reg, unsigned long *val);

#endif
