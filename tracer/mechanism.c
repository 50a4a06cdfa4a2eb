// SPDX-License-Identifier: GPL-2.0-or-later
/* mechanism.c - detect what the kernel offers by calling it.
 *
 *   seccomp filter with SECCOMP_RET_TRACE   3.5 (seccomp(2) itself: 3.17)
 *       seccomp(SECCOMP_GET_ACTION_AVAIL, RET_TRACE) answers at once from 4.14 on. Where it
 *       cannot (older kernels, a container that forbids seccomp), a probe child installs a
 *       filter that traces getppid, and privbind traces the child: a seccomp stop means
 *       RET_TRACE works. The same probe tells the stop order: before 4.8 the seccomp stop
 *       came before the syscall-entry stop, which the tracer must then expect. Any surprise
 *       in the probe means no seccomp: stopping at every syscall is slower but right.
 *   pidfd_open + pidfd_getfd                5.3 + 5.6
 *       probe: copy one of privbind's own descriptors through its own pidfd.
 *   PTRACE_GET_SYSCALL_INFO                 5.3
 *       probed by the tracer at its first syscall stop (it needs a stopped tracee). */
#include "config.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compat.h"
#include "mechanism.h"
#include "util.h"

/* The probe child: trace getppid with RET_TRACE, stop, call it, exit. Raw syscalls only after
 * the stop, so that the tracer can count the syscall stops it sees. */
__attribute__((noreturn))
static void probe_child(void)
{
	struct sock_filter insn[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_getppid, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof insn / sizeof insn[0], .filter = insn };

	/* no_new_privs: installing as anyone, and the child only exits afterwards */
	if (ptrace(PTRACE_TRACEME, 0, 0, 0) < 0 || prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
	    syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		_exit(1);
	kill(getpid(), SIGSTOP);
	syscall(SYS_getppid);
	syscall(SYS_exit_group, 0);
	_exit(0);
}

static int wait_child(pid_t child, int *status)
{
	pid_t r;

	while ((r = waitpid(child, status, __WALL)) < 0 && errno == EINTR)
		;
	return r == child ? 0 : -1;
}

/* After the seccomp stop of getppid, resumed with PTRACE_SYSCALL: 4.8 and later show its exit
 * stop and exit_group's entry stop (2); before 4.8 getppid's entry stop comes first (3). */
static enum seccomp_order probe_seccomp(void)
{
	enum seccomp_order order = SECCOMP_NONE;
	struct sigaction dfl = { .sa_handler = SIG_DFL }, caller;
	int status, stops = 0;
	pid_t child;

	/* A caller's ignored SIGCHLD would reap the child before privbind saw it exit. */
	sigaction(SIGCHLD, &dfl, &caller);
	child = fork();
	if (child < 0)
		goto restore;
	if (child == 0)
		probe_child();
	if (wait_child(child, &status) < 0 || !WIFSTOPPED(status) || WSTOPSIG(status) != SIGSTOP ||
	    ptrace(PTRACE_SETOPTIONS, child, 0,
		   (void *)(long)(PTRACE_O_TRACESECCOMP | PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL)) < 0 ||
	    ptrace(PTRACE_CONT, child, 0, 0) < 0 || wait_child(child, &status) < 0 ||
	    !WIFSTOPPED(status) || status >> 16 != PTRACE_EVENT_SECCOMP)
		goto out;
	for (;;) {
		if (ptrace(PTRACE_SYSCALL, child, 0, 0) < 0 || wait_child(child, &status) < 0)
			goto out;
		if (!WIFSTOPPED(status))
			break;
		if (status >> 16 != 0 || WSTOPSIG(status) != (SIGTRAP | 0x80) || ++stops > 3)
			goto out;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && stops >= 2)
		order = stops == 2 ? SECCOMP_AFTER_ENTRY : SECCOMP_BEFORE_ENTRY;
out:
	kill(child, SIGKILL);
	waitpid(child, &status, __WALL);
restore:
	sigaction(SIGCHLD, &caller, NULL);
	return order;
}

static enum seccomp_order seccomp_available(void)
{
	unsigned action = SECCOMP_RET_TRACE;

	/* 4.14 and later: the kernel says so, and its stop order is the new one */
	if (syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0)
		return SECCOMP_AFTER_ENTRY;
	return probe_seccomp();
}

static bool pidfd_available(void)
{
	int pidfd = (int)syscall(SYS_pidfd_open, getpid(), 0), copy;

	if (pidfd < 0)
		return false;
	copy = (int)syscall(SYS_pidfd_getfd, pidfd, pidfd, 0);
	close(pidfd);
	if (copy < 0)
		return false;
	close(copy);
	return true;
}

void mechanism_detect(struct mechanism *m)
{
	const char *force = getenv("PRIVBIND_FALLBACK");
	char *list, *word, *save;

	m->order = seccomp_available();
	m->seccomp = m->order != SECCOMP_NONE;
	m->pidfd = pidfd_available();
	m->syscall_info = true;
	if (!force || !*force)
		return;
	if (!(list = strdup(force)))
		die("out of memory");
	for (word = strtok_r(list, ",", &save); word; word = strtok_r(NULL, ",", &save)) {
		if (strcmp(word, "no-seccomp") == 0)
			m->seccomp = false;
		else if (strcmp(word, "no-pidfd") == 0)
			m->pidfd = false;
		else if (strcmp(word, "no-syscall-info") == 0)
			m->syscall_info = false;
		else
			die("PRIVBIND_FALLBACK: unknown word '%s' (known: no-seccomp, no-pidfd, no-syscall-info)", word);
	}
	free(list);
}

const char *mechanism_name(const struct mechanism *m)
{
	static char name[64];

	strcpy(name, m->seccomp ? "seccomp" : "ptrace-syscall");
	strcat(name, m->pidfd ? "+pidfd" : "+injection");
	if (!m->seccomp && !m->syscall_info)
		strcat(name, "+registers");
	return name;
}
