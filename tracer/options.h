// SPDX-License-Identifier: GPL-2.0-or-later
/* options.h - privbind's command line, as one struct config. */
#ifndef PRIVBIND_OPTIONS_H
#define PRIVBIND_OPTIONS_H

#include <stdbool.h>
#include <sys/types.h>

#include "log.h"
#include "policy.h"

struct config {
	const char *user;       /* -u: name or numeric uid */
	const char *group;      /* -g: name or numeric gid, or NULL */
	long budget;            /* -n: grants left; -1 when unlimited */
	struct policy policy;   /* -p */
	int verbose;            /* -v: 1 logs binds, 2 also fork, exec and exit; 0: no log */
	const char *log_path;   /* --log: the log file; NULL: standard error */
	enum log_format log_format; /* --log-format */
	bool backtrace;         /* -b */
	bool observe;           /* --observe: run as the caller, grant nothing, log */
	pid_t attach;           /* --attach PID: watch that process instead; 0: not given */
	bool summary;           /* -c: a table of the binds on stderr at COMMAND's end */
	char **argv;            /* COMMAND [ARG...] */
};

/* Fill cfg from argv, or exit: 0 after --help/--version, EXIT_SETUP on bad usage. */
void parse_options(int argc, char **argv, struct config *cfg);

#endif
