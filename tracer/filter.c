/* filter.c - the BPF program.
 *
 * It looks at the architecture and the syscall number only, never at arguments or the
 * instruction pointer: then the kernel (5.11+) proves the result constant per syscall and
 * skips the filter for every syscall but bind. Binds of another ABI (ia32 via int $0x80, x32)
 * are allowed untouched: they run as the user, so privileged ones fail as without privbind. */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "arch.h"
#include "filter.h"
#include "util.h"


static const struct sock_filter program[] = {
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH_AUDIT, 1, 0),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
	BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ARCH_NR_BIND, 0, 1),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE | FILTER_DATA_BIND),
	BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
};

void filter_install(void)
{
	struct sock_fprog prog = {
		.len = sizeof program / sizeof program[0],
		.filter = (struct sock_filter *)program,
	};

	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == 0)
		return;
	if (errno != EACCES)
		die_errno("cannot install the seccomp filter (needs CONFIG_SECCOMP_FILTER)");
	/* No CAP_SYS_ADMIN (a container, say): the kernel then insists on no_new_privs. */
	warn("no CAP_SYS_ADMIN: setting no_new_privs, so setuid programs COMMAND runs will not gain privileges");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		die_errno("cannot set no_new_privs");
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		die_errno("cannot install the seccomp filter");
}
