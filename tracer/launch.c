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
 * tracee if the tracer dies, so COMMAND never lives on with binds that cannot work. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bindcall.h"
#include "filter.h"
#include "inject.h"
#include "launch.h"
#include "netns.h"
#include "tracer.h"
#include "util.h"

/* With seccomp, binds arrive as seccomp stops; without it, every syscall stops and the exec
 * event tells when a thread took over its leader's tid inside execve. */
#define TRACE_COMMON (PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACECLONE | \
		      PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD)
#define TRACE_SECCOMP (TRACE_COMMON | PTRACE_O_TRACESECCOMP)
#define TRACE_SYSCALLS (TRACE_COMMON | PTRACE_O_TRACEEXEC)

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

__attribute__((noreturn))
static void run_tracer(pid_t target, int ready, const struct config *cfg,
		       const struct identity *id, const struct mechanism *mech)
{
	struct bindctx ctx = {
		.mech = *mech,
		.policy = &cfg->policy,
		.budget = cfg->budget,
		.verbose = cfg->verbose,
		.id = id,
	};
	char ok = 0;

	if (setsid() < 0)
		die_errno("tracer: cannot start a session of its own");
	tracer_signals();
	close_inherited(ready);
	if (chdir("/") < 0)
		die_errno("tracer: cannot chdir to /");
	/* Only root, never the user whose program it traces, may look inside the tracer. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	netns_init();
	if (!mech->pidfd)
		inject_init();
	if (ptrace(PTRACE_SEIZE, target, 0,
		   (void *)(long)(mech->seccomp ? TRACE_SECCOMP : TRACE_SYSCALLS)) < 0)
		die_errno("cannot trace process %d (PTRACE_SEIZE)", (int)target);
	if (!mech->seccomp)
		first_stop(target);
	if (cfg->verbose)
		warn("mechanism=%s", mechanism_name(mech));
	stdio_to_devnull(cfg->verbose > 0);
	if (ctx.budget == 0)
		bindctx_drop(&ctx);
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
	int sync[2];
	char ok;

	if (pipe2(sync, O_CLOEXEC) < 0)
		die_errno("cannot create a pipe");
	child = fork();
	if (child < 0)
		die_errno("cannot fork");
	if (child == 0) {
		close(sync[0]);
		child = fork();
		if (child < 0)
			die_errno("cannot fork the tracer");
		if (child == 0)
			run_tracer(self, sync[1], cfg, id, mech);
		_exit(0);
	}
	close(sync[1]);
	/* ECHILD if the caller left SIGCHLD ignored: then the kernel reaped it already. */
	while (waitpid(child, NULL, 0) < 0 && errno == EINTR)
		;
	if (read(sync[0], &ok, 1) != 1)
		_exit(EXIT_SETUP);     /* the tracer said why on stderr */
	close(sync[0]);
}

void become_command(const struct config *cfg, const struct identity *id,
		    const struct mechanism *mech)
{
	if (mech->seccomp)
		filter_install();
	identity_drop(id);
	execvp(cfg->argv[0], cfg->argv);
	warn_errno("cannot run '%s'", cfg->argv[0]);
	_exit(errno == ENOENT || errno == ENOTDIR ? EXIT_NOT_FOUND : EXIT_CANNOT_RUN);
}
