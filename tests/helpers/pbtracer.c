// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pbtracer: privbind's tracer loop on its own, so that valgrind can watch it
 * (tests/380-valgrind.bats). valgrind cannot run privbind whole: it does not implement
 * seccomp(2), which the process that becomes COMMAND calls. Here the process valgrind runs
 * is the tracer, built from privbind's own tracer/ and arch/ sources; the child re-executes
 * this program, natively (valgrind does not follow exec unless asked), to do what privbind's
 * command process does: install the filter, become USER, execute COMMAND.
 *
 *   pbtracer USER PORTS|- COMMAND [ARG...]      (-v logging on; PORTS as -p, - for none)
 *
 * The tracer frees what it allocated before it returns, so that valgrind's leak check at
 * exit means something; privbind's tracer just _exits.
 *
 * valgrind 3.19 (Debian 12) does not know pidfd_open(2) and pidfd_getfd(2) and fails them
 * with ENOSYS. This program's syscall() stands in for libc's in privbind's objects linked
 * here: it makes those two calls on the real CPU (VALGRIND_NON_SIMD_CALL), out of
 * valgrind's sight, and passes everything else on to libc.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <sys/syscall.h>
#if HAVE_VALGRIND_VALGRIND_H
#include <valgrind/valgrind.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bindcall.h"
#include "compat.h"
#include "fdgrab.h"
#include "filter.h"
#include "identity.h"
#include "netns.h"
#include "policy.h"
#include "sandbox.h"
#include "tracer.h"
#include "util.h"

#if HAVE_VALGRIND_VALGRIND_H && defined(__x86_64__)
/* On the real CPU: the first argument of a NON_SIMD_CALL is the thread id, unused. */
static long native_syscall3(long tid, long nr, long a, long b)
{
	long ret;

	(void)tid;
	__asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(0L)
			 : "rcx", "r11", "memory");
	return ret;
}
#endif

long syscall(long nr, ...)
{
	static long (*libc_syscall)(long, ...);
	long a[6];
	va_list ap;
	int i;

	va_start(ap, nr);
	for (i = 0; i < 6; i++)
		a[i] = va_arg(ap, long);
	va_end(ap);
#if HAVE_VALGRIND_VALGRIND_H && defined(__x86_64__)
	if (RUNNING_ON_VALGRIND && (nr == SYS_pidfd_open || nr == SYS_pidfd_getfd)) {
		long ret = (long)VALGRIND_NON_SIMD_CALL3(native_syscall3, nr, a[0], a[1]);

		if (ret < 0 && ret > -4096) {
			errno = (int)-ret;
			return -1;
		}
		return ret;
	}
#endif
	if (!libc_syscall)
		libc_syscall = (long (*)(long, ...))dlsym(RTLD_NEXT, "syscall");
	return libc_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
}

#define TRACE_OPTIONS (PTRACE_O_TRACESECCOMP | PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | \
		       PTRACE_O_TRACECLONE | PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD)

/* argv: USER PORTS COMMAND [ARG...] */
static int child_mode(char **argv)
{
	struct identity id;

	identity_resolve(argv[0], NULL, &id);
	filter_install();
	identity_drop(&id);
	execvp(argv[2], argv + 2);
	die_errno("cannot run '%s'", argv[2]);
}

int main(int argc, char **argv)
{
	struct policy policy = { 0 };
	struct identity id;
	struct bindctx ctx = {
		.mech = { .seccomp = true, .pidfd = true, .syscall_info = true },
		.policy = &policy, .budget = -1, .verbose = 1, .id = &id,
	};
	char err[256], go = 0;
	int sync[2], status;
	pid_t child;

	if (argc > 4 && !strcmp(argv[1], "--child"))
		return child_mode(argv + 2);
	if (argc < 4)
		die("usage: pbtracer USER PORTS|- COMMAND [ARG...]");
	if (strcmp(argv[2], "-") && !policy_parse(&policy, argv[2], err, sizeof err))
		die("%s", err);
	identity_resolve(argv[1], NULL, &id);
	if (pipe(sync) < 0)
		die_errno("pipe");
	child = fork();
	if (child < 0)
		die_errno("fork");
	if (child == 0) {
		char **args = calloc((size_t)argc + 2, sizeof *args);

		if (!args)
			die("out of memory");
		close(sync[1]);
		/* traced from here on: wait for the tracer, as privbind's command process does */
		if (read(sync[0], &go, 1) != 1)
			_exit(EXIT_SETUP);
		args[0] = argv[0];
		args[1] = "--child";
		memcpy(args + 2, argv + 1, (size_t)(argc - 1) * sizeof *args);
		execv(argv[0], args);
		die_errno("cannot re-execute %s", argv[0]);
	}
	close(sync[0]);
	netns_init();
	sandbox_init(true);
	fdgrab_init();
	if (ptrace(PTRACE_SEIZE, child, 0, (void *)(long)TRACE_OPTIONS) < 0)
		die_errno("PTRACE_SEIZE");
	if (write(sync[1], &go, 1) != 1)
		die_errno("write");
	close(sync[1]);
	tracer_loop(&ctx);
	/* tracer_loop reaped every tracee, the child included */
	if (waitpid(child, &status, 0) == 0 || errno != ECHILD)
		die("the child was not reaped by the tracer loop");
	netns_close();
	policy_free(&policy);
	free(id.groups);
	free(id.name);
	return 0;
}
