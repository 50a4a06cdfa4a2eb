// SPDX-License-Identifier: GPL-2.0-or-later
/* proclog.h - -vv: the fork, exec and exit of every traced process. */
#ifndef PRIVBIND_PROCLOG_H
#define PRIVBIND_PROCLOG_H

#include <sys/types.h>

/* -vv: start following process `pid` (the first tracee). */
void proclog_attached(pid_t pid);

/* -vv: thread `tid` reported ptrace event `event` (PTRACE_EVENT_FORK, _EXEC, _STOP ...). */
void proclog_event(pid_t tid, int event);

/* -vv: thread `tid` is gone with wait status `status`. */
void proclog_exit(pid_t tid, int status);

#endif
