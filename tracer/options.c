// SPDX-License-Identifier: GPL-2.0-or-later
/* options.c - getopt_long, stopping at the first non-option as privbind 1.x did. */
#include "config.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backtrace.h"
#include "options.h"
#include "number.h"
#include "util.h"

static const char usage_text[] =
	"Usage: privbind -u USER [-g GROUP] [-n NUM] [-p PORTS] [LOG OPTIONS] [--] COMMAND [ARG...]\n"
	"       privbind --observe [-n NUM] [-p PORTS] [LOG OPTIONS] [--] COMMAND [ARG...]\n"
	"       privbind --attach PID [-n NUM] [-p PORTS] [LOG OPTIONS]\n"
	"Run COMMAND as USER, binding the privileged ports it asks for as root.\n"
	"\n"
	"  -u, --user USER     run COMMAND as USER (name or numeric uid; not root)\n"
	"  -g, --group GROUP   primary group (name or gid); default: USER's login group\n"
	"  -n, --num NUM       grant at most NUM privileged binds, then drop root\n"
	"  -p, --ports LIST    grant only these binds: PORT or LO-HI items, comma-separated,\n"
	"                      each optionally ADDR: or [ADDR6]: or [ADDR6%IF]: before and\n"
	"                      /tcp, /udp or /sctp after\n"
	"                      (default: every privileged port, any address, any protocol)\n"
	"      --observe       run COMMAND as yourself, grant nothing, and log what privbind\n"
	"                      would do under -p and -n (needs no root; implies -v)\n"
	"      --attach PID    watch process PID and the children it creates from now on, as\n"
	"                      --observe does, until SIGINT or SIGTERM, or until it ends\n"
	"                      (stops it at every syscall: slower while attached)\n"
	"\n"
	"Log options:\n"
	"  -v, --verbose       log every bind: who, socket, address, decision, reason, result;\n"
	"                      -vv also the fork, exec and exit of every traced process\n"
	"      --log FILE      append the log to FILE instead of stderr (implies -v)\n"
	"      --log-format FMT  text (key=value lines, the default) or json (JSON lines);\n"
	"                      implies -v\n"
	"  -b, --backtrace     log each bind with the program's stack (implies -v)\n"
	"  -c, --summary       when COMMAND ends, a table of its binds on stderr: count per\n"
	"                      address, protocol, decision and result (as strace -c)\n"
	"  -l PATH             ignored (privbind 1.x compatibility)\n"
	"  -h, --help          show this help and exit\n"
	"  -V, --version       show the version and exit\n"
	"\n"
	"Exit status: COMMAND's; 125 if privbind itself fails, 126 if COMMAND cannot be run,\n"
	"127 if COMMAND is not found. See privbind(1).\n";

__attribute__((format(printf, 1, 2), noreturn)) static void usage_error(const char *fmt, ...);

static void usage_error(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	die("%s\nTry 'privbind --help' for more information.", msg);
}

enum { OPT_LOG = 256, OPT_LOG_FORMAT, OPT_OBSERVE, OPT_ATTACH };   /* long options without a letter */

/* The largest -n: a count no service reaches, and one that fits a long everywhere. */
#define BUDGET_MAX 1000000000UL

/* -u, -g and -n name one thing each: a second one is a mistake, not a correction. */
static void once(char opt, const char *before, const char *now)
{
	if (before)
		usage_error("-%c given twice ('%s', then '%s'): give it once", opt, before, now);
}

void parse_options(int argc, char **argv, struct config *cfg)
{
	static const struct option longopts[] = {
		{ "user", required_argument, NULL, 'u' },
		{ "group", required_argument, NULL, 'g' },
		{ "num", required_argument, NULL, 'n' },
		{ "ports", required_argument, NULL, 'p' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "log", required_argument, NULL, OPT_LOG },
		{ "log-format", required_argument, NULL, OPT_LOG_FORMAT },
		{ "backtrace", no_argument, NULL, 'b' },
		{ "summary", no_argument, NULL, 'c' },
		{ "observe", no_argument, NULL, OPT_OBSERVE },
		{ "attach", required_argument, NULL, OPT_ATTACH },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	bool log_format_given = false;
	const char *n_given = NULL, *attach_given = NULL;
	unsigned long num;
	char err[256];
	int c;

	memset(cfg, 0, sizeof *cfg);
	cfg->budget = -1;
	opterr = 0;
	/* '+': stop at the first non-option, so COMMAND's own options stay COMMAND's. */
	while ((c = getopt_long(argc, argv, "+:u:g:n:p:l:vbchV", longopts, NULL)) != -1) {
		switch (c) {
		case 'u':
			once('u', cfg->user, optarg);
			cfg->user = optarg;
			break;
		case 'g':
			once('g', cfg->group, optarg);
			cfg->group = optarg;
			break;
		case 'n':
			once('n', n_given, optarg);
			n_given = optarg;
			if (!parse_ulong(optarg, BUDGET_MAX, &num))
				usage_error("bad -n '%s': give a whole number of binds, 0 to %lu",
					    optarg, (unsigned long)BUDGET_MAX);
			cfg->budget = (long)num;
			break;
		case 'p':
			if (!policy_parse(&cfg->policy, optarg, err, sizeof err))
				usage_error("%s", err);
			break;
		case 'l':
			warn("-l %s ignored: privbind 2 needs no preload library", optarg);
			break;
		case 'v':
			cfg->verbose++;
			break;
		case OPT_LOG:
			cfg->log_path = optarg;
			break;
		case OPT_LOG_FORMAT:
			log_format_given = true;
			if (strcmp(optarg, "text") == 0)
				cfg->log_format = LOG_TEXT;
			else if (strcmp(optarg, "json") == 0)
				cfg->log_format = LOG_JSON;
			else
				usage_error("bad --log-format '%s': give text or json", optarg);
			break;
		case 'b':
			if (!backtrace_supported())
				die("this build has no stack traces (built without libunwind)");
			cfg->backtrace = true;
			break;
		case 'c':
			cfg->summary = true;
			break;
		case OPT_OBSERVE:
			cfg->observe = true;
			break;
		case OPT_ATTACH:
			if (attach_given)
				usage_error("--attach given twice ('%s', then '%s'): give it once",
					    attach_given, optarg);
			attach_given = optarg;
			if (!parse_ulong(optarg, 0x7fffffff, &num) || num == 0)
				usage_error("bad --attach '%s': give a process id", optarg);
			cfg->attach = (pid_t)num;
			break;
		case 'h':
			fputs(usage_text, stdout);
			exit(fflush(stdout) ? EXIT_SETUP : 0);
		case 'V':
			printf("privbind %s\n", PACKAGE_VERSION);
			exit(fflush(stdout) ? EXIT_SETUP : 0);
		case ':':
			usage_error("option '%s' needs an argument", argv[optind - 1]);
		case '?':
		default:
			if (optopt)
				usage_error("unknown option '-%c'", optopt);
			usage_error("unknown option '%s'", argv[optind - 1]);
		}
	}
	if (cfg->attach && (cfg->user || cfg->group))
		usage_error("--attach watches a process as it runs, changing nothing: it takes no -u or -g");
	if (cfg->attach && optind < argc)
		usage_error("--attach watches process %d: it takes no COMMAND ('%s')", (int)cfg->attach,
			    argv[optind]);
	if (cfg->attach)
		cfg->observe = true;     /* what it logs is what --observe logs */
	if (cfg->observe && (cfg->user || cfg->group))
		usage_error("--observe runs COMMAND as you, changing nothing: it takes no -u or -g");
	if (!cfg->user && !cfg->observe)
		usage_error("no -u USER: name the user COMMAND runs as");
	/* Each of these asks for a log. */
	if (!cfg->verbose && (cfg->log_path || log_format_given || cfg->backtrace || cfg->observe))
		cfg->verbose = 1;
	if (cfg->attach)
		return;
	if (optind >= argc)
		usage_error("no COMMAND to run");
	cfg->argv = argv + optind;
}
