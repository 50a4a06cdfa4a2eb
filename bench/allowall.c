// SPDX-License-Identifier: GPL-2.0-or-later
/* allowall - run a command under a one-instruction allow-all seccomp filter: the cost every
 * seccomp filter adds to every syscall, the floor privbind's own filter sits on. */
#include "config.h"

#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sock_filter allow = BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	struct sock_fprog prog = { .len = 1, .filter = &allow };

	if (argc < 2) {
		fprintf(stderr, "usage: allowall COMMAND [ARG...]\n");
		return 2;
	}
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0) {
		perror("allowall: seccomp");
		return 125;
	}
	execvp(argv[1], argv + 1);
	perror("allowall: exec");
	return 127;
}
