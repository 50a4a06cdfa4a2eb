// SPDX-License-Identifier: GPL-2.0-or-later
/* inject.c - before pidfd_getfd (5.6), the program hands over its socket itself.
 *
 * Stopped at its bind, the thread is made to run three syscalls of privbind's choosing, in its
 * own context, one after the other, by stepping it back onto its syscall instruction:
 *
 *	socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0)                  -> s
 *	sendmsg(s, {to privbind's socket; SCM_RIGHTS: fd}, MSG_DONTWAIT | MSG_NOSIGNAL)
 *	close(s)
 *
 * It needs no descriptor of the program's but `fd` (daemons that closed everything are fine).
 * The message is built on the thread's stack, below its red zone, after saving the bytes
 * there; they are put back before the thread runs a single instruction of its own. Its
 * signals are blocked meanwhile (PTRACE_SETSIGMASK, 3.11), so no handler can run in between
 * and pending signals stay pending; its registers and mask are put back last (inject_end).
 *
 * The copy arrives on privbind's own socket, bound to an abstract name the kernel picks.
 * Anyone in the network namespace can send there, so a copy is taken only if the kernel
 * vouches for it twice: SCM_CREDENTIALS names the thread's own process as the sender, and
 * kcmp(2) (3.5, CONFIG_CHECKPOINT_RESTORE) says it is the very open file the thread has as
 * `fd`. Without kcmp nothing is granted. Everything else is closed unread.
 *
 * The thread runs code of its own choosing around the injected calls' stops (a filter of its
 * own that holds a call with USER_NOTIF, a SIGSTOP from another thread): every wait for it has
 * a deadline, and a thread that misses it, or whose registers or stack cannot be put back,
 * is killed with its process. Only that program loses; the tracer goes on. */
#include "config.h"

#include <errno.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <time.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fdgrab.h"
#include "inject.h"
#include "procfs.h"
#include "tracer.h"
#include "util.h"

/* How long one injection may take, start to end. It is three syscalls: a thread still not
 * back after this is being held on purpose (or by a stop it chose). */
#define INJECT_DEADLINE_MS 3000

static int rx = -1;                      /* privbind's receiving socket */
static struct sockaddr_un rx_addr;
static socklen_t rx_len;

int inject_init(void)
{
	static const sa_family_t autobind = AF_UNIX;
	static const int on = 1;
	sigset_t chld;
	int err;

	if (rx >= 0)
		return 0;
	rx = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (rx < 0)
		return -errno;
	/* Binding just the family makes the kernel pick a free abstract name. */
	rx_len = sizeof rx_addr;
	if (setsockopt(rx, SOL_SOCKET, SO_PASSCRED, &on, sizeof on) < 0 ||
	    bind(rx, (const struct sockaddr *)&autobind, sizeof autobind) < 0 ||
	    getsockname(rx, (struct sockaddr *)&rx_addr, &rx_len) < 0) {
		err = errno;
		close(rx);
		rx = -1;
		errno = err;
		return -err;
	}
	if (syscall(SYS_kcmp, getpid(), getpid(), KCMP_FILE, rx, rx) != 0)
		warn_errno("kcmp(2) is missing (a kernel without CONFIG_CHECKPOINT_RESTORE): privbind "
			   "cannot check the socket a program hands over, and grants no bind");
	/* The deadline's clock: a tracee's stop raises SIGCHLD, taken with sigtimedwait. */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	signal(SIGCHLD, SIG_DFL);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	return 0;
}

/* Close whatever descriptors a received message carried. */
static void close_rights(struct msghdr *m)
{
	struct cmsghdr *c;

	for (c = CMSG_FIRSTHDR(m); c; c = CMSG_NXTHDR(m, c)) {
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			size_t i, n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			int fds[8];

			memcpy(fds, CMSG_DATA(c), (n < 8 ? n : 8) * sizeof(int));
			for (i = 0; i < n && i < 8; i++)
				fdgrab_close(fds[i]);
		}
	}
}

/* Take one message off privbind's socket: its single descriptor if process `from` sent it,
 * or -1 (none, or anyone else's, or junk; `from` 0 takes nothing). */
static int receive_one(pid_t from, bool *empty)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(8 * sizeof(int)) + CMSG_SPACE(sizeof(struct ucred))];
	} cm;
	char byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cm.buf, .msg_controllen = sizeof cm.buf };
	struct cmsghdr *c;
	struct ucred who = { .pid = 0 };
	int fd = -1, nfds = 0;

	*empty = recvmsg(rx, &m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) < 0;
	if (*empty)
		return -1;
	for (c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		if (c->cmsg_type == SCM_CREDENTIALS && c->cmsg_len == CMSG_LEN(sizeof who))
			memcpy(&who, CMSG_DATA(c), sizeof who);
		else if (c->cmsg_type == SCM_RIGHTS)
			nfds += (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
		if (c->cmsg_type == SCM_RIGHTS && c->cmsg_len == CMSG_LEN(sizeof(int)))
			memcpy(&fd, CMSG_DATA(c), sizeof fd);
	}
	if (from > 0 && who.pid == from && nfds == 1 && fd >= 0 && !(m.msg_flags & MSG_CTRUNC))
		return fd;
	close_rights(&m);
	return -1;
}

/* Time left before `deadline`, or false when it has passed. */
static bool time_left(const struct timespec *deadline, struct timespec *left)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	left->tv_sec = deadline->tv_sec - now.tv_sec;
	left->tv_nsec = deadline->tv_nsec - now.tv_nsec;
	if (left->tv_nsec < 0) {
		left->tv_nsec += 1000000000L;
		left->tv_sec--;
	}
	return left->tv_sec >= 0;
}

/* waitpid(tid) that gives up at `deadline`: SIGCHLD is blocked in the tracer, and each
 * tracee's stop raises it. Other tracees' events stay queued for the event loop. */
static pid_t wait_until(pid_t tid, int *status, const struct timespec *deadline)
{
	struct timespec left;
	sigset_t chld;
	pid_t r;

	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	for (;;) {
		r = waitpid(tid, status, __WALL | WNOHANG);
		if (r != 0 || !time_left(deadline, &left))
			return r;
		sigtimedwait(&chld, NULL, &left);
	}
}

/* Resume with PTRACE_SYSCALL up to the next syscall stop. A job-control stop on the way is
 * parked (PTRACE_LISTEN) until SIGCONT, as everywhere else, within the deadline. No signal
 * can be delivered: all are blocked. 0; -ESRCH when the thread is gone; -ETIMEDOUT. */
static int next_syscall_stop(pid_t tid, const struct timespec *deadline)
{
	int status;
	pid_t r;

	if (ptrace(PTRACE_SYSCALL, tid, 0, 0) < 0)
		return -ESRCH;
	for (;;) {
		r = wait_until(tid, &status, deadline);
		if (r == 0)
			return -ETIMEDOUT;
		if (r < 0 || !WIFSTOPPED(status))
			return -ESRCH;
		if (status >> 16 == 0 && WSTOPSIG(status) == (SIGTRAP | 0x80))
			return 0;
		if (status >> 16 == PTRACE_EVENT_STOP && is_stop_signal(WSTOPSIG(status))) {
			ptrace(PTRACE_LISTEN, tid, 0, 0);
			continue;
		}
		/* The re-trap after SIGCONT, or a seccomp stop of the program's own filter. */
		if (ptrace(PTRACE_SYSCALL, tid, 0, 0) < 0)
			return -ESRCH;
	}
}

/* From a syscall-exit stop, run one syscall in the thread and come back to its exit stop.
 * Its result goes to *ret. 0, or -ESRCH. */
static int run(pid_t tid, const struct syscall_stop *sc, long nr, unsigned long a0,
	       unsigned long a1, unsigned long a2, long *ret, const struct timespec *deadline)
{
	const unsigned long args[6] = { a0, a1, a2, 0, 0, 0 };
	int err;

	if (arch_prepare_syscall(tid, &sc->regs, nr, args) < 0)
		return -ESRCH;
	if ((err = next_syscall_stop(tid, deadline)) < 0 ||
	    (err = next_syscall_stop(tid, deadline)) < 0)
		return err;
	return arch_read_return(tid, ret) < 0 ? -ESRCH : 0;
}

/* The message, as laid out in the thread's memory at `at`. */
struct image {
	struct msghdr msg;
	struct iovec iov;
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(sizeof(int))];
	} cm;
	struct sockaddr_un to;
	char byte;
};

static void build(struct image *im, unsigned long at, int fd)
{
	memset(im, 0, sizeof *im);
	im->to = rx_addr;
	im->iov.iov_base = (void *)(at + offsetof(struct image, byte));
	im->iov.iov_len = 1;
	im->msg.msg_name = (void *)(at + offsetof(struct image, to));
	im->msg.msg_namelen = rx_len;
	im->msg.msg_iov = (void *)(at + offsetof(struct image, iov));
	im->msg.msg_iovlen = 1;
	im->msg.msg_control = (void *)(at + offsetof(struct image, cm));
	im->msg.msg_controllen = sizeof im->cm.buf;
	im->cm.h.cmsg_level = SOL_SOCKET;
	im->cm.h.cmsg_type = SCM_RIGHTS;
	im->cm.h.cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(&im->cm.h), &fd, sizeof fd);
}

/* Bytes moved between privbind and the thread's memory at `at`: process_vm_* honour page
 * protections, so a write may stop short at a read-only page. -1 when none moved. */
static ssize_t tracee_io(pid_t tid, unsigned long at, void *buf, size_t len, bool write)
{
	struct iovec local = { .iov_base = buf, .iov_len = len };
	struct iovec remote = { .iov_base = (void *)at, .iov_len = len };

	return write ? process_vm_writev(tid, &local, 1, &remote, 1, 0)
		     : process_vm_readv(tid, &local, 1, &remote, 1, 0);
}

/* The thread is past putting back as it was (it missed the deadline, or its registers or
 * stack could not be restored): it goes, with its process, and nothing else does. */
static int lose(pid_t tid, int err)
{
	if (err != -ESRCH)
		kill(tid, SIGKILL);
	return -ESRCH;
}

int inject_fdgrab(pid_t tid, struct syscall_stop *sc, int fd, struct inject_save *save)
{
	struct image im, saved;
	unsigned long at = (arch_stack_pointer(&sc->regs) - ARCH_RED_ZONE - sizeof im) & ~15UL;
	uint64_t all = ~0ULL;
	struct timespec deadline;
	long s, ret;
	int copy = -1, err;
	bool empty;
	pid_t tgid = tgid_of(tid);

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += INJECT_DEADLINE_MS / 1000;
	deadline.tv_nsec += (INJECT_DEADLINE_MS % 1000) * 1000000L;
	if (deadline.tv_nsec >= 1000000000L) {
		deadline.tv_nsec -= 1000000000L;
		deadline.tv_sec++;
	}
	if (ptrace(PTRACE_GETSIGMASK, tid, sizeof save->sigmask, &save->sigmask) < 0 ||
	    ptrace(PTRACE_SETSIGMASK, tid, sizeof all, &all) < 0)
		return -ESRCH;
	/* Finish the bind stop as a skipped call: its exit stop is where injection starts. */
	if (arch_skip(tid, sc, -ENOSYS) < 0)
		return -ESRCH;
	if ((err = next_syscall_stop(tid, &deadline)) < 0)
		return lose(tid, err);
	while ((copy = receive_one(0, &empty)) >= 0 || !empty)
		;                          /* stale messages: nobody's, closed unread */
	if ((err = run(tid, sc, SYS_socket, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, &s, &deadline)) < 0)
		return lose(tid, err);
	if (s < 0)
		return (int)s;             /* EMFILE, a sandbox's seccomp...: the kernel's word */
	build(&im, at, fd);
	ret = -EFAULT;
	if (tracee_io(tid, at, &saved, sizeof saved, false) == (ssize_t)sizeof saved) {
		ssize_t n = tracee_io(tid, at, &im, sizeof im, true);

		if (n == (ssize_t)sizeof im &&
		    (err = run(tid, sc, SYS_sendmsg, (unsigned long)s, at + offsetof(struct image, msg),
			       MSG_DONTWAIT | MSG_NOSIGNAL, &ret, &deadline)) < 0)
			return lose(tid, err);
		/* What landed goes back, also of a write that stopped short. */
		if (n > 0 && tracee_io(tid, at, &saved, (size_t)n, true) != n)
			return lose(tid, -EFAULT);
	}
	if ((err = run(tid, sc, SYS_close, (unsigned long)s, 0, 0, &s, &deadline)) < 0)
		return lose(tid, err);
	if (ret < 0)
		return (int)ret;           /* EBADF: no such descriptor; EFAULT: no room on its stack */
	while ((copy = receive_one(tgid, &empty)) >= 0 || !empty) {
		if (copy < 0)
			continue;
		/* The thread's own table (it may have unshared it), and no kcmp means no grant. */
		if (syscall(SYS_kcmp, tid, getpid(), KCMP_FILE, fd, copy) == 0)
			return copy;
		fdgrab_close(copy);
	}
	return -EPERM;
}

int inject_end(pid_t tid, const struct syscall_stop *sc, const struct inject_save *save,
	       bool repeat, long ret)
{
	if (arch_restore(tid, sc, repeat, ret) < 0 ||
	    ptrace(PTRACE_SETSIGMASK, tid, sizeof save->sigmask, &save->sigmask) < 0)
		return lose(tid, -errno);
	return 0;
}
