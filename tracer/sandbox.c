// SPDX-License-Identifier: GPL-2.0-or-later
/* sandbox.c - never grant what the program's own sandbox forbids.
 *
 * A granted bind runs in the tracer, so the LSM bind checks (Landlock's
 * LANDLOCK_ACCESS_NET_BIND_TCP, SELinux name_bind, AppArmor network rules) judge privbind,
 * not the program. A program cannot be asked what its Landlock domain allows, but it cannot
 * have one without no_new_privs (it holds no capabilities): a thread that set no_new_privs
 * after privbind started it is taken to have sandboxed itself, and gets no grant. Nor does a
 * thread in a user namespace of its own, whose root is not privbind's. The bind is then the
 * program's own call, which its sandbox and the kernel answer as without privbind.
 *
 * Asking /proc costs a grant as much as the rest of it, so with seccomp privbind asks only
 * once a traced thread has taken one of the ways in (prctl(PR_SET_NO_NEW_PRIVS),
 * unshare/clone with CLONE_NEWUSER, setns): the filter stops at each before it runs.
 *
 * When COMMAND starts with no_new_privs already (a unit with NoNewPrivileges=yes, or filter.c
 * setting it without CAP_SYS_ADMIN), nothing tells a later sandbox apart: LIMITATIONS in the
 * man page says so. SELinux and AppArmor confine by the program's label or profile, which
 * exec gives it, not by anything it does later: privbind's own domain is what those check. */
#include "config.h"

#include <errno.h>
#include <linux/capability.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "procfs.h"
#include "sandbox.h"

static bool nnp_at_start;
static ino_t own_userns;
static dev_t own_userns_dev;

static bool have_cap_sys_admin(void)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3];

	return syscall(SYS_capget, &hdr, data) == 0 &&
	       (data[CAP_SYS_ADMIN / 32].effective & (1U << (CAP_SYS_ADMIN % 32)));
}

void sandbox_init(bool seccomp)
{
	struct stat st;

	nnp_at_start = prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1 ||
		       (seccomp && !have_cap_sys_admin());
	if (stat("/proc/self/ns/user", &st) == 0) {
		own_userns = st.st_ino;
		own_userns_dev = st.st_dev;
	}
}

bool sandboxed(pid_t tid)
{
	char path[64];
	struct stat st;
	long nnp;

	if (!nnp_at_start) {
		nnp = proc_status(tid, "NoNewPrivs");
		/* -ESRCH: no such field before 4.10, which has no Landlock either */
		if (nnp != 0 && nnp != -ESRCH)
			return true;            /* set, or the thread cannot be looked at */
	}
	snprintf(path, sizeof path, "/proc/%d/ns/user", (int)tid);
	/* without user namespaces (CONFIG_USER_NS=n) there is only one */
	if (stat(path, &st) < 0)
		return own_userns != 0;
	return st.st_ino != own_userns || st.st_dev != own_userns_dev;
}
