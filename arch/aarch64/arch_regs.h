// SPDX-License-Identifier: GPL-2.0-or-later
/* aarch64: registers of a 64-bit tracee. */
#ifndef PRIVBIND_ARCH_REGS_H
#define PRIVBIND_ARCH_REGS_H

#include <asm/ptrace.h>
#include <stddef.h>

#define ARCH_RED_ZONE 0        /* AAPCS64 has none */

struct arch_regs {
	struct user_pt_regs r;
	size_t len;            /* what NT_PRSTATUS gave: shorter for an AArch32 task */
};

#endif
