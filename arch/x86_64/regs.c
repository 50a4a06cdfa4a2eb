/* x86_64: the syscall number is orig_rax and the result rax. Arguments are rdi rsi rdx r10 r8
 * r9 for native and x32 calls, ebx ecx edx esi edi ebp for ia32 ones (a 64-bit tracer sees
 * every tracee through the 64-bit register layout). */
#include <errno.h>
#include <stddef.h>
#include <sys/ptrace.h>

#include "arch.h"

int arch_read_syscall(pid_t tid, struct syscall_stop *sc)
{
	const struct user_regs_struct *r = &sc->regs.r;

	if (ptrace(PTRACE_GETREGS, tid, 0, &sc->regs.r) < 0)
		return -errno;
	sc->nr = (long)r->orig_rax;
	if (sc->abi == BIND_COMPAT || sc->abi == BIND_COMPAT_SOCKETCALL) {
		sc->args[0] = (unsigned int)r->rbx;
		sc->args[1] = (unsigned int)r->rcx;
		sc->args[2] = (unsigned int)r->rdx;
		sc->args[3] = (unsigned int)r->rsi;
		sc->args[4] = (unsigned int)r->rdi;
		sc->args[5] = (unsigned int)r->rbp;
	} else {
		sc->args[0] = r->rdi;
		sc->args[1] = r->rsi;
		sc->args[2] = r->rdx;
		sc->args[3] = r->r10;
		sc->args[4] = r->r8;
		sc->args[5] = r->r9;
	}
	return 0;
}

/* orig_rax = -1 makes the kernel skip the call; rax is what the tracee sees (an ia32 tracee
 * its low half). One SETREGS. */
int arch_skip(pid_t tid, struct syscall_stop *sc, long ret)
{
	sc->regs.r.orig_rax = (unsigned long long)-1;
	sc->regs.r.rax = (unsigned long long)ret;
	if (ptrace(PTRACE_SETREGS, tid, 0, &sc->regs.r) < 0)
		return -errno;
	return 0;
}

int arch_read_return(pid_t tid, long *ret)
{
	long v;

	errno = 0;
	v = ptrace(PTRACE_PEEKUSER, tid, offsetof(struct user_regs_struct, rax), 0);
	if (v == -1 && errno)
		return -errno;
	*ret = v;
	return 0;
}
