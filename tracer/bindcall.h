/* bindcall.h - one bind stop, start to finish: the hot path. */
#ifndef PRIVBIND_BINDCALL_H
#define PRIVBIND_BINDCALL_H

#include <stdbool.h>
#include <sys/types.h>

#include "arch.h"
#include "identity.h"
#include "log.h"
#include "policy.h"

struct bindctx {
	const struct policy *policy;
	long budget;                   /* grants left; -1: no -n */
	bool dropped;                  /* root given up: nothing more is granted */
	bool observe;                  /* --observe: grant nothing, log what would be granted */
	bool backtrace;                /* -b: each logged bind with its stack */
	int verbose;                   /* 1: log binds; 2: and fork, exec, exit */
	const struct identity *id;     /* whom to become when the budget is spent */
};

enum resume {
	RESUME_CONT,       /* resume the tracee; nothing more to see of this bind */
	RESUME_SYSCALL,    /* the program's own syscall runs: stop at its exit to log the result */
};

/* Handle thread `tid`'s bind, made through `abi` (the filter's RET_DATA). For RESUME_SYSCALL,
 * *pending is the log line awaiting a result. */
enum resume bindcall(pid_t tid, enum bind_abi abi, struct bindctx *ctx, struct bindlog *pending);

/* Give up root for good (the tracer's own drop, once -n is spent). */
void bindctx_drop(struct bindctx *ctx);

#endif
