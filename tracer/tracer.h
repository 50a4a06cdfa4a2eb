// SPDX-License-Identifier: GPL-2.0-or-later
/* tracer.h - the root process beside the program: waits for stops and answers them. */
#ifndef PRIVBIND_TRACER_H
#define PRIVBIND_TRACER_H

#include "bindcall.h"

/* Does this signal stop a process (and so, for a tracee, mean a group-stop to park)? */
bool is_stop_signal(int sig);

/* Follow every tracee until none is left. Returns when the last one has gone, or, after
 * tracer_ask_detach(), when every tracee has been let go. */
void tracer_loop(struct bindctx *ctx);

/* --attach: keep a task for every tracee (so that all can be let go). Call before the loop. */
void tracer_track_all(void);

/* --attach: let every tracee go and return from tracer_loop. Async-signal-safe: for the
 * handler of SIGINT and SIGTERM. */
void tracer_ask_detach(void);

#endif
