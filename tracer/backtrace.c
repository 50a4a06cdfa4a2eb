// SPDX-License-Identifier: GPL-2.0-or-later
/* backtrace.c - -b: the stack of a thread stopped at its bind, walked by a helper process.
 *
 * Walking a stack means opening and parsing the files the program has mapped, and the
 * program chooses them: a FIFO where its deleted executable was, a symlink to a file only
 * root may open, a symbol table that makes libunwind spin or read past the file. The root
 * tracer serves every traced process at once, so it does none of that itself. It reads what
 * only it may read while the thread holds still at its stop (the registers; an fd on
 * /proc/TID/mem, which a user's process could not open under Yama or for a non-dumpable
 * program), forks, and waits for frames on a pipe with a deadline. The child
 * (backtrace-unwind.c) becomes the thread's own user and runs libunwind. Whatever the
 * program's files do to it, the tracer loses at most BT_DEADLINE_MS and this bind's stack,
 * or the frames after the ones already sent.
 *
 * The child is never waited for here: a wait could block on a child stuck in the kernel.
 * It is SIGKILLed once read (still unreaped, its pid cannot have been reused), and the event
 * loop's waitpid(-1) reaps it like any exit of a pid that is not a tracee. */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "backtrace-unwind.h"
#include "backtrace.h"

/* A stack of a normal program takes milliseconds; this is what a hostile one costs every
 * traced process, per bind. */
#define BT_DEADLINE_MS 1000

bool backtrace_supported(void)
{
	return true;
}

static long ms_since(const struct timespec *t0)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t0->tv_sec) * 1000L + (now.tv_nsec - t0->tv_nsec) / 1000000L;
}

/* Frames from the helper until its end message, EOF (it died) or the deadline. */
static void collect(int in, struct backtrace *bt)
{
	struct timespec t0;
	struct bt_msg m;
	size_t got = 0;
	long left;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((left = BT_DEADLINE_MS - ms_since(&t0)) > 0) {
		struct pollfd p = { .fd = in, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, (int)left) < 0 && errno != EINTR)
			break;
		n = read(in, (char *)&m + got, sizeof m - got);
		if (n < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (n <= 0)
			break;
		got += (size_t)n;
		if (got < sizeof m)
			continue;
		got = 0;
		if (m.end) {
			bt->truncated = m.truncated;
			return;
		}
		if (bt->n == BT_FRAMES)
			break;
		m.f.function[sizeof m.f.function - 1] = 0;
		m.f.module[sizeof m.f.module - 1] = 0;
		bt->f[bt->n++] = m.f;
	}
	bt->truncated = bt->n > 0;    /* cut short: there was more than what came */
}

struct backtrace *backtrace_capture(pid_t tid)
{
	struct user_regs_struct regs;
	struct iovec iov = { &regs, sizeof regs };
	struct backtrace *bt = NULL;
	char path[64];
	int mem, pipefd[2];
	pid_t child;

	/* Not the native register set: a 32-bit program, which this unwinder cannot walk. */
	if (ptrace(PTRACE_GETREGSET, tid, (void *)NT_PRSTATUS, &iov) < 0 || iov.iov_len != sizeof regs)
		return NULL;
	snprintf(path, sizeof path, "/proc/%d/mem", (int)tid);
	mem = open(path, O_RDONLY | O_CLOEXEC);
	if (mem < 0)
		return NULL;
	if (pipe2(pipefd, O_CLOEXEC | O_NONBLOCK) < 0) {
		close(mem);
		return NULL;
	}
	child = fork();
	if (child == 0) {
		close(pipefd[0]);
		bt_unwind_run(tid, &regs, mem, pipefd[1]);
	}
	close(pipefd[1]);
	close(mem);
	if (child > 0 && (bt = calloc(1, sizeof *bt)) != NULL)
		collect(pipefd[0], bt);
	close(pipefd[0]);
	if (child > 0)
		kill(child, SIGKILL);
	if (bt && bt->n == 0) {
		free(bt);
		bt = NULL;
	}
	return bt;
}

void backtrace_free(struct backtrace *bt)
{
	free(bt);
}
