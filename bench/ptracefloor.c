// SPDX-License-Identifier: GPL-2.0-or-later
/* ptracefloor - the least any ptrace tool can cost per bind: run a command as root under a
 * seccomp filter that stops bind(2) alone, and a tracer that does nothing at each stop but
 * resume the program. privbind's bind rows divided by this row's are privbind's own share. */
#include "config.h"

#include <errno.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#if defined(__x86_64__)
#define AUDIT_NATIVE AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define AUDIT_NATIVE AUDIT_ARCH_AARCH64
#endif

int main(int argc, char **argv)
{
	struct sock_filter f[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_NATIVE, 1, 0),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_bind, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof f / sizeof f[0], .filter = f };
	int go[2], status, code = 0;
	pid_t child, tid;
	char c;

	if (argc < 2 || pipe(go) < 0) {
		fprintf(stderr, "usage: ptracefloor COMMAND [ARG...]\n");
		return 2;
	}
	child = fork();
	if (child == 0) {
		close(go[1]);
		if (read(go[0], &c, 1) != 1 || syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
			_exit(125);
		execvp(argv[1], argv + 1);
		_exit(127);
	}
	if (child < 0 || ptrace(PTRACE_SEIZE, child, 0, PTRACE_O_TRACESECCOMP | PTRACE_O_TRACEFORK |
				PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL) < 0) {
		perror("ptracefloor");
		return 125;
	}
	if (write(go[1], "", 1) != 1)
		return 125;
	close(go[1]);
	while ((tid = waitpid(-1, &status, __WALL)) > 0) {
		int sig = 0;

		if (WIFEXITED(status) || WIFSIGNALED(status)) {
			if (tid == child)
				code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
			continue;
		}
		if (status >> 16 == PTRACE_EVENT_STOP) {
			int s = WSTOPSIG(status);

			if (s == SIGSTOP || s == SIGTSTP || s == SIGTTIN || s == SIGTTOU) {
				ptrace(PTRACE_LISTEN, tid, 0, 0);
				continue;
			}
		} else if (status >> 16 == 0) {
			sig = WSTOPSIG(status);
		}
		ptrace(PTRACE_CONT, tid, 0, sig);
	}
	return code;
}
