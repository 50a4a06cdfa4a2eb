/* aarch64: registers of a 64-bit tracee. */
#ifndef PRIVBIND_ARCH_REGS_H
#define PRIVBIND_ARCH_REGS_H

#include <asm/ptrace.h>
#include <linux/audit.h>
#include <sys/syscall.h>

#define ARCH_AUDIT    AUDIT_ARCH_AARCH64
#define ARCH_NR_BIND  SYS_bind

struct arch_regs {
	struct user_pt_regs r;
};

#endif
