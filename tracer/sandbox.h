// SPDX-License-Identifier: GPL-2.0-or-later
/* sandbox.h - has a traced thread shut itself in since privbind started it? */
#ifndef PRIVBIND_SANDBOX_H
#define PRIVBIND_SANDBOX_H

#include <stdbool.h>
#include <sys/types.h>

/* Note what COMMAND starts with (privbind's user namespace; whether COMMAND gets
 * no_new_privs from privbind's caller or from filter.c). Call once, in the tracer, as root. */
void sandbox_init(bool seccomp);

/* Thread `tid` is in a sandbox privbind cannot see into: it set no_new_privs itself (which
 * Landlock and a filter of its own need, without capabilities), or it lives in another user
 * namespace. Also true when /proc cannot tell: then nothing is granted. */
bool sandboxed(pid_t tid);

#endif
