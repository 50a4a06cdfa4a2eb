/* decide.c - the one decision privbind makes about an inet bind. Pure. */
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
	default:
		return "?";
	}
}
