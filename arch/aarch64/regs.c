// SPDX-License-Identifier: GPL-2.0-or-later
/* aarch64: the syscall number is x8, the arguments x0-x5, the result x0.
 *
 * x0 is both the first argument and the result, so arguments are kept from the first read.
 * PTRACE_GETREGS does not exist here: registers go through the NT_PRSTATUS regset, and the
 * syscall number can only be changed through NT_ARM_SYSTEM_CALL (writing x8 does not skip). */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <linux/audit.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

#include "arch.h"

/* *len, when given: how much the kernel filled (an AArch32 task's regset is 18 words). */
static int regset_len(int request, pid_t tid, int type, void *buf, size_t size, size_t *len)
{
	struct iovec iov = { .iov_base = buf, .iov_len = size };

	if (ptrace(request, tid, type, &iov) < 0)
		return -errno;
	if (len)
		*len = iov.iov_len;
	return 0;
}

static int regset(int request, pid_t tid, int type, void *buf, size_t size)
{
	return regset_len(request, tid, type, buf, size, NULL);
}

int arch_read_syscall(pid_t tid, struct syscall_stop *sc)
{
	int err = regset_len(PTRACE_GETREGSET, tid, NT_PRSTATUS, &sc->regs.r, sizeof sc->regs.r,
			     &sc->regs.len);

	if (err)
		return err;
	arch_fill_args(sc);
	return 0;
}

void arch_fill_args(struct syscall_stop *sc)
{
	int i;

	sc->nr = (long)sc->regs.r.regs[8];
	for (i = 0; i < 6; i++)
		sc->args[i] = sc->regs.r.regs[i];
}

/* Both writes are needed: -1 through NT_ARM_SYSTEM_CALL skips the call; x0 is the result. */
int arch_skip(pid_t tid, struct syscall_stop *sc, long ret)
{
	int nr = -1, err = regset(PTRACE_SETREGSET, tid, NT_ARM_SYSTEM_CALL, &nr, sizeof nr);

	if (err)
		return err;
	sc->regs.r.regs[0] = (unsigned long long)ret;
	return regset(PTRACE_SETREGSET, tid, NT_PRSTATUS, &sc->regs.r, sizeof sc->regs.r);
}

int arch_read_return(pid_t tid, long *ret)
{
	struct user_pt_regs r;
	int err = regset(PTRACE_GETREGSET, tid, NT_PRSTATUS, &r, sizeof r);

	if (err)
		return err;
	*ret = (long)r.regs[0];
	return 0;
}

int arch_set_return(pid_t tid, long ret)
{
	struct user_pt_regs r;
	int err = regset(PTRACE_GETREGSET, tid, NT_PRSTATUS, &r, sizeof r);

	if (err)
		return err;
	r.regs[0] = (unsigned long long)ret;
	return regset(PTRACE_SETREGSET, tid, NT_PRSTATUS, &r, sizeof r);
}

/* An AArch32 task's NT_PRSTATUS is its 32-bit register set, shorter than user_pt_regs (as
 * strace tells them apart); pstate's mode bit could be any value the kernel put there. */
unsigned arch_audit_of(pid_t tid, const struct arch_regs *r)
{
	(void)tid;
	return r->len == sizeof r->r ? AUDIT_ARCH_AARCH64 : AUDIT_ARCH_ARM;
}

long arch_nr_from_regs(const struct arch_regs *r)
{
	return (long)r->r.regs[8];
}

unsigned long arch_stack_pointer(const struct arch_regs *r)
{
	return r->r.sp;
}

/* svc #0 is 4 bytes. x0 holds the last result here: it is an argument again from now on. */
int arch_prepare_syscall(pid_t tid, const struct arch_regs *r, long nr,
			 const unsigned long args[6])
{
	struct user_pt_regs u = r->r;
	int i;

	u.pc -= 4;
	u.regs[8] = (unsigned long long)nr;
	for (i = 0; i < 6; i++)
		u.regs[i] = args[i];
	return regset(PTRACE_SETREGSET, tid, NT_PRSTATUS, &u, sizeof u);
}

int arch_restore(pid_t tid, const struct syscall_stop *sc, bool repeat, long ret)
{
	struct user_pt_regs u = sc->regs.r;

	if (repeat) {
		u.pc -= 4;
		u.regs[0] = sc->args[0];     /* x0 was the result meanwhile */
		u.regs[8] = (unsigned long long)sc->nr;
	} else {
		u.regs[0] = (unsigned long long)ret;
	}
	return regset(PTRACE_SETREGSET, tid, NT_PRSTATUS, &u, sizeof u);
}
