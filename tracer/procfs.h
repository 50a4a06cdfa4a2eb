/* procfs.h - what /proc tells about a traced thread, for the log. */
#ifndef PRIVBIND_PROCFS_H
#define PRIVBIND_PROCFS_H

#include <stddef.h>
#include <sys/types.h>

/* The comm of thread `tid` (NUL-terminated, "" when unknown), as /proc/TID/comm has it. */
void proc_comm(pid_t tid, char *buf, size_t size);

#endif
