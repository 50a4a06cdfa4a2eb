/* x86_64: registers of a 64-bit tracee. */
#ifndef PRIVBIND_ARCH_REGS_H
#define PRIVBIND_ARCH_REGS_H

#include <linux/audit.h>
#include <sys/syscall.h>
#include <sys/user.h>

#define ARCH_AUDIT    AUDIT_ARCH_X86_64
#define ARCH_NR_BIND  SYS_bind

struct arch_regs {
	struct user_regs_struct r;
};

#endif
