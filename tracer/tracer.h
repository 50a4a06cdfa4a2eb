// SPDX-License-Identifier: GPL-2.0-or-later
/* tracer.h - the root process beside the program: waits for stops and answers them. */
#ifndef PRIVBIND_TRACER_H
#define PRIVBIND_TRACER_H

#include "bindcall.h"

/* Does this signal stop a process (and so, for a tracee, mean a group-stop to park)? */
bool is_stop_signal(int sig);

/* Follow every tracee until none is left. Returns when the last one has gone. */
void tracer_loop(struct bindctx *ctx);

#endif
