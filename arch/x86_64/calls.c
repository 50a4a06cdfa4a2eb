// SPDX-License-Identifier: GPL-2.0-or-later
/* x86_64 runs three ABIs: native, x32 (native numbers with bit 30 set) and ia32 (its own
 * numbers; glibc's i386 bind() goes through socketcall, direct bind came in 4.3). A 64-bit
 * program may make an ia32 call with int $0x80: seccomp then reports AUDIT_ARCH_I386. */
#include "config.h"

#include <errno.h>
#include <linux/audit.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "arch.h"

#define X32_SYSCALL_BIT 0x40000000
#define NR_BIND 49
#define NR_I386_SOCKETCALL 102
#define NR_I386_BIND 361

const struct bind_call arch_bind_calls[] = {
	{ AUDIT_ARCH_X86_64, NR_BIND, BIND_NATIVE },
	{ AUDIT_ARCH_X86_64, X32_SYSCALL_BIT | NR_BIND, BIND_X32 },
	{ AUDIT_ARCH_I386, NR_I386_BIND, BIND_COMPAT },
	{ AUDIT_ARCH_I386, NR_I386_SOCKETCALL, BIND_COMPAT_SOCKETCALL },
};
const size_t arch_nbind_calls = sizeof arch_bind_calls / sizeof arch_bind_calls[0];

#define NR_CLONE 56
#define NR_CLONE3 435
#define NR_PRCTL 157
#define NR_UNSHARE 272
#define NR_SETNS 308
#define NR_I386_CLONE 120
#define NR_I386_CLONE3 435
#define NR_I386_PRCTL 172
#define NR_I386_UNSHARE 310
#define NR_I386_SETNS 346
#define X32(nr) (X32_SYSCALL_BIT | (nr))

/* In the order of arch_bind_calls' ABIs: the filter emits each within its ABI's block. */
const struct clone_call arch_clone_calls[] = {
	{ AUDIT_ARCH_X86_64, NR_CLONE, NR_CLONE3, NR_PRCTL, NR_UNSHARE, NR_SETNS, BIND_NATIVE },
	{ AUDIT_ARCH_X86_64, X32(NR_CLONE), X32(NR_CLONE3), X32(NR_PRCTL), X32(NR_UNSHARE),
	  X32(NR_SETNS), BIND_X32 },
	{ AUDIT_ARCH_I386, NR_I386_CLONE, NR_I386_CLONE3, NR_I386_PRCTL, NR_I386_UNSHARE,
	  NR_I386_SETNS, BIND_COMPAT },
};
const size_t arch_nclone_calls = sizeof arch_clone_calls / sizeof arch_clone_calls[0];

/* x32 is built into Debian's kernels but off unless booted with syscall.x32=y; its calls then
 * fail with ENOSYS. Ask with a call that cannot hurt. */
bool arch_abi_enabled(enum bind_abi abi)
{
	if (abi != BIND_X32)
		return true;
	return syscall(X32_SYSCALL_BIT | SYS_getpid) >= 0 || errno != ENOSYS;
}
