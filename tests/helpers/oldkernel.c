// SPDX-License-Identifier: GPL-2.0-or-later
/* oldkernel - run a command on this kernel as if it were an older one: a seccomp filter makes
 * the newer interfaces fail exactly as a kernel without them does, so that privbind's start-up
 * probes really find them missing (no flag tells privbind anything).
 *
 *   oldkernel [--no-pidfd] [--no-pidfd-thread] [--no-syscall-info] [--no-seccomp] [--no-action-avail] [--no-ia32]
 *             -- COMMAND [ARG...]
 *
 *   --no-pidfd         pidfd_open, pidfd_getfd, pidfd_send_signal (5.1-5.6), clone3 (5.3),
 *                      close_range (5.9): ENOSYS, as on 5.0
 *   --no-pidfd-thread  pidfd_open(PIDFD_THREAD) (6.9): EINVAL, as on 5.10 and 6.1, where a
 *                      pidfd names a thread-group leader only
 *   --no-syscall-info  ptrace(PTRACE_GET_SYSCALL_INFO) (5.3): EIO, as for any unknown request
 *   --no-seccomp       seccomp(2): ENOSYS, as on a kernel built without it, or a container
 *                      that forbids it
 *   --no-action-avail  seccomp(SECCOMP_GET_ACTION_AVAIL) (4.14): EINVAL, as on 4.9, where
 *                      RET_TRACE filters work but the kernel cannot be asked about them
 *   --no-ia32          (x86_64) ia32 code dies at its first system call, whether an i686
 *                      program's or int $0x80 from 64-bit code: near enough to a kernel that
 *                      runs no ia32 code (ia32_emulation=0, or IA32_EMULATION=n), where the
 *                      exec fails (ENOEXEC) and int $0x80 gets SIGSEGV, to try the tests'
 *                      probe for it; not used by check-fallbacks
 *
 * Installed as root, the filter needs no no_new_privs (as anyone else, it sets it: setuid
 * programs then stay unprivileged, which no test of a non-root caller minds). It only fakes
 * missing interfaces, not older behaviour. x86_64 and aarch64; other ABIs are left alone. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define AUDIT_NATIVE AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define AUDIT_NATIVE AUDIT_ARCH_AARCH64
#endif

#include "compat.h"

#define GET_SYSCALL_INFO 0x420e

#define MAX 64
static struct sock_filter prog[MAX];
static unsigned short n;

static void emit(struct sock_filter f)
{
	prog[n++] = f;
}

/* nr == `nr`: fail with `err`. */
static void fail_nr(long nr, int err)
{
	emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 1));
	emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | (unsigned)err));
}

int main(int argc, char **argv)
{
	int no_pidfd = 0, no_thread = 0, no_info = 0, no_seccomp = 0, no_avail = 0, no_ia32 = 0, i;
	struct sock_fprog fprog;

	for (i = 1; i < argc && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--no-pidfd"))
			no_pidfd = 1;
		else if (!strcmp(argv[i], "--no-pidfd-thread"))
			no_thread = 1;
		else if (!strcmp(argv[i], "--no-syscall-info"))
			no_info = 1;
		else if (!strcmp(argv[i], "--no-seccomp"))
			no_seccomp = 1;
		else if (!strcmp(argv[i], "--no-action-avail"))
			no_avail = 1;
		else if (!strcmp(argv[i], "--no-ia32"))
			no_ia32 = 1;
		else
			break;
	}
	if (i >= argc - 1 || strcmp(argv[i], "--")) {
		fprintf(stderr, "usage: oldkernel [--no-pidfd] [--no-pidfd-thread] [--no-syscall-info] [--no-seccomp] [--no-action-avail] [--no-ia32] -- COMMAND [ARG...]\n");
		return 125;
	}
	emit((struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)));
	if (no_ia32) {
#if defined(__x86_64__)
		emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_I386, 0, 1));
		emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS));
#else
		fprintf(stderr, "oldkernel: --no-ia32 is for x86_64\n");
		return 125;
#endif
	}
	emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_NATIVE, 1, 0));
	emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
	emit((struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)));
	if (no_pidfd) {
		fail_nr(SYS_pidfd_open, ENOSYS);
		fail_nr(SYS_pidfd_getfd, ENOSYS);
		fail_nr(SYS_pidfd_send_signal, ENOSYS);
		fail_nr(SYS_clone3, ENOSYS);
		fail_nr(SYS_close_range, ENOSYS);
	}
	if (no_thread) {
		/* pidfd_open with PIDFD_THREAD (O_EXCL) among its flags: EINVAL, an unknown flag */
		emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_pidfd_open, 0, 4));
		emit((struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[1])));
		emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, O_EXCL, 0, 1));
		emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EINVAL));
		emit((struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)));
	}
	if (no_seccomp)
		fail_nr(SYS_seccomp, ENOSYS);
	if (no_info) {
		/* ptrace with request == PTRACE_GET_SYSCALL_INFO, all 64 bits of it */
		emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_ptrace, 0, 5));
		emit((struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])));
		emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, GET_SYSCALL_INFO, 0, 3));
		emit((struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0]) + 4));
		emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 0, 1));
		emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EIO));
	}
	if (no_avail) {
		emit((struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)));
		emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_seccomp, 0, 3));
		emit((struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, args[0])));
		emit((struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_GET_ACTION_AVAIL, 0, 1));
		emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EINVAL));
	}
	emit((struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
	fprog.len = n;
	fprog.filter = prog;
	if (geteuid() != 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		perror("oldkernel: no_new_privs");
		return 125;
	}
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog) < 0) {
		perror("oldkernel: seccomp");
		return 125;
	}
	execvp(argv[i + 1], argv + i + 1);
	perror("oldkernel: exec");
	return 127;
}
