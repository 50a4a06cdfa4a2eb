// SPDX-License-Identifier: GPL-2.0-or-later
/* attach.c - --attach PID: watch the binds of a process that is already running, as
 * `strace -f -p` does, and grant nothing.
 *
 * A seccomp filter cannot be added to another process, so every thread stops at every
 * syscall (PTRACE_SYSCALL), and the children it creates from then on are followed
 * (PTRACE_O_TRACEFORK/VFORK/CLONE). privbind is the tracer itself, in the foreground:
 *
 *   seize every thread of /proc/PID/task (again, until no new one shows up: a thread may
 *   be created meanwhile by one not yet seized), interrupt each once, and resume it with
 *   PTRACE_SYSCALL from that stop (tracer.c)
 *
 * No PTRACE_O_EXITKILL: if privbind is killed, the kernel detaches the tracees and they go
 * on. SIGINT, SIGTERM, SIGHUP and SIGQUIT let every tracee go cleanly (tracer.c detach_all)
 * and privbind exits 0; so it does when the last traced process has ended. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <unistd.h>

#include "attach.h"
#include "bindcall.h"
#include "compat.h"
#include "fdgrab.h"
#include "inject.h"
#include "log.h"
#include "netns.h"
#include "number.h"
#include "procfs.h"
#include "proclog.h"
#include "sandbox.h"
#include "tasks.h"
#include "tracer.h"
#include "util.h"

#define ATTACH_OPTIONS (PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | \
			PTRACE_O_TRACEEXEC | PTRACE_O_TRACESYSGOOD)

static void on_signal(int sig)
{
	(void)sig;
	tracer_ask_detach();
}

static void detach_signals(void)
{
	static const int asks[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
	struct sigaction sa;
	size_t i;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESTART;     /* the loop's waitpid ends by the interrupt it sends */
	sigfillset(&sa.sa_mask);
	for (i = 0; i < sizeof asks / sizeof asks[0]; i++)
		sigaction(asks[i], &sa, NULL);
	signal(SIGPIPE, SIG_IGN);     /* a closed log must not end privbind with tracees held */
}

/* Why a PTRACE_SEIZE of another process fails, in words that say what to do. */
static const char *seize_hint(int err)
{
	if (err == EPERM)
		return geteuid() == 0 ? " (is it traced already, by a debugger or another privbind?)" :
			" (tracing another process needs its uid and, with Yama's ptrace_scope 1, "
			"CAP_SYS_PTRACE or root; see --attach in privbind(1))";
	return "";
}

/* Seize the threads of `pid` not seized yet; the number seized. */
static int seize_threads(pid_t pid, long options, bool first)
{
	char dir[64];
	struct dirent *e;
	int n = 0;
	DIR *d;

	snprintf(dir, sizeof dir, "/proc/%d/task", (int)pid);
	d = opendir(dir);
	if (!d) {
		if (first)
			die_errno("cannot attach to process %d (%s)", (int)pid, dir);
		return 0;                  /* it ended meanwhile: the loop will see its exit */
	}
	while ((e = readdir(d))) {
		unsigned long tid;

		if (!parse_ulong(e->d_name, 0x7fffffff, &tid) || task_find((pid_t)tid))
			continue;
		if (ptrace(PTRACE_SEIZE, (pid_t)tid, 0, (void *)options) < 0) {
			int err = errno;

			if (err == ESRCH)
				continue;          /* that thread ended meanwhile */
			if (first && n == 0)
				die("cannot attach to process %d (PTRACE_SEIZE): %s%s", (int)pid,
				    strerror(err), seize_hint(err));
			warn("cannot attach to thread %lu of process %d: %s", tid, (int)pid, strerror(err));
			continue;
		}
		if (!task_get((pid_t)tid))
			die("out of memory");
		/* One stop, to go on from with PTRACE_SYSCALL. */
		ptrace(PTRACE_INTERRUPT, (pid_t)tid, 0, 0);
		n++;
	}
	closedir(d);
	return n;
}

/* The log's first record: the process watched, as whom it runs (its real ids), under which
 * -p and -n it would be judged; no argv (it is the process's own, in /proc/PID/cmdline). */
static void start_record(const struct config *cfg, const struct mechanism *mech, pid_t pid)
{
	unsigned long ids[4], groups[256];
	gid_t g[256];
	struct startlog s = {
		.mechanism = mechanism_name(mech),
		.tracer = getpid(),
		.pid = pid,
		.policy = &cfg->policy,
		.budget = cfg->budget,
		.threshold = netns_own_threshold(),
		.groups = g,
	};
	int i, n;

	if (proc_status_ids(pid, "Uid", ids, 4) >= 1)
		s.uid = (uid_t)ids[0];
	if (proc_status_ids(pid, "Gid", ids, 4) >= 1)
		s.gid = (gid_t)ids[0];
	n = proc_status_ids(pid, "Groups", groups, 256);
	for (i = 0; i < n; i++)
		g[i] = (gid_t)groups[i];
	s.ngroups = n > 0 ? n : 0;
	log_start(&s);
}

void attach_run(const struct config *cfg, const struct mechanism *mech)
{
	struct bindctx ctx = {
		.mech = *mech,
		.policy = &cfg->policy,
		.budget = cfg->budget,
		.observe = true,
		.backtrace = cfg->backtrace,
		.verbose = cfg->verbose,
	};
	long options = ATTACH_OPTIONS | (cfg->verbose > 1 ? PTRACE_O_TRACEEXIT : 0);
	pid_t pid = cfg->attach;

	ctx.mech.seccomp = false;
	if (pid == getpid())
		die("--attach %d is privbind itself", (int)pid);
	detach_signals();
	if (cfg->verbose)
		log_open(cfg->log_path, cfg->log_format);
	/* Only root, or the user privbind runs as, may look inside the tracer. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	netns_init();
	sandbox_init(false);
	fdgrab_init();
	if (!ctx.mech.pidfd && inject_init() < 0)
		die_errno("cannot make the unix socket programs hand their sockets over by");
	tracer_track_all();
	if (seize_threads(pid, options, true) == 0)
		die("cannot attach to process %d: it has no thread left", (int)pid);
	while (seize_threads(pid, options, false) > 0)
		;
	if (cfg->verbose)
		start_record(cfg, &ctx.mech, pid);
	if (cfg->verbose > 1)
		proclog_attached(pid);
	tracer_loop(&ctx);
	exit(0);
}
