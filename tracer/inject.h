// SPDX-License-Identifier: GPL-2.0-or-later
/* inject.h - without pidfd_getfd: make the program hand privbind its socket itself. */
#ifndef PRIVBIND_INJECT_H
#define PRIVBIND_INJECT_H

#include <stdint.h>
#include <sys/types.h>

#include "arch.h"

/* Open privbind's receiving socket, in the tracer, before the first inject_fdgrab(); at
 * start where pidfd_getfd is missing, else at the first thread that needs it. Once done, does
 * nothing. 0, or -errno. */
int inject_init(void);

/* What inject_fdgrab() changed and inject_end() puts back. */
struct inject_save {
	uint64_t sigmask;
};

/* Thread `tid` is stopped at the bind `sc` (a seccomp or syscall-entry stop, native ABI): have
 * it send privbind a copy of its descriptor `fd`. Returns the copy, or -errno; -ESRCH means
 * the thread is gone: it died, or it held privbind past the deadline or could not be put back
 * as it was, and was killed with its process. Unless -ESRCH, the thread is left at a
 * syscall-exit stop with its signals blocked, and inject_end() must follow. */
int inject_fdgrab(pid_t tid, struct syscall_stop *sc, int fd, struct inject_save *save);

/* Give the thread back its registers and signal mask, its bind returning `ret` (repeat false)
 * or about to run again (repeat true). 0, or -ESRCH: it could not be, and the thread's
 * process was killed. */
int inject_end(pid_t tid, const struct syscall_stop *sc, const struct inject_save *save,
	       bool repeat, long ret);

#endif
