// SPDX-License-Identifier: GPL-2.0-or-later
/* procfs.h - what /proc tells about a traced thread. */
#ifndef PRIVBIND_PROCFS_H
#define PRIVBIND_PROCFS_H

#include <stddef.h>
#include <sys/types.h>

/* The comm of thread `tid` (NUL-terminated, "" when unknown), as /proc/TID/comm has it. */
void proc_comm(pid_t tid, char *buf, size_t size);

/* A number field of /proc/TID/status ("Tgid", "Threads"), or -errno. */
long proc_status(pid_t tid, const char *field);

/* The first `n` numbers of a field of /proc/TID/status ("Uid": real, effective, saved, fs),
 * into ids. 0, or -errno. */
int proc_status_ids(pid_t tid, const char *field, unsigned long *ids, int n);

/* The thread group (process) id of thread `tid`, or -errno. */
pid_t tgid_of(pid_t tid);

#endif
