// SPDX-License-Identifier: GPL-2.0-or-later
/* launch.c - who becomes what.
 *
 * The process the caller started becomes COMMAND (same pid), as in privbind 1.x: its exit
 * status, signals, job control, tty and the pid a supervisor watches are COMMAND's own, with
 * nothing to forward. The tracer is a grandchild that leaves the session and is reparented
 * away, so it is nobody's child to wait for and no terminal signal reaches it:
 *
 *   privbind (root) --fork--> child --fork--> tracer: setsid, PTRACE_SEIZE(privbind), "ready"
 *        |                      exits
 *        +-- reads "ready" -> seccomp filter (as root) -> drop to USER -> exec COMMAND
 *
 * The filter goes in before the drop: as root it needs no no_new_privs, so setuid programs
 * that COMMAND runs still work. The tracer attaches before the filter exists, so no bind can
 * ever stop without a tracer (which would fail it with ENOSYS). PTRACE_O_EXITKILL ends every
 * tracee if the tracer dies, so COMMAND never lives on with binds that cannot work.
 *
 * --observe changes the arrangement in two places only: COMMAND keeps the caller's identity
 * (root or not), and a tracer that is not root must be let in by COMMAND first (Yama). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bindcall.h"
#include "compat.h"
#include "fdgrab.h"
#include "filter.h"
#include "inject.h"
#include "launch.h"
#include "log.h"
#include "netns.h"
#include "proclog.h"
#include "sandbox.h"
#include "tracer.h"
#include "number.h"
#include "util.h"

/* With seccomp, binds arrive as seccomp stops; without it, every syscall stops and the exec
 * event tells when a thread took over its leader's tid inside execve. */
#define TRACE_COMMON (PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | \
		      PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD)
/* With seccomp, exec events only where -n may drop root: after the drop, an exec of a
 * set-user-ID program is a process to let go (strangers.c). Options are set at the attach and
 * inherited, never changed on running tracees, so that is decided at the start. Each exec
 * event is one stop (COMMAND's own exec among them, on every start-up). Without them, a
 * thread that execs in another's stead drops its old tid silently; the tracer holds nothing
 * for a thread between binds but the pidfd fdgrab.c keeps, which then answers ESRCH and is
 * replaced. */
#define TRACE_SECCOMP (TRACE_COMMON | PTRACE_O_TRACESECCOMP)
#define TRACE_DROP PTRACE_O_TRACEEXEC
#define TRACE_SYSCALLS (TRACE_COMMON | PTRACE_O_TRACEEXEC)
/* -vv only: these stops cost every exec and every thread's exit a round trip to the tracer. */
#define TRACE_VV (PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT)

/* Close every inherited descriptor but `keep`: the tracer outlives the caller's interest in
 * them (a pipe held open would hang `$(privbind ...)`). */
static void close_inherited(int keep)
{
	DIR *d;
	struct dirent *e;

	if ((keep <= 3 || syscall(SYS_close_range, 3U, (unsigned)keep - 1, 0U) == 0) &&
	    syscall(SYS_close_range, (unsigned)keep + 1, ~0U, 0U) == 0)
		return;
	/* Before close_range (5.9): what /proc lists. */
	d = opendir("/proc/self/fd");
	if (!d)
		die_errno("cannot list the tracer's descriptors (/proc/self/fd)");
	while ((e = readdir(d))) {
		unsigned long fd;

		if (parse_ulong(e->d_name, 0x7fffffff, &fd) && fd > 2 && (int)fd != keep &&
		    (int)fd != dirfd(d))
			close((int)fd);
	}
	closedir(d);
}

/* The tracer is nobody's to stop or end but by SIGKILL: a service manager signalling a whole
 * control group (systemd's default) must reach COMMAND alone, which then shuts down as usual
 * and the tracer leaves after it. Dying here would SIGKILL COMMAND through EXITKILL. A closed
 * -v destination (SIGPIPE) must not end it either. privbind installs no handler, so every
 * other signal is at its default or ignored as the caller left it: either is fine. */
static void tracer_signals(void)
{
	static const int ignored[] = { SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE,
				       SIGTSTP, SIGTTIN, SIGTTOU };
	sigset_t none;
	size_t i;

	for (i = 0; i < sizeof ignored / sizeof ignored[0]; i++)
		signal(ignored[i], SIG_IGN);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

static void stdio_to_devnull(bool keep_stderr)
{
	int fd = open("/dev/null", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		die_errno("cannot open /dev/null");
	if (dup2(fd, STDIN_FILENO) < 0 || dup2(fd, STDOUT_FILENO) < 0 ||
	    (!keep_stderr && dup2(fd, STDERR_FILENO) < 0))
		die_errno("cannot redirect the tracer's stdio to /dev/null");
	if (fd > STDERR_FILENO)
		close(fd);
}

/* Yama's ptrace_scope 1 (Ubuntu's default, for one) lets a process without CAP_SYS_PTRACE
 * trace only its descendants, and the tracer is COMMAND's grandchild: COMMAND names it with
 * PR_SET_PTRACER (3.4) before it attaches. The tracer tells its pid over `ready` and waits on
 * `go`. Once attached it needs nothing more: Yama excepts a task's current tracer from its
 * check, which process_vm_readv and pidfd_getfd make too, for COMMAND and the children the
 * tracer follows. Without Yama, PR_SET_PTRACER fails with EINVAL and is not needed. */
static bool need_ptracer(const struct config *cfg)
{
	return cfg->observe && geteuid() != 0;
}

static void ptracer_ask(int ready, int go)
{
	pid_t self = getpid();
	char c;

	if (write(ready, &self, sizeof self) != sizeof self || read(go, &c, 1) != 1)
		_exit(EXIT_SETUP);     /* privbind is gone, or said why */
	close(go);
}

static void ptracer_allow(int ready, int go)
{
	pid_t tracer;

	if (read(ready, &tracer, sizeof tracer) != sizeof tracer)
		_exit(EXIT_SETUP);     /* the tracer said why on stderr */
	if (prctl(PR_SET_PTRACER, tracer, 0, 0, 0) < 0 && errno != EINVAL)
		die_errno("cannot let the tracer (pid %d) attach (PR_SET_PTRACER)", (int)tracer);
	if (write(go, "", 1) != 1)
		die_errno("cannot tell the tracer to attach");
	close(go);
}

/* Without seccomp the tracer must hold the program at a stop once, to resume it with
 * PTRACE_SYSCALL: interrupt it (it is waiting for "ready"; its read is restarted). */
static void first_stop(pid_t target)
{
	int status;

	if (ptrace(PTRACE_INTERRUPT, target, 0, 0) < 0)
		die_errno("cannot interrupt process %d (PTRACE_INTERRUPT)", (int)target);
	for (;;) {
		if (waitpid(target, &status, __WALL) < 0) {
			if (errno == EINTR)
				continue;
			die_errno("waitpid");
		}
		if (!WIFSTOPPED(status))
			_exit(EXIT_SETUP);
		if (status >> 16 == PTRACE_EVENT_STOP)
			return;
		/* A signal came first: deliver it; the interrupt is still on its way. */
		ptrace(PTRACE_CONT, target, 0, (void *)(long)WSTOPSIG(status));
	}
}

/* The log's first record: what runs, as whom, under which -p and -n. */
static void start_record(const struct config *cfg, const struct identity *id,
			 const struct mechanism *mech, pid_t target)
{
	struct startlog s = {
		.mechanism = mechanism_name(mech),
		.tracer = getpid(),
		.pid = target,
		.argv = cfg->argv,
		.policy = &cfg->policy,
		.budget = cfg->budget,
		.threshold = netns_own_threshold(),
	};
	gid_t groups[256];
	int n;

	if (id) {
		s.user = id->name;
		s.uid = id->uid;
		s.gid = id->gid;
		s.groups = id->groups;
		s.ngroups = id->ngroups;
	} else {
		/* --observe: COMMAND runs as the caller, as the tracer does */
		s.uid = getuid();
		s.gid = getgid();
		n = getgroups(sizeof groups / sizeof groups[0], groups);
		s.groups = groups;
		s.ngroups = n > 0 ? n : 0;
	}
	log_start(&s);
}

__attribute__((noreturn))
static void run_tracer(pid_t target, int ready, int go, const struct config *cfg,
		       const struct identity *id, const struct mechanism *mech)
{
	struct bindctx ctx = {
		.mech = *mech,
		.policy = &cfg->policy,
		.budget = cfg->budget,
		.observe = cfg->observe,
		.backtrace = cfg->backtrace,
		.verbose = cfg->verbose,
		.summary = cfg->summary,
		.command = target,
		.id = id,
	};
	int err;
	long base = (mech->seccomp ? TRACE_SECCOMP : TRACE_SYSCALLS) |
		    (cfg->budget >= 0 && !cfg->observe ? TRACE_DROP : 0);
	long options = base | (cfg->verbose > 1 ? TRACE_VV : 0);
	bool log_stderr = (cfg->verbose > 0 && !cfg->log_path) || cfg->summary;
	char ok = 0;

	if (setsid() < 0)
		die_errno("tracer: cannot start a session of its own");
	tracer_signals();
	if (go >= 0)
		ptracer_ask(ready, go);
	close_inherited(ready);
	/* Before the chdir: a relative --log FILE is the caller's. */
	if (cfg->verbose)
		log_open(cfg->log_path, cfg->log_format);
	if (cfg->summary)
		log_table_open();
	/* The end record and -c's table come at COMMAND's exit stop, before its parent sees it
	 * gone; the rest of the tree loses the stop again at its first (tracer.c). */
	if (bindctx_records(&ctx)) {
		options |= PTRACE_O_TRACEEXIT;
		if (cfg->verbose < 2)
			ctx.child_options = base;
	}
	if (chdir("/") < 0)
		die_errno("tracer: cannot chdir to /");
	/* Only root, never the user whose program it traces, may look inside the tracer. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	netns_init();
	sandbox_init(mech->seccomp);
	fdgrab_init();
	if (!mech->pidfd && (err = inject_init()) < 0) {
		errno = -err;
		die_errno("tracer: cannot make the unix socket programs hand their sockets over by");
	}
	if (ptrace(PTRACE_SEIZE, target, 0, (void *)options) < 0)
		die_errno("cannot trace process %d (PTRACE_SEIZE)", (int)target);
	if (!mech->seccomp)
		first_stop(target);
	clock_gettime(CLOCK_MONOTONIC, &ctx.started);
	if (cfg->verbose)
		start_record(cfg, id, mech, target);
	if (cfg->verbose > 1)
		proclog_attached(target);
	stdio_to_devnull(log_stderr);
	if (ctx.budget == 0 && !ctx.observe)
		bindctx_drop(&ctx, 0);
	if (write(ready, &ok, 1) != 1)
		_exit(EXIT_SETUP);     /* privbind is gone: EXITKILL has it */
	close(ready);
	if (!mech->seccomp && ptrace(PTRACE_SYSCALL, target, 0, 0) < 0)
		_exit(EXIT_SETUP);
	tracer_loop(&ctx);
	_exit(0);
}

void launch_tracer(const struct config *cfg, const struct identity *id,
		   const struct mechanism *mech)
{
	pid_t self = getpid(), child;
	int sync[2], go[2] = { -1, -1 };
	char ok;

	if (pipe2(sync, O_CLOEXEC) < 0 || (need_ptracer(cfg) && pipe2(go, O_CLOEXEC) < 0))
		die_errno("cannot create a pipe");
	child = fork();
	if (child < 0)
		die_errno("cannot fork");
	if (child == 0) {
		close(sync[0]);
		if (go[1] >= 0)
			close(go[1]);
		child = fork();
		if (child < 0)
			die_errno("cannot fork the tracer");
		if (child == 0)
			run_tracer(self, sync[1], go[0], cfg, id, mech);
		_exit(0);
	}
	close(sync[1]);
	if (go[0] >= 0) {
		close(go[0]);
		ptracer_allow(sync[0], go[1]);
	}
	/* ECHILD if the caller left SIGCHLD ignored: then the kernel reaped it already. */
	while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
		;
	if (read(sync[0], &ok, 1) != 1)
		_exit(EXIT_SETUP);     /* the tracer said why on stderr */
	close(sync[0]);
}

/* Is there a file `name` in a directory of PATH, as USER sees them? execvp says EACCES when
 * any directory of PATH was unsearchable, even if `name` is nowhere: that is "not found" (127),
 * as env(1) and setpriv(1) say, not "cannot run" (126). */
static bool in_path(const char *name)
{
	const char *path = getenv("PATH"), *p, *end;
	char file[4096];
	struct stat st;

	if (!path)
		path = "/bin:/usr/bin";     /* execvp's default, confstr(_CS_PATH) */
	for (p = path; ; p = end + 1) {
		int dirlen;

		end = strchr(p, ':');
		dirlen = end ? (int)(end - p) : (int)strlen(p);
		if (snprintf(file, sizeof file, "%.*s%s%s", dirlen, p, dirlen ? "/" : "", name) <
		    (int)sizeof file && stat(file, &st) == 0 && !S_ISDIR(st.st_mode))
			return true;
		if (!end)
			return false;
	}
}

void become_command(const struct config *cfg, const struct identity *id,
		    const struct mechanism *mech)
{
	/* Without root (--observe), filter_install() sets no_new_privs, and says so. */
	if (mech->seccomp)
		filter_install();
	if (id)
		identity_drop(id);
	execvp(cfg->argv[0], cfg->argv);
	if (!strchr(cfg->argv[0], '/') && (errno == ENOENT || errno == ENOTDIR ||
					    (errno == EACCES && !in_path(cfg->argv[0])))) {
		warn("%s: not found in PATH", cfg->argv[0]);
		_exit(EXIT_NOT_FOUND);
	}
	warn_errno("cannot run '%s'", cfg->argv[0]);
	_exit(errno == ENOENT || errno == ENOTDIR ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN);
}
