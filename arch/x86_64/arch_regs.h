// SPDX-License-Identifier: GPL-2.0-or-later
/* x86_64: registers of a 64-bit tracer's tracee, whatever its ABI. */
#ifndef PRIVBIND_ARCH_REGS_H
#define PRIVBIND_ARCH_REGS_H

#include <sys/user.h>

#define ARCH_RED_ZONE 128      /* bytes below the stack pointer that leaf code may use */

struct arch_regs {
	struct user_regs_struct r;
};

#endif
