// SPDX-License-Identifier: GPL-2.0-or-later
/* tracer.c - the event loop: next_event() waits and classifies, dispatch() answers.
 *
 * Every tracee was seized (PTRACE_SEIZE, or auto-attached from a seized parent), so group-stops
 * arrive as PTRACE_EVENT_STOP and are parked with PTRACE_LISTEN: the tracee stays stopped for
 * its shell, and SIGCONT resumes it, as without privbind. Signals are re-injected once, as they
 * arrived. ESRCH from any request means the tracee died under us (SIGKILL): not an error.
 *
 * With seccomp, a bind arrives as a seccomp stop and every other syscall runs untouched.
 * Without it, every tracee is resumed with PTRACE_SYSCALL and each syscall stops at its entry
 * and exit; entries are matched against the same list of bind calls the filter would use.
 *
 * --attach (attach.c) keeps a task for every tracee, so that a signal can let them all go:
 * each is interrupted, and detached at whatever stop it reports, a pending signal handed
 * back (a group-stop is kept by the kernel itself, __ptrace_unlink). */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <time.h>
#include <sys/wait.h>

#include "arch.h"
#include "fdgrab.h"
#include "filter.h"
#include "log.h"
#include "procfs.h"
#include "proclog.h"
#include "strangers.h"
#include "summary.h"
#include "tasks.h"
#include "tracer.h"
#include "util.h"

enum event_kind {
	EV_GONE,          /* no tracee left */
	EV_EXITED,        /* a tracee exited or was killed */
	EV_BIND,          /* seccomp stop: a bind */
	EV_SYSCALL,       /* syscall-entry or -exit stop */
	EV_EXEC,          /* PTRACE_EVENT_EXEC (asked for without seccomp) */
	EV_GROUP_STOP,    /* job control stop */
	EV_PTRACE_STOP,   /* fork/clone events, a new tracee's first stop, the re-trap after SIGCONT */
	EV_SIGNAL,        /* signal-delivery stop */
	EV_DETACH,        /* --attach: a signal asked privbind to let every tracee go */
};

struct event {
	enum event_kind kind;
	pid_t tid;
	int sig;
	int status;       /* as waitpid gave it */
};

bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

/* --attach: every tracee has a task; detach_asked is set by a signal handler, which
 * interrupts the tracees when the loop is (about to be) blocked in waitpid, so that the wait
 * ends: checked after `waiting` is set, the flag cannot be missed. */
static bool track_all;
static volatile sig_atomic_t detach_asked, waiting;

static void interrupt(pid_t tid)
{
	ptrace(PTRACE_INTERRUPT, tid, 0, 0);
}

void tracer_track_all(void)
{
	track_all = true;
}

void tracer_ask_detach(void)
{
	int saved = errno;

	detach_asked = 1;
	if (waiting)
		task_each(interrupt);
	errno = saved;
}

static struct event next_event(bool detachable)
{
	struct event ev = { .kind = EV_GONE };
	int status;

	for (;;) {
		waiting = detachable;
		if (detachable && detach_asked) {
			waiting = 0;
			ev.kind = EV_DETACH;
			return ev;
		}
		ev.tid = waitpid(-1, &status, __WALL);
		waiting = 0;
		ev.status = status;
		if (ev.tid >= 0)
			break;
		if (errno == ECHILD)
			return ev;
		if (errno != EINTR)
			die_errno("waitpid");
	}
	if (WIFEXITED(status) || WIFSIGNALED(status)) {
		ev.kind = EV_EXITED;
		return ev;
	}
	ev.sig = WSTOPSIG(status);
	switch ((unsigned)status >> 16) {
	case PTRACE_EVENT_SECCOMP:
		ev.kind = EV_BIND;
		break;
	case PTRACE_EVENT_EXEC:
		ev.kind = EV_EXEC;
		break;
	case PTRACE_EVENT_STOP:
		ev.kind = is_stop_signal(ev.sig) ? EV_GROUP_STOP : EV_PTRACE_STOP;
		break;
	case 0:
		ev.kind = ev.sig == (SIGTRAP | 0x80) ? EV_SYSCALL : EV_SIGNAL;
		break;
	default:
		ev.kind = EV_PTRACE_STOP;
		break;
	}
	return ev;
}

static void resume(enum __ptrace_request req, pid_t tid, int sig)
{
	if (ptrace(req, tid, 0, (void *)(long)sig) < 0 && errno != ESRCH)
		warn_errno("cannot resume thread %d", (int)tid);
}

/* How a tracee goes on when nothing in particular is wanted of it. */
static enum __ptrace_request cont(const struct bindctx *ctx)
{
	return ctx->mech.seccomp ? PTRACE_CONT : PTRACE_SYSCALL;
}

static void forget(pid_t tid)
{
	struct task *t = task_find(tid);

	if (t)
		bindlog_done(&t->log);     /* a backtrace still waiting for its bind's result */
	task_forget(tid);
	fdgrab_forget(tid);
}

/* With seccomp a task only lives from a bind to its exit. */
static void tidy(const struct bindctx *ctx, struct task *t)
{
	if (ctx->mech.seccomp && !t->replay && !t->set_result && !t->log_pending)
		task_forget(t->tid);
}

static void on_bind(struct bindctx *ctx, pid_t tid, enum bind_abi abi)
{
	struct task *t = task_get(tid);
	enum resume r = RESUME_CONT;

	if (!t) {
		resume(cont(ctx), tid, 0);     /* out of memory: the program's own call runs */
		return;
	}
	if (t->replay) {
		t->replay = false;             /* a bind privbind made repeat: it runs as is */
		r = t->log_pending ? RESUME_EXIT : RESUME_CONT;
	} else {
		r = bindcall(t, abi, ctx);
	}
	if (r == RESUME_GONE) {
		forget(tid);
		return;
	}
	if (r == RESUME_EXIT) {
		t->in_syscall = true;
		/* The call was not skipped, so a kernel before 4.8 stops at its entry next. */
		t->entry_first = ctx->mech.seccomp && ctx->mech.order == SECCOMP_BEFORE_ENTRY;
	}
	resume(r == RESUME_EXIT ? PTRACE_SYSCALL : cont(ctx), tid, 0);
	tidy(ctx, t);
}

static void on_syscall_exit(struct bindctx *ctx, struct task *t)
{
	long ret;

	t->in_syscall = false;
	if (t->set_result)
		arch_set_return(t->tid, t->result);
	if (t->log_pending && arch_read_return(t->tid, &ret) == 0)
		bindcall_done(&t->log, ctx, (int)ret < 0 ? -(int)ret : 0);  /* bind's result is an int */
	bindlog_done(&t->log);
	t->set_result = t->log_pending = false;
	resume(cont(ctx), t->tid, 0);
	tidy(ctx, t);
}

/* A syscall stop, as the kernel describes it (PTRACE_GET_SYSCALL_INFO, 5.3): entry or exit,
 * and at entry whether it is a bind. false if the kernel cannot say. */
static bool kernel_says(struct bindctx *ctx, pid_t tid, bool *entry, bool *bind,
			enum bind_abi *abi)
{
	struct __ptrace_syscall_info info;

	if (!ctx->mech.syscall_info)
		return false;
	if (ptrace(PTRACE_GET_SYSCALL_INFO, tid, sizeof info, &info) <= 0) {
		if (errno == EIO || errno == EINVAL)
			ctx->mech.syscall_info = false;     /* older than 5.3 */
		return false;
	}
	if (info.op != PTRACE_SYSCALL_INFO_ENTRY && info.op != PTRACE_SYSCALL_INFO_EXIT)
		return false;
	*entry = info.op == PTRACE_SYSCALL_INFO_ENTRY;
	*bind = *entry && filter_match(info.arch, (long)info.entry.nr, info.entry.args[0], abi);
	return true;
}

/* The same from the registers: the code segment or processor mode tells the ABI. */
static bool registers_say_bind(pid_t tid, enum bind_abi *abi)
{
	struct syscall_stop sc = { .abi = BIND_NATIVE };
	unsigned audit;

	if (arch_read_syscall(tid, &sc) < 0)
		return false;
	audit = arch_audit_of(tid, &sc.regs);
	if (audit != arch_bind_calls[0].audit_arch) {
		sc.abi = BIND_COMPAT;          /* the 32-bit registers hold the arguments */
		arch_fill_args(&sc);
	}
	return filter_match(audit, arch_nr_from_regs(&sc.regs), sc.args[0], abi);
}

static void on_syscall(struct bindctx *ctx, pid_t tid)
{
	struct task *t = task_get(tid);
	enum bind_abi abi = BIND_NATIVE;
	bool entry, bind;

	if (!t) {
		resume(cont(ctx), tid, 0);
		return;
	}
	if (ctx->mech.seccomp) {
		/* Only asked for at a bind's exit (and, before 4.8, at its entry on the way). */
		if (t->in_syscall && t->entry_first) {
			t->entry_first = false;
			resume(PTRACE_SYSCALL, tid, 0);
		} else if (t->in_syscall) {
			on_syscall_exit(ctx, t);
		} else {
			resume(cont(ctx), tid, 0);
		}
		return;
	}
	if (!kernel_says(ctx, tid, &entry, &bind, &abi)) {
		entry = !t->in_syscall;
		bind = entry && registers_say_bind(tid, &abi);
	}
	if (!entry) {
		on_syscall_exit(ctx, t);
		return;
	}
	t->in_syscall = true;
	if (bind)
		on_bind(ctx, tid, abi);
	else
		resume(PTRACE_SYSCALL, tid, 0);
}

/* Let go of thread `tid` at its stop (strangers.c): it goes on untraced. */
static void release(const struct event *ev)
{
	ptrace(PTRACE_DETACH, ev->tid, 0, (void *)(long)(ev->kind == EV_SIGNAL ? ev->sig : 0));
	forget(ev->tid);
}

/* Once the tracer is USER, a thread of another uid (marked at the drop, or one that has just
 * become so: a new tracee, an exec) is let go. */
static bool released(const struct event *ev, const struct bindctx *ctx)
{
	if (!ctx->dropped || ev->kind == EV_EXITED || ev->kind == EV_GONE)
		return false;
	if (!strangers_take(ev->tid) &&
	    !((ev->kind == EV_EXEC || (ev->kind == EV_PTRACE_STOP && ev->status >> 16 == PTRACE_EVENT_STOP)) &&
	      stranger(ev->tid, ctx->id->uid, ctx->id->gid)))
		return false;
	release(ev);
	return true;
}

/* COMMAND has ended (or, !have_status, was let go unseen): the end record and -c's table. */
static void command_ended(struct bindctx *ctx, bool have_status, int status)
{
	struct endlog e = { .pid = ctx->command, .have_status = have_status, .status = status };
	char comm[17] = "";
	struct timespec now;
	char *table;

	if (ctx->ended || !bindctx_records(ctx))
		return;
	ctx->ended = true;
	clock_gettime(CLOCK_MONOTONIC, &now);
	e.runtime.tv_sec = now.tv_sec - ctx->started.tv_sec;
	e.runtime.tv_nsec = now.tv_nsec - ctx->started.tv_nsec;
	if (e.runtime.tv_nsec < 0) {
		e.runtime.tv_sec--;
		e.runtime.tv_nsec += 1000000000L;
	}
	if (ctx->verbose) {
		proc_comm(ctx->command, comm, sizeof comm);   /* "" once reaped */
		e.comm = comm;
		log_end(&e);
	}
	if (ctx->summary) {
		table = summary_table();
		log_table(table);
		free(table);
	}
}

/* COMMAND's exit stop: while it still exists, before its parent can see it gone, if this is
 * its last thread (else at its reaping). */
static void command_exit_stop(struct bindctx *ctx, pid_t tid)
{
	unsigned long status;

	if (proc_status(tid, "Threads") == 1 && ptrace(PTRACE_GETEVENTMSG, tid, 0, &status) == 0)
		command_ended(ctx, true, (int)status);
}

/* A thread that was not the leader exec'd: it now has the leader's tid, inside execve. */
static void on_exec(struct bindctx *ctx, pid_t tid)
{
	unsigned long former;
	struct task *t;

	if (ptrace(PTRACE_GETEVENTMSG, tid, 0, &former) == 0 && (pid_t)former != tid)
		forget((pid_t)former);
	if (ctx->verbose > 1)
		proclog_event(tid, PTRACE_EVENT_EXEC);
	/* A thread that took over COMMAND's pid brings its own options: COMMAND's exit stop back. */
	if (tid == ctx->command && ctx->child_options)
		ptrace(PTRACE_SETOPTIONS, tid, 0, (void *)(ctx->child_options | PTRACE_O_TRACEEXIT));
	if (!ctx->mech.seccomp && (t = task_get(tid))) {
		t->in_syscall = true;
		t->replay = t->set_result = t->log_pending = false;
		bindlog_done(&t->log);
	}
	resume(cont(ctx), tid, 0);
}

/* Let every tracee go, each at its next stop, as it was: a pending signal is handed back,
 * a group-stopped process stays stopped. Returns when none is left. */
static void detach_all(void)
{
	struct event ev;

	task_each(interrupt);
	for (;;) {
		ev = next_event(false);
		if (ev.kind == EV_GONE)
			return;
		if (ev.kind != EV_EXITED)
			ptrace(PTRACE_DETACH, ev.tid, 0,
			       (void *)(long)(ev.kind == EV_SIGNAL ? ev.sig : 0));
		forget(ev.tid);
	}
}

static bool dispatch(const struct event *ev, struct bindctx *ctx)
{
	if (released(ev, ctx))
		return true;
	if (track_all && ev->kind != EV_EXITED && ev->kind != EV_GONE && ev->kind != EV_DETACH)
		task_get(ev->tid);     /* out of memory: it is found at its next event */
	switch (ev->kind) {
	case EV_GONE:
		return false;
	case EV_DETACH:
		detach_all();
		return false;
	case EV_EXITED:
		forget(ev->tid);
		if (ctx->verbose > 1)
			proclog_exit(ev->tid, ev->status);
		if (ev->tid == ctx->command)
			command_ended(ctx, true, ev->status);
		break;
	case EV_BIND:
		on_bind(ctx, ev->tid, BIND_UNKNOWN);
		break;
	case EV_SYSCALL:
		on_syscall(ctx, ev->tid);
		break;
	case EV_EXEC:
		on_exec(ctx, ev->tid);
		break;
	case EV_GROUP_STOP:
		resume(PTRACE_LISTEN, ev->tid, 0);
		break;
	case EV_PTRACE_STOP:
		if (ctx->verbose > 1)
			proclog_event(ev->tid, ev->status >> 16);
		if (ev->status >> 16 == PTRACE_EVENT_EXIT && ev->tid == ctx->command)
			command_exit_stop(ctx, ev->tid);
		/* Only COMMAND's exit is waited for: the rest of the tree exits without a stop. */
		else if (ev->status >> 16 == PTRACE_EVENT_STOP && ctx->child_options && ev->tid != ctx->command)
			ptrace(PTRACE_SETOPTIONS, ev->tid, 0, (void *)ctx->child_options);
		resume(cont(ctx), ev->tid, 0);
		break;
	case EV_SIGNAL:
		resume(cont(ctx), ev->tid, ev->sig);
		break;
	default:
		break;
	}
	return true;
}

void tracer_loop(struct bindctx *ctx)
{
	struct event ev;

	do
		ev = next_event(track_all);
	while (dispatch(&ev, ctx));
	command_ended(ctx, false, 0);
}
