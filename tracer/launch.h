// SPDX-License-Identifier: GPL-2.0-or-later
/* launch.h - the process arrangement. */
#ifndef PRIVBIND_LAUNCH_H
#define PRIVBIND_LAUNCH_H

#include "identity.h"
#include "mechanism.h"
#include "options.h"

/* Start the tracer beside the calling process and wait until it has attached. Returns in the
 * calling process, which is to become COMMAND; the tracer never returns. `id` is NULL with
 * --observe: COMMAND keeps the caller's identity. */
void launch_tracer(const struct config *cfg, const struct identity *id,
		   const struct mechanism *mech);

/* Become COMMAND: filter, identity (unless `id` is NULL), exec. Never returns. */
__attribute__((noreturn)) void become_command(const struct config *cfg, const struct identity *id,
					     const struct mechanism *mech);

#endif
