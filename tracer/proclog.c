// SPDX-License-Identifier: GPL-2.0-or-later
/* proclog.c - -vv: fork, exec and exit of traced processes.
 *
 * Threads come and go under the same ptrace events as processes, and by the time a task's
 * exit is reported its /proc entry is gone. So every process (thread-group leader) is noted
 * at its first stop, which always comes before its exit, with its comm; an exit is logged
 * for the noted ones only. A process that ends with its last thread stops at
 * PTRACE_EVENT_EXIT while it still exists, and its exit is logged there: before its parent
 * (the caller of privbind, for COMMAND) can see it gone. One that does not stop there (killed
 * by SIGKILL: since 5.19 no exit stop; or whose other threads were still exiting) is logged
 * when it is reaped, the leader last, a moment after its parent may have seen it gone. The
 * fork line is written at the parent's fork event, which the kernel reports independently of
 * the child's first stop: the child may have run (exec'd, bound) by then. Holding the child
 * back until its parent's event would hang it if the parent were killed before reporting. */
#include "config.h"

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <unistd.h>

#include "fdgrab.h"
#include "log.h"
#include "proclog.h"
#include "procfs.h"

struct proc {
	pid_t pid;
	char comm[17];
};

static struct {
	struct proc *v;
	size_t n, cap;
} procs;

static struct proc *find(pid_t pid)
{
	size_t i;

	for (i = 0; i < procs.n; i++)
		if (procs.v[i].pid == pid)
			return &procs.v[i];
	return NULL;
}

static void note(pid_t pid)
{
	struct proc *p = find(pid);

	if (!p) {
		if (procs.n == procs.cap) {
			size_t cap = procs.cap ? procs.cap * 2 : 16;
			struct proc *v = realloc(procs.v, cap * sizeof *v);

			if (!v)
				return;      /* its exit goes unlogged; the program is not affected */
			procs.v = v;
			procs.cap = cap;
		}
		p = &procs.v[procs.n++];
		p->pid = pid;
	}
	proc_comm(pid, p->comm, sizeof p->comm);
}

void proclog_attached(pid_t pid)
{
	note(pid);
}

static void log_fork(pid_t tid)
{
	unsigned long msg;
	struct proclog e = { .kind = PEV_FORK, .tid = tid };
	char comm[17];

	if (ptrace(PTRACE_GETEVENTMSG, tid, 0, &msg) < 0)
		return;
	e.child = (pid_t)msg;
	/* A clone that made a thread is not a new process. */
	if (tgid_of(e.child) != e.child)
		return;
	e.pid = tgid_of(tid);
	proc_comm(tid, comm, sizeof comm);
	e.comm = comm;
	log_proc(&e);
}

static void log_exec(pid_t tid)
{
	struct proclog e = { .kind = PEV_EXEC, .pid = tid, .tid = tid };
	char path[64], exe[PATH_MAX];
	ssize_t n;

	/* After an exec the thread has its process's id: tid is the pid. */
	note(tid);
	snprintf(path, sizeof path, "/proc/%d/exe", (int)tid);
	n = readlink(path, exe, sizeof exe - 1);
	if (n >= 0) {
		exe[n] = 0;
		e.exe = exe;
	}
	e.comm = find(tid) ? find(tid)->comm : "";
	log_proc(&e);
}


static void log_exit(struct proc *p, int status)
{
	struct proclog e = { .kind = PEV_EXIT, .pid = p->pid, .tid = p->pid, .status = status };

	e.comm = p->comm;
	log_proc(&e);
	*p = procs.v[--procs.n];
}

/* At PTRACE_EVENT_EXIT: a process's last thread is ending, with the wait status as message. */
static void exit_stop(pid_t tid)
{
	struct proc *p = find(tid);
	unsigned long status;

	if (p && proc_status(tid, "Threads") == 1 && ptrace(PTRACE_GETEVENTMSG, tid, 0, &status) == 0)
		log_exit(p, (int)status);
}

void proclog_event(pid_t tid, int event)
{
	switch (event) {
	case PTRACE_EVENT_FORK:
	case PTRACE_EVENT_VFORK:
	case PTRACE_EVENT_CLONE:
		log_fork(tid);
		break;
	case PTRACE_EVENT_EXEC:
		log_exec(tid);
		break;
	case PTRACE_EVENT_EXIT:
		exit_stop(tid);
		break;
	case PTRACE_EVENT_STOP:
		/* A new task's first stop: note it if it leads a process of its own. */
		if (!find(tid) && tgid_of(tid) == tid)
			note(tid);
		break;
	default:
		break;
	}
}

void proclog_exit(pid_t tid, int status)
{
	struct proc *p = find(tid);

	if (p)          /* else a thread, or logged at its exit stop */
		log_exit(p, status);
}
