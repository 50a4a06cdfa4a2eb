// SPDX-License-Identifier: GPL-2.0-or-later
/* fdgrab.c - pidfd_open(2) (5.3) + pidfd_getfd(2) (5.6).
 *
 * The descriptor is looked up in the table of the very thread that called bind: a thread made
 * without CLONE_FILES has a table of its own. PIDFD_THREAD (6.9) names a thread; older kernels
 * only take a thread-group leader, so for other threads privbind falls back to their process,
 * after checking with kcmp(2) (3.5) that the thread shares its process's table; a thread that
 * does not is told apart (-EXDEV), and bindcall.c has it hand its socket over itself. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "compat.h"
#include "fdgrab.h"
#include "procfs.h"
#include "util.h"

#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif

static int pidfd_open(pid_t pid, unsigned flags)
{
	return (int)syscall(SYS_pidfd_open, pid, flags);
}

/* A pidfd for `tid`; *exact tells whether it names that very thread (so it may be kept for the
 * thread's later binds) or only its process (looked up anew each time: the thread could yet
 * unshare its table). */
static int open_pidfd(pid_t tid, bool *exact)
{
	static bool no_thread_pidfd;
	pid_t tgid;
	int pidfd;

	*exact = true;
	if (!no_thread_pidfd) {
		pidfd = pidfd_open(tid, PIDFD_THREAD);
		if (pidfd >= 0 || errno != EINVAL)
			return pidfd < 0 ? -errno : pidfd;
		no_thread_pidfd = true;
	}
	pidfd = pidfd_open(tid, 0);
	if (pidfd >= 0 || (errno != EINVAL && errno != ENOENT))
		return pidfd < 0 ? -errno : pidfd;
	/* Not a thread-group leader: EINVAL before 6.9, ENOENT on kernels that know threads
	 * (reached here only when PIDFD_THREAD is refused, as tests/075 makes it). */
	*exact = false;
	tgid = tgid_of(tid);
	if (tgid < 0)
		return tgid;
	if (syscall(SYS_kcmp, tgid, tid, KCMP_FILES, 0, 0) != 0)
		return -EXDEV;     /* a table of its own: not one a pidfd reaches here */
	pidfd = pidfd_open(tgid, 0);
	return pidfd < 0 ? -errno : pidfd;
}

/* pidfds kept by thread id: binds come from the same few threads, and pidfd_open + close are
 * two syscalls on the hot path. Direct-mapped, so at most CACHE_SLOTS descriptors. A kept
 * pidfd never names another task: once its thread is gone it answers ESRCH, and is replaced. */
#define CACHE_SLOTS 64

static struct slot {
	pid_t tid;      /* 0: empty */
	int pidfd;
} cache[CACHE_SLOTS];

static void slot_clear(struct slot *s)
{
	if (s->tid)
		close(s->pidfd);
	s->tid = 0;
}

void fdgrab_forget(pid_t tid)
{
	struct slot *s = &cache[(unsigned)tid % CACHE_SLOTS];

	if (s->tid == tid)
		slot_clear(s);
}

void fdgrab_forget_all(void)
{
	size_t i;

	for (i = 0; i < CACHE_SLOTS; i++)
		slot_clear(&cache[i]);
}

static int getfd(int pidfd, int fd)
{
	return (int)syscall(SYS_pidfd_getfd, pidfd, fd, 0);
}

int fdgrab(pid_t tid, int fd)
{
	struct slot *s = &cache[(unsigned)tid % CACHE_SLOTS];
	int pidfd, copy, err;
	bool exact;

	if (s->tid == tid) {
		copy = getfd(s->pidfd, fd);
		if (copy >= 0 || errno != ESRCH)
			return copy < 0 ? -errno : copy;
		slot_clear(s);     /* a thread that has gone: the tid is someone else's now */
	}
	pidfd = open_pidfd(tid, &exact);
	if (pidfd < 0)
		return pidfd;
	copy = getfd(pidfd, fd);
	err = errno;
	if (exact) {
		slot_clear(s);
		s->tid = tid;
		s->pidfd = pidfd;
	} else {
		close(pidfd);
	}
	return copy < 0 ? -err : copy;
}

/* Long enough for any close that does not linger; a lingering one is cut short after it. */
#define CLOSE_DEADLINE_US 200000

static void wake(int sig)
{
	(void)sig;
}

void fdgrab_init(void)
{
	struct sigaction sa = { .sa_handler = wake };

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL) < 0)
		die_errno("cannot set the tracer's SIGALRM handler");
}

void fdgrab_close(int copy)
{
	struct itimerval arm = { .it_value = { .tv_usec = CLOSE_DEADLINE_US } }, off = { 0 };

	setitimer(ITIMER_REAL, &arm, NULL);
	close(copy);
	setitimer(ITIMER_REAL, &off, NULL);
}
