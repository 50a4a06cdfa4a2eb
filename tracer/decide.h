// SPDX-License-Identifier: GPL-2.0-or-later
/* decide.h - what privbind does with one inet bind. Pure: no syscalls. */
#ifndef PRIVBIND_DECIDE_H
#define PRIVBIND_DECIDE_H

#include "policy.h"

enum verdict {
	V_PASS,          /* needs no privilege: the program's own syscall runs */
	V_GRANT,         /* privbind binds it as root */
	V_DENY_PORTS,    /* privileged, not in -p: the program's syscall runs and fails */
	V_DENY_NUM,      /* privileged, -n spent: likewise */
	V_DENY_SANDBOX,  /* privileged, allowed, but the thread sandboxed itself: likewise */
};

/* budget: grants left, or -1 for no -n. threshold: ip_unprivileged_port_start of the socket's
 * network namespace. */
enum verdict decide(const struct bindaddr *a, enum proto proto, const struct policy *p,
		    long budget, unsigned threshold);

const char *verdict_name(enum verdict v);

/* The name --observe logs: what privbind would have done ("would-grant", "would-deny:ports",
 * "would-deny:num"); a pass is "passed" in either mode, as the program's own call runs. */
const char *verdict_name_observed(enum verdict v);

/* Why, for the log. */
enum reason {
	R_ALLOWED,           /* privileged; -p allows it and the budget is not spent */
	R_NOT_IN_PORTS,      /* privileged; -p does not allow it */
	R_BUDGET_SPENT,      /* privileged; -n is spent */
	R_UNPRIVILEGED,      /* port 0, or at or above the threshold */
	R_NOT_INET,          /* not an AF_INET/AF_INET6 stream, datagram or seqpacket bind */
	R_INVALID,           /* bytes the kernel refuses whoever asks (length, family) */
	R_NO_SOCKET,         /* no socket privbind can reach at that descriptor */
	R_SANDBOXED,         /* the thread set no_new_privs or entered another user namespace */
};

/* The reason behind a verdict of decide(). */
enum reason verdict_reason(enum verdict v);

/* "allowed", "not-in-ports", "budget-spent", "unprivileged-port", "not-inet",
 * "invalid-address", "no-socket", "sandboxed". */
const char *reason_name(enum reason r);

#endif
