// SPDX-License-Identifier: GPL-2.0-or-later
/* privbind - run a command as a user, binding its privileged ports as root.
 *
 * main() reads the command line, resolves who COMMAND runs as (before anything forks: NSS
 * lookups belong in one place, and a typo should fail before a process is started), starts
 * the tracer, and becomes COMMAND. With --observe COMMAND keeps the caller's identity, root or
 * not, and nothing is resolved or required. With --attach privbind traces a running process
 * itself and starts nothing. */
#include "config.h"

#include <net/if.h>
#include <unistd.h>

#include "attach.h"
#include "identity.h"
#include "launch.h"
#include "mechanism.h"
#include "netns.h"
#include "options.h"
#include "number.h"
#include "util.h"

/* -p zones by name are looked up here, in privbind's network namespace: COMMAND's at its
 * start. Then a -p item that asks for what needs no privilege is said to be so, at once:
 * such a bind is the program's own, passed, and never counts against -n. */
static void check_ports(struct config *cfg)
{
	unsigned threshold = netns_threshold_now();
	char err[256];
	size_t i;

	if (!policy_resolve_zones(&cfg->policy, if_nametoindex, err, sizeof err))
		die("%s\nTry 'privbind --help' for more information.", err);
	for (i = 0; i < cfg->policy.n; i++) {
		const struct policy_item *it = &cfg->policy.items[i];
		uint16_t lo, hi;

		if (!policy_item_unprivileged(it, threshold, &lo, &hi))
			continue;
		if (lo == hi)
			warn("warning: -p port %u is at or above net.ipv4.ip_unprivileged_port_start (%u): "
			     "binding it needs no privilege, and never counts against -n", lo, threshold);
		else
			warn("warning: -p ports %u-%u are at or above net.ipv4.ip_unprivileged_port_start (%u): "
			     "binding them needs no privilege, and never counts against -n", lo, hi, threshold);
	}
}

int main(int argc, char **argv)
{
	struct mechanism mech;
	struct config cfg;
	struct identity id;

	parse_options(argc, argv, &cfg);
	check_ports(&cfg);
	if (cfg.attach) {
		mechanism_detect(&mech);
		attach_run(&cfg, &mech);
	}
	if (cfg.observe) {
		mechanism_detect(&mech);
		launch_tracer(&cfg, NULL, &mech);
		become_command(&cfg, NULL, &mech);
	}
	if (geteuid() != 0)
		die("must be run as root: privbind binds ports on COMMAND's behalf and then runs it as -u USER "
		    "(to watch what COMMAND binds without root, use --observe)");
	identity_check_capabilities();
	identity_resolve(cfg.user, cfg.group, &id);
	mechanism_detect(&mech);
	launch_tracer(&cfg, &id, &mech);
	become_command(&cfg, &id, &mech);
}
