// SPDX-License-Identifier: GPL-2.0-or-later
/* x86_64: the syscall number is orig_rax and the result rax. Arguments are rdi rsi rdx r10 r8
 * r9 for native and x32 calls, ebx ecx edx esi edi ebp for ia32 ones (a 64-bit tracer sees
 * every tracee through the 64-bit register layout). */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <linux/audit.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "arch.h"

/* The kernel's __USER32_CS (GDT entry 4, RPL 3): the code segment of a task in 32-bit mode */
#define USER32_CS 0x23

int arch_read_syscall(pid_t tid, struct syscall_stop *sc)
{
	if (ptrace(PTRACE_GETREGS, tid, 0, &sc->regs.r) < 0)
		return -errno;
	arch_fill_args(sc);
	return 0;
}

void arch_fill_args(struct syscall_stop *sc)
{
	const struct user_regs_struct *r = &sc->regs.r;

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

int arch_set_return(pid_t tid, long ret)
{
	if (ptrace(PTRACE_POKEUSER, tid, offsetof(struct user_regs_struct, rax), ret) < 0)
		return -errno;
	return 0;
}

/* A 32-bit code segment means an ia32 program. A 64-bit one may still have made an ia32 call
 * with int $0x80 (cd 80), which the registers cannot tell from syscall (0f 05): the two bytes
 * before rip can. Unreadable code is taken for native. */
unsigned arch_audit_of(pid_t tid, const struct arch_regs *r)
{
	unsigned char insn[2] = { 0, 0 };
	struct iovec local = { .iov_base = insn, .iov_len = sizeof insn };
	struct iovec remote = { .iov_base = (void *)(r->r.rip - 2), .iov_len = sizeof insn };

	if (r->r.cs == USER32_CS)
		return AUDIT_ARCH_I386;
	if (process_vm_readv(tid, &local, 1, &remote, 1, 0) == (ssize_t)sizeof insn &&
	    insn[0] == 0xcd && insn[1] == 0x80)
		return AUDIT_ARCH_I386;
	return AUDIT_ARCH_X86_64;
}

long arch_nr_from_regs(const struct arch_regs *r)
{
	return (long)r->r.orig_rax;
}

unsigned long arch_stack_pointer(const struct arch_regs *r)
{
	return r->r.rsp;
}

/* The syscall instruction is 2 bytes: syscall (0f 05), and int $0x80 (cd 80), which the vDSO
 * keeps sysenter returns pointing after, so that the kernel's own restarts work the same way. */
int arch_prepare_syscall(pid_t tid, const struct arch_regs *r, long nr,
			 const unsigned long args[6])
{
	struct user_regs_struct u = r->r;

	u.rip -= 2;
	u.rax = (unsigned long long)nr;
	u.orig_rax = (unsigned long long)-1;   /* no syscall restart games on the way out */
	u.rdi = args[0];
	u.rsi = args[1];
	u.rdx = args[2];
	u.r10 = args[3];
	u.r8 = args[4];
	u.r9 = args[5];
	if (ptrace(PTRACE_SETREGS, tid, 0, &u) < 0)
		return -errno;
	return 0;
}

int arch_restore(pid_t tid, const struct syscall_stop *sc, bool repeat, long ret)
{
	struct user_regs_struct u = sc->regs.r;

	u.orig_rax = (unsigned long long)-1;
	if (repeat) {
		u.rip -= 2;
		u.rax = (unsigned long long)sc->nr;
	} else {
		u.rax = (unsigned long long)ret;
	}
	if (ptrace(PTRACE_SETREGS, tid, 0, &u) < 0)
		return -errno;
	return 0;
}
