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
#include <time.h>
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

/* The close of a copy is bounded by an alarm. The copy may be the socket's last reference (the
 * program closed its own meanwhile), and a socket that lingers (SO_LINGER, unsent data) then
 * waits in close for its peer; a pending signal ends that wait (sk_stream_wait_close). Arming
 * and disarming the alarm around each close would cost every grant two setitimer calls, so
 * it is armed for CLOSE_DEADLINE_US and left to run: a close made while at least
 * CLOSE_LEFT_US of it remains costs no syscall, any other arms it again. No close waits more
 * than CLOSE_DEADLINE_US. Left running, it rings once after the last close, anywhere in the
 * tracer: SA_RESTART restarts what it was in (waitpid, a log write), and the waits with
 * deadlines of their own (inject.c's sigtimedwait, backtrace.c's poll) take EINTR already. */
#define CLOSE_DEADLINE_US 200000
#define CLOSE_LEFT_US 100000

static long long alarm_at;      /* CLOCK_MONOTONIC, in µs: when the alarm rings; 0: never armed */

static void wake(int sig)
{
	(void)sig;
}

void fdgrab_init(void)
{
	struct sigaction sa = { .sa_handler = wake, .sa_flags = SA_RESTART };

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGALRM, &sa, NULL) < 0)
		die_errno("cannot set the tracer's SIGALRM handler");
}

/* CLOCK_MONOTONIC (ITIMER_REAL's clock) is read through the vDSO: no syscall. */
static long long now_us(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000LL + t.tv_nsec / 1000;
}

void fdgrab_close(int copy)
{
	struct itimerval arm = { .it_value = { .tv_usec = CLOSE_DEADLINE_US } };
	long long now = now_us();

	if (alarm_at - now < CLOSE_LEFT_US && setitimer(ITIMER_REAL, &arm, NULL) == 0)
		alarm_at = now + CLOSE_DEADLINE_US;
	close(copy);
}
