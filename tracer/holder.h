// SPDX-License-Identifier: GPL-2.0-or-later
/* holder.h - for the log: who holds the address a bind failed to get with EADDRINUSE. */
#ifndef PRIVBIND_HOLDER_H
#define PRIVBIND_HOLDER_H

#include "log.h"

/* Fill l->holder from l's protocol, address and namespace (thread l->tid's), as `ss -p` would
 * find it: the kernel's socket table (sock_diag), then the process with that socket open.
 * Bounded in time and work; never on the path of a bind that is not logged. */
void holder_find(struct bindlog *l);

#endif
