/* tracer.c - the event loop: next_event() waits and classifies, dispatch() answers.
 *
 * Every tracee was seized (PTRACE_SEIZE, or auto-attached from a seized parent), so group-stops
 * arrive as PTRACE_EVENT_STOP and are parked with PTRACE_LISTEN: the tracee stays stopped for
 * its shell, and SIGCONT resumes it, as without privbind. Signals are re-injected once, as they
 * arrived. ESRCH from any request means the tracee died under us (SIGKILL): not an error. */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#include "arch.h"
#include "fdgrab.h"
#include "proclog.h"
#include "tracer.h"
#include "util.h"

enum event_kind {
	EV_GONE,          /* no tracee left */
	EV_EXITED,        /* a tracee exited or was killed */
	EV_BIND,          /* seccomp stop: a bind */
	EV_SYSCALL_EXIT,  /* exit of a bind whose result is to be logged */
	EV_GROUP_STOP,    /* job control stop */
	EV_PTRACE_STOP,   /* fork/clone/exec events, new tracee's first stop */
	EV_SIGNAL,        /* signal-delivery stop */
};

struct event {
	enum event_kind kind;
	pid_t tid;
	int sig;
	int status;       /* as waitpid gave it */
};

/* Binds whose result is logged at syscall exit: at most one per thread, few at a time. */
struct pending {
	struct bindlog *v;
	size_t n, cap;
};

static void pending_put(struct pending *p, const struct bindlog *l)
{
	size_t i;

	for (i = 0; i < p->n && p->v[i].tid != l->tid; i++)
		;
	if (i == p->n) {
		if (p->n == p->cap) {
			size_t cap = p->cap ? p->cap * 2 : 8;
			struct bindlog *v = realloc(p->v, cap * sizeof *v);

			if (!v) {
				bindlog_done(&(struct bindlog){ .bt = l->bt });
				return;    /* the line is lost, the program is not */
			}
			p->v = v;
			p->cap = cap;
		}
		p->n++;
	} else {
		bindlog_done(&p->v[i]);
	}
	p->v[i] = *l;
}

/* Remove tid's entry; move it to *out if asked, else let go of it. */
static bool pending_take(struct pending *p, pid_t tid, struct bindlog *out)
{
	size_t i;

	for (i = 0; i < p->n; i++) {
		if (p->v[i].tid == tid) {
			if (out)
				*out = p->v[i];
			else
				bindlog_done(&p->v[i]);
			p->v[i] = p->v[--p->n];
			return true;
		}
	}
	return false;
}

static bool is_stop_signal(int sig)
{
	return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}

static struct event next_event(void)
{
	struct event ev = { .kind = EV_GONE };
	int status;

	for (;;) {
		ev.tid = waitpid(-1, &status, __WALL);
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
	case PTRACE_EVENT_STOP:
		ev.kind = is_stop_signal(ev.sig) ? EV_GROUP_STOP : EV_PTRACE_STOP;
		break;
	case 0:
		ev.kind = ev.sig == (SIGTRAP | 0x80) ? EV_SYSCALL_EXIT : EV_SIGNAL;
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

static bool dispatch(const struct event *ev, struct bindctx *ctx, struct pending *pend)
{
	struct bindlog lg;
	unsigned long abi;
	long ret;

	switch (ev->kind) {
	case EV_GONE:
		return false;
	case EV_EXITED:
		pending_take(pend, ev->tid, NULL);
		fdgrab_forget(ev->tid);
		if (ctx->verbose > 1)
			proclog_exit(ev->tid, ev->status);
		break;
	case EV_BIND:
		if (ptrace(PTRACE_GETEVENTMSG, ev->tid, 0, &abi) < 0) {
			resume(PTRACE_CONT, ev->tid, 0);
			break;
		}
		if (bindcall(ev->tid, (enum bind_abi)abi, ctx, &lg) == RESUME_SYSCALL) {
			pending_put(pend, &lg);
			resume(PTRACE_SYSCALL, ev->tid, 0);
		} else {
			resume(PTRACE_CONT, ev->tid, 0);
		}
		break;
	case EV_SYSCALL_EXIT:
		if (pending_take(pend, ev->tid, &lg)) {
			if (arch_read_return(ev->tid, &ret) == 0)
				log_bind(&lg, (int)ret < 0 ? -(int)ret : 0);  /* bind's result is an int */
			bindlog_done(&lg);
		}
		resume(PTRACE_CONT, ev->tid, 0);
		break;
	case EV_GROUP_STOP:
		resume(PTRACE_LISTEN, ev->tid, 0);
		break;
	case EV_PTRACE_STOP:
		if (ctx->verbose > 1)
			proclog_event(ev->tid, ev->status >> 16);
		resume(PTRACE_CONT, ev->tid, 0);
		break;
	case EV_SIGNAL:
		resume(PTRACE_CONT, ev->tid, ev->sig);
		break;
	default:
		break;
	}
	return true;
}

void tracer_loop(struct bindctx *ctx)
{
	struct pending pend = { 0 };
	struct event ev;

	do
		ev = next_event();
	while (dispatch(&ev, ctx, &pend));
	free(pend.v);
}
