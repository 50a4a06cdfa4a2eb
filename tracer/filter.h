/* filter.h - the seccomp filter that makes bind(2) alone stop the program. */
#ifndef PRIVBIND_FILTER_H
#define PRIVBIND_FILTER_H

/* RET_DATA of the filter's TRACE action: what the tracer reads with PTRACE_GETEVENTMSG. */
#define FILTER_DATA_BIND 1

/* Install the filter in the calling process (and so in everything it execs and forks).
 * Call while still privileged: a filter installed with CAP_SYS_ADMIN needs no no_new_privs,
 * so setuid programs COMMAND runs keep working. Dies (EXIT_SETUP) on failure. */
void filter_install(void);

#endif
