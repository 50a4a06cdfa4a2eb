// SPDX-License-Identifier: GPL-2.0-or-later
/* strangers.h - once the tracer runs as USER, it lets go of the traced processes that are not
 * USER's own (set-user-ID programs): USER must not be able to kill or stall them through it. */
#ifndef PRIVBIND_STRANGERS_H
#define PRIVBIND_STRANGERS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* Is thread `tid` anyone but uid/gid with no capability? (false when it is gone) */
bool stranger(pid_t tid, uid_t uid, gid_t gid);

/* Interrupt every thread this tracer traces that is a stranger, to let go of it at its next
 * stop (strangers_take). Call as root, just before the tracer drops to uid/gid. Returns how
 * many threads it marked. */
size_t strangers_mark(uid_t uid, gid_t gid);

/* Was thread `tid` marked? (once: the mark is taken off) */
bool strangers_take(pid_t tid);

#endif
