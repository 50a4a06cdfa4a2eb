/* mechanism.c - detect what the kernel offers by calling it.
 *
 *   seccomp filter with SECCOMP_RET_TRACE   3.5, but before 4.8 the seccomp stop came before
 *       the syscall-entry stop, which privbind's logging and injection rely on. The probe,
 *       seccomp(SECCOMP_GET_ACTION_AVAIL, RET_TRACE), exists since 4.14: where it fails for any
 *       reason (older kernel, no seccomp, a container forbidding it), privbind stops at every
 *       syscall instead, which is slower but right on any kernel.
 *   pidfd_open + pidfd_getfd                5.3 + 5.6
 *       probe: copy one of privbind's own descriptors through its own pidfd.
 *   PTRACE_GET_SYSCALL_INFO                 5.3
 *       probed by the tracer at its first syscall stop (it needs a stopped tracee). */
#include <errno.h>
#include <linux/seccomp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "compat.h"
#include "mechanism.h"
#include "util.h"

static bool seccomp_available(void)
{
	unsigned action = SECCOMP_RET_TRACE;

	return syscall(SYS_seccomp, SECCOMP_GET_ACTION_AVAIL, 0, &action) == 0;
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

	m->seccomp = seccomp_available();
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
