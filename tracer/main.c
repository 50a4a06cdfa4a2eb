/* privbind - run a command as a user, binding its privileged ports as root.
 *
 * main() reads the command line, resolves who COMMAND runs as (before anything forks: NSS
 * lookups belong in one place, and a typo should fail before a process is started), starts
 * the tracer, and becomes COMMAND. With --observe COMMAND keeps the caller's identity, root or
 * not, and nothing is resolved. */
#include <unistd.h>

#include "identity.h"
#include "launch.h"
#include "options.h"
#include "util.h"

int main(int argc, char **argv)
{
	struct config cfg;
	struct identity id;

	parse_options(argc, argv, &cfg);
	if (cfg.observe) {
		launch_tracer(&cfg, NULL);
		become_command(&cfg, NULL);
	}
	if (geteuid() != 0)
		die("must be run as root: privbind binds ports on COMMAND's behalf and then runs it as -u USER "
		    "(to watch what COMMAND binds without root, use --observe)");
	identity_resolve(cfg.user, cfg.group, &id);
	launch_tracer(&cfg, &id);
	become_command(&cfg, &id);
}
