// SPDX-License-Identifier: GPL-2.0-or-later
/* fdgrab.h - take a copy of a stopped program's file descriptor. */
#ifndef PRIVBIND_FDGRAB_H
#define PRIVBIND_FDGRAB_H

#include <sys/types.h>

/* A copy (O_CLOEXEC) of descriptor `fd` as thread `tid` sees it, or -errno (-EBADF when the
 * program has no such descriptor). The copy shares the program's open file description.
 * -EXDEV: the thread has a file table of its own, which a kernel before PIDFD_THREAD (6.9)
 * gives no pidfd for; the thread can still hand its socket over itself (inject.h). */
int fdgrab(pid_t tid, int fd);

/* Close a copy of a program's descriptor. It may be the last reference to a connected socket
 * that SO_LINGER holds in close(2) for as long as the program chose: a timer's signal cuts
 * that wait short (the descriptor is gone either way). Needs fdgrab_init() once. */
void fdgrab_close(int copy);

/* The timer's signal handler. A pending signal cuts the lingering close short whatever its
 * flags; SA_RESTART, for whatever else the tracer is in when the timer rings (fdgrab.c). */
void fdgrab_init(void);

/* Thread `tid` is gone: let go of what fdgrab() kept for it. */
void fdgrab_forget(pid_t tid);

/* Let go of everything fdgrab() kept (before privbind drops root). */
void fdgrab_forget_all(void);

#endif
