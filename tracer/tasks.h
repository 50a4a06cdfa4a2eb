// SPDX-License-Identifier: GPL-2.0-or-later
/* tasks.h - what the tracer remembers about each traced thread between two stops. */
#ifndef PRIVBIND_TASKS_H
#define PRIVBIND_TASKS_H

#include <stdbool.h>
#include <sys/types.h>

#include "log.h"

struct task {
	pid_t tid;               /* 0: free slot */
	bool in_syscall;         /* PTRACE_SYSCALL mode: between a syscall's entry and exit */
	bool entry_first;        /* before 4.8: its entry stop comes before the awaited exit */
	bool replay;             /* its next bind is one privbind made it repeat: let it run */
	bool set_result;         /* at the coming syscall exit, make the syscall return `result` */
	bool log_pending;        /* at the coming syscall exit, log `log` with the result */
	long result;
	struct bindlog log;
};

/* The task of thread `tid`, made on first use (NULL only when out of memory). */
struct task *task_get(pid_t tid);

/* The task of thread `tid` if there is one. */
struct task *task_find(pid_t tid);

/* Thread `tid` is gone. */
void task_forget(pid_t tid);

/* Call fn for the tid of every task. fn must not add or forget tasks. Safe in a signal
 * handler while the table is not being changed. */
void task_each(void (*fn)(pid_t tid));

#endif
