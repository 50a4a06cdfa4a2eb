/* x86_64: the syscall number is orig_rax, the arguments rdi rsi rdx r10 r8 r9, the result rax. */
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
	sc->args[0] = r->rdi;
	sc->args[1] = r->rsi;
	sc->args[2] = r->rdx;
	sc->args[3] = r->r10;
	sc->args[4] = r->r8;
	sc->args[5] = r->r9;
	return 0;
}

/* orig_rax = -1 makes the kernel skip the call; rax is what the tracee sees. One SETREGS. */
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
