/* decide.h - what privbind does with one inet bind. Pure: no syscalls. */
#ifndef PRIVBIND_DECIDE_H
#define PRIVBIND_DECIDE_H

#include "policy.h"

enum verdict {
	V_PASS,          /* needs no privilege: the program's own syscall runs */
	V_GRANT,         /* privbind binds it as root */
	V_DENY_PORTS,    /* privileged, not in -p: the program's syscall runs and fails */
	V_DENY_NUM,      /* privileged, -n spent: likewise */
};

/* budget: grants left, or -1 for no -n. threshold: ip_unprivileged_port_start of the socket's
 * network namespace. */
enum verdict decide(const struct bindaddr *a, enum proto proto, const struct policy *p,
		    long budget, unsigned threshold);

const char *verdict_name(enum verdict v);

#endif
