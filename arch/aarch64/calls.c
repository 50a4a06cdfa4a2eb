// SPDX-License-Identifier: GPL-2.0-or-later
/* aarch64: the native ABI only. AArch32 (compat) tasks are seen by seccomp as AUDIT_ARCH_ARM;
 * their binds are not trapped, run as the user, and privileged ones fail as without privbind. */
#include "config.h"

#include <linux/audit.h>

#include "arch.h"

#define NR_BIND 200

const struct bind_call arch_bind_calls[] = {
	{ AUDIT_ARCH_AARCH64, NR_BIND, BIND_NATIVE },
};
const size_t arch_nbind_calls = sizeof arch_bind_calls / sizeof arch_bind_calls[0];

#define NR_CLONE 220
#define NR_CLONE3 435
#define NR_PRCTL 167
#define NR_UNSHARE 97
#define NR_SETNS 268

const struct clone_call arch_clone_calls[] = {
	{ AUDIT_ARCH_AARCH64, NR_CLONE, NR_CLONE3, NR_PRCTL, NR_UNSHARE, NR_SETNS, BIND_NATIVE },
};
const size_t arch_nclone_calls = sizeof arch_clone_calls / sizeof arch_clone_calls[0];

bool arch_abi_enabled(enum bind_abi abi)
{
	return abi == BIND_NATIVE;
}
