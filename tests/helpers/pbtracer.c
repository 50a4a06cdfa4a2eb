// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pbtracer: privbind for valgrind (tests/380-valgrind.bats). valgrind cannot run privbind
 * whole: it does not implement seccomp(2), which the process that becomes COMMAND calls. This
 * is privbind's own main() over the same libprivbind.a, but for one step: the process that is
 * to become COMMAND re-executes this program, which valgrind does not follow (no
 * --trace-children), so that the filter, the change of identity and COMMAND itself run
 * natively. Everything before, privbind's options, lookups and launch, and the tracer that
 * launch forks, with every bind it serves, runs under valgrind.
 *
 *   pbtracer PRIVBIND-OPTIONS -- COMMAND [ARG...]       (as privbind; -u is required)
 *
 * The mechanism is not probed: under valgrind seccomp(2) is missing, and the probe would
 * choose stop-at-every-syscall. pbtracer takes seccomp and pidfd_getfd, which COMMAND, run
 * natively, has.
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
#include <unistd.h>

#include "compat.h"
#include "identity.h"
#include "launch.h"
#include "mechanism.h"
#include "options.h"
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

int main(int argc, char **argv)
{
	const struct mechanism mech = { .seccomp = true, .pidfd = true, .syscall_info = true };
	bool child = argc > 1 && !strcmp(argv[1], "--child");
	struct config cfg;
	struct identity id;
	char **args;

	if (child) {
		argv[1] = argv[0];
		argc--;
		argv++;
	}
	parse_options(argc, argv, &cfg);
	if (!cfg.user)
		die("pbtracer needs -u USER");
	identity_resolve(cfg.user, cfg.group, &id);
	if (child)
		become_command(&cfg, &id, &mech);
	launch_tracer(&cfg, &id, &mech);
	/* Traced from here on, as privbind's command process is: out of valgrind's sight now. */
	args = calloc((size_t)argc + 2, sizeof *args);
	if (!args)
		die("out of memory");
	args[0] = argv[0];
	args[1] = "--child";
	memcpy(args + 2, argv + 1, (size_t)argc * sizeof *args);
	execv(argv[0], args);     /* not /proc/self/exe: under valgrind, valgrind's own */
	die_errno("cannot re-execute %s", argv[0]);
}
