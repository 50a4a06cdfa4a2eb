// SPDX-License-Identifier: GPL-2.0-or-later
/* netns.h - ip_unprivileged_port_start of the network namespace a socket lives in. */
#ifndef PRIVBIND_NETNS_H
#define PRIVBIND_NETNS_H

#include <stdbool.h>
#include <sys/types.h>

/* Remember privbind's own network namespace. Call once, in the tracer, while root. */
void netns_init(void);

/* The first unprivileged port for socket `fd`, given `own`, privbind's own namespace's (the
 * kernel's default, 1024, if another namespace's cannot be read). Needs root for a socket of
 * another namespace. */
unsigned netns_threshold(int fd, unsigned own);

/* The threshold in privbind's own namespace, read now. */
unsigned netns_own_threshold(void);

/* The threshold in the namespace privbind is in now, read at once (1024 if it cannot be
 * read): for a word at start, before netns_init(). */
unsigned netns_threshold_now(void);

/* For the log: the inode of socket `fd`'s network namespace (of thread `tid`'s, when fd is -1
 * or cannot say), or 0 when it is privbind's own (COMMAND's first). */
unsigned long netns_of(int fd, pid_t tid);

/* A socket made in the network namespace with inode `ino` (0: privbind's own), entered
 * through thread `tid`'s /proc/TID/ns/net when that is it; -1 when privbind cannot (it gave
 * up root, or the thread moved on). */
int netns_socket(pid_t tid, unsigned long ino, int domain, int type, int protocol);

/* The same as read at most a millisecond ago (*fresh false), or read now (*fresh true): for
 * a bind that passes on it. A bind that may be granted is judged on a value read now. */
unsigned netns_own_threshold_kept(bool *fresh);

/* Let go of privbind's own namespace (before privbind drops root). */
void netns_close(void);

#endif
