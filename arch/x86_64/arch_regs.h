/* x86_64: registers of a 64-bit tracer's tracee, whatever its ABI. */
#ifndef PRIVBIND_ARCH_REGS_H
#define PRIVBIND_ARCH_REGS_H

#include <sys/user.h>

struct arch_regs {
	struct user_regs_struct r;
};

#endif
