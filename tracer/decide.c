// SPDX-License-Identifier: GPL-2.0-or-later
/* decide.c - the one decision privbind makes about an inet bind. Pure. */
#include "config.h"

#include "decide.h"

enum verdict decide(const struct bindaddr *a, enum proto proto, const struct policy *p,
		    long budget, unsigned threshold)
{
	/* Port 0 asks the kernel to pick an ephemeral port: never privileged. */
	if (a->port == 0 || a->port >= threshold)
		return V_PASS;
	if (!policy_allows(p, a, proto))
		return V_DENY_PORTS;
	if (budget == 0)
		return V_DENY_NUM;
	return V_GRANT;
}

const char *verdict_name(enum verdict v)
{
	switch (v) {
	case V_PASS:
		return "passed";
	case V_GRANT:
		return "granted";
	case V_DENY_PORTS:
		return "denied:ports";
	case V_DENY_NUM:
		return "denied:num";
	case V_DENY_SANDBOX:
		return "denied:sandbox";
	default:
		return "?";
	}
}

const char *verdict_name_observed(enum verdict v)
{
	switch (v) {
	case V_GRANT:
		return "would-grant";
	case V_DENY_PORTS:
		return "would-deny:ports";
	case V_DENY_NUM:
		return "would-deny:num";
	case V_DENY_SANDBOX:
		return "would-deny:sandbox";
	case V_PASS:
	default:
		return verdict_name(v);
	}
}

enum reason verdict_reason(enum verdict v)
{
	switch (v) {
	case V_GRANT:
		return R_ALLOWED;
	case V_DENY_PORTS:
		return R_NOT_IN_PORTS;
	case V_DENY_NUM:
		return R_BUDGET_SPENT;
	case V_DENY_SANDBOX:
		return R_SANDBOXED;
	case V_PASS:
	default:
		return R_UNPRIVILEGED;
	}
}

const char *reason_name(enum reason r)
{
	switch (r) {
	case R_ALLOWED:
		return "allowed";
	case R_NOT_IN_PORTS:
		return "not-in-ports";
	case R_BUDGET_SPENT:
		return "budget-spent";
	case R_UNPRIVILEGED:
		return "unprivileged-port";
	case R_NOT_INET:
		return "not-inet";
	case R_INVALID:
		return "invalid-address";
	case R_NO_SOCKET:
		return "no-socket";
	case R_SANDBOXED:
		return "sandboxed";
	default:
		return "?";
	}
}
