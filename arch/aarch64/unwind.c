// SPDX-License-Identifier: GPL-2.0-or-later
/* aarch64: libunwind's register numbers (UNW_AARCH64_*) to the registers of a stop, for -b. */
#include "config.h"

#include <libunwind-aarch64.h>
#include <sys/user.h>

#include "arch.h"

int arch_unwind_reg(const struct user_regs_struct *r, int reg, unsigned long *val)
{
	if (reg >= UNW_AARCH64_X0 && reg <= UNW_AARCH64_X30)
		*val = r->regs[reg - UNW_AARCH64_X0];
	else if (reg == UNW_AARCH64_SP)
		*val = r->sp;
	else if (reg == UNW_AARCH64_PC)
		*val = r->pc;
	else if (reg == UNW_AARCH64_PSTATE)
		*val = r->pstate;
	else
		return -1;
	return 0;
}
