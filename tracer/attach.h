// SPDX-License-Identifier: GPL-2.0-or-later
/* attach.h - --attach PID: watch a running process's binds, grant nothing. */
#ifndef PRIVBIND_ATTACH_H
#define PRIVBIND_ATTACH_H

#include "mechanism.h"
#include "options.h"

/* Trace cfg->attach and the children it creates from then on until a signal asks privbind to
 * let go, or until every traced process has ended; then exit 0. Dies (EXIT_SETUP) when the
 * process cannot be traced. Never returns. */
__attribute__((noreturn)) void attach_run(const struct config *cfg, const struct mechanism *mech);

#endif
