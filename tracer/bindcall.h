// SPDX-License-Identifier: GPL-2.0-or-later
/* bindcall.h - one bind stop, start to finish: the hot path. */
#ifndef PRIVBIND_BINDCALL_H
#define PRIVBIND_BINDCALL_H

#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "arch.h"
#include "identity.h"
#include "log.h"
#include "mechanism.h"
#include "policy.h"
#include "tasks.h"

struct bindctx {
	struct mechanism mech;         /* the kernel interfaces in use */
	const struct policy *policy;
	long budget;                   /* grants left; -1: no -n */
	bool dropped;                  /* root given up: nothing more is granted */
	long granted;                  /* binds granted so far */
	bool sandbox_seen;             /* a traced thread made for a sandbox (filter.h): look */
	bool observe;                  /* --observe: grant nothing, log what would be granted */
	bool backtrace;                /* -b: each logged bind with its stack */
	int verbose;                   /* 1: log binds; 2: and fork, exec, exit */
	bool summary;                  /* -c: count binds for the table at COMMAND's end */
	bool ended;                    /* COMMAND's end is logged */
	pid_t command;                 /* COMMAND's pid */
	long child_options;            /* ptrace options for the rest of the tree, when not COMMAND's */
	struct timespec started;       /* CLOCK_MONOTONIC at the start record */
	const struct identity *id;     /* whom to become when the budget is spent */
};

enum resume {
	RESUME_CONT,       /* resume the thread; nothing more to see of this syscall */
	RESUME_EXIT,       /* stop at the syscall's exit: t->set_result or t->log_pending */
	RESUME_GONE,       /* the thread died while privbind worked on it */
};

/* Handle the bind thread t->tid is stopped at (a seccomp stop, or a syscall-entry stop), made
 * through `abi` (BIND_UNKNOWN at a seccomp stop: bindcall finds out). What is left for the syscall's exit
 * goes into *t. */
enum resume bindcall(struct task *t, enum bind_abi abi, struct bindctx *ctx);

/* Binds are looked at for a log or a count (-v, -c): their results are waited for. */
static inline bool bindctx_records(const struct bindctx *ctx)
{
	return ctx->verbose > 0 || ctx->summary;
}

/* Give up root for good (the tracer's own drop, once -n is spent), after a grant by thread
 * `tid` (0: at the start, for -n 0). */
void bindctx_drop(struct bindctx *ctx, pid_t tid);

/* A recorded bind's result is known: `err` is the errno the program got (0: success). Counts
 * it, and logs it with -v (with who holds the address, for EADDRINUSE). */
void bindcall_done(struct bindlog *lg, const struct bindctx *ctx, int err);

#endif
