// SPDX-License-Identifier: GPL-2.0-or-later
/* Unit tests of the decision. */
#include "config.h"

#include <arpa/inet.h>
#include <string.h>
#include <sys/socket.h>

#include "decide.h"
#include "tap.h"

int main(void)
{
	struct policy all = { 0 }, only80 = { 0 };
	struct bindaddr a = { .family = AF_INET, .port = 80 };
	char err[64];

	policy_parse(&only80, "80", err, sizeof err);
	ok(decide(&a, PROTO_TCP, &all, -1, 1024) == V_GRANT, "privileged, allowed, no -n: grant");
	ok(decide(&a, PROTO_TCP, &all, 1, 1024) == V_GRANT, "budget left: grant");
	ok(decide(&a, PROTO_TCP, &all, 0, 1024) == V_DENY_NUM, "budget spent: deny");
	ok(decide(&a, PROTO_TCP, &all, -1, 80) == V_PASS, "port == threshold needs no privilege");
	ok(decide(&a, PROTO_TCP, &all, -1, 81) == V_GRANT, "port below threshold is privileged");
	a.port = 81;
	ok(decide(&a, PROTO_TCP, &only80, -1, 1024) == V_DENY_PORTS, "not in -p: deny");
	ok(decide(&a, PROTO_TCP, &only80, 0, 1024) == V_DENY_PORTS, "-p is judged before -n");
	a.port = 8080;
	ok(decide(&a, PROTO_TCP, &only80, 0, 1024) == V_PASS, "unprivileged passes whatever -p and -n say");
	a.port = 0;
	ok(decide(&a, PROTO_TCP, &only80, 0, 1024) == V_PASS, "port 0 never needs privilege");
	ok(decide(&a, PROTO_TCP, &all, -1, 0) == V_PASS, "threshold 0: nothing is privileged");
	ok(decide(&(struct bindaddr){ .family = AF_INET, .port = 65535 }, PROTO_TCP, &all, -1, 65536) == V_GRANT,
	   "threshold 65536: everything is privileged");
	ok(strcmp(verdict_name(V_GRANT), "granted") == 0 && strcmp(verdict_name_observed(V_GRANT), "would-grant") == 0,
	   "--observe names a grant would-grant");
	ok(strcmp(verdict_name_observed(V_DENY_PORTS), "would-deny:ports") == 0 &&
	   strcmp(verdict_name_observed(V_DENY_NUM), "would-deny:num") == 0, "and denials would-deny:...");
	ok(strcmp(verdict_name_observed(V_PASS), "passed") == 0, "a pass is a pass in either mode");
	ok(verdict_reason(V_DENY_PORTS) == R_NOT_IN_PORTS && verdict_reason(V_DENY_NUM) == R_BUDGET_SPENT &&
	   verdict_reason(V_GRANT) == R_ALLOWED && verdict_reason(V_PASS) == R_UNPRIVILEGED, "each verdict's reason");
	ok(strcmp(reason_name(R_UNPRIVILEGED), "unprivileged-port") == 0 && strcmp(reason_name(R_NO_SOCKET), "no-socket") == 0,
	   "reason names");
	ok(strcmp(verdict_name(V_DENY_SANDBOX), "denied:sandbox") == 0 &&
	   strcmp(verdict_name_observed(V_DENY_SANDBOX), "would-deny:sandbox") == 0 &&
	   verdict_reason(V_DENY_SANDBOX) == R_SANDBOXED && strcmp(reason_name(R_SANDBOXED), "sandboxed") == 0,
	   "a sandboxed thread's denial");
	policy_free(&only80);
	return tap_done();
}
