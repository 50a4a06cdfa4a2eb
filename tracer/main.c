// SPDX-License-Identifier: GPL-2.0-or-later
/* privbind - run a command as a user, binding its privileged ports as root.
 *
 * main() reads the command line, resolves who COMMAND runs as (before anything forks: NSS
 * lookups belong in one place, and a typo should fail before a process is started), starts
 * the tracer, and becomes COMMAND. With --observe COMMAND keeps the caller's identity, root or
 * not, and nothing is resolved or required. With --attach privbind traces a running process
 * itself and starts nothing. */
#include "config.h"

#include <unistd.h>

#include "attach.h"
#include "identity.h"
#include "launch.h"
#include "mechanism.h"
#include "options.h"
#include "number.h"
#include "util.h"

int main(int argc, char **argv)
{
	struct mechanism mech;
	struct config cfg;
	struct identity id;

	parse_options(argc, argv, &cfg);
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
