// SPDX-License-Identifier: GPL-2.0-or-later
/* netns.h - ip_unprivileged_port_start of the network namespace a socket lives in. */
#ifndef PRIVBIND_NETNS_H
#define PRIVBIND_NETNS_H

#include <stdbool.h>

/* Remember privbind's own network namespace. Call once, in the tracer, while root. */
void netns_init(void);

/* The first unprivileged port for socket `fd`, given `own`, privbind's own namespace's (the
 * kernel's default, 1024, if another namespace's cannot be read). Needs root for a socket of
 * another namespace. */
unsigned netns_threshold(int fd, unsigned own);

/* The threshold in privbind's own namespace, read now. */
unsigned netns_own_threshold(void);

/* The same as read at most a millisecond ago (*fresh false), or read now (*fresh true): for
 * a bind that passes on it. A bind that may be granted is judged on a value read now. */
unsigned netns_own_threshold_kept(bool *fresh);

/* Let go of privbind's own namespace (before privbind drops root). */
void netns_close(void);

#endif
