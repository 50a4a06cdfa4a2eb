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
 * Anyone in the network namespace can send there, so a copy is taken only if kcmp(2) says it
 * is the very open file the thread has as `fd`; everything else is closed unread. */
#include <errno.h>
#include <linux/kcmp.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "fdgrab.h"
#include "inject.h"
#include "tracer.h"
#include "util.h"

static int rx = -1;                      /* privbind's receiving socket */
static struct sockaddr_un rx_addr;
static socklen_t rx_len;

void inject_init(void)
{
	static const sa_family_t autobind = AF_UNIX;

	rx = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	if (rx < 0)
		die_errno("cannot create privbind's unix socket");
	/* Binding just the family makes the kernel pick a free abstract name. */
	rx_len = sizeof rx_addr;
	if (bind(rx, (const struct sockaddr *)&autobind, sizeof autobind) < 0 ||
	    getsockname(rx, (struct sockaddr *)&rx_addr, &rx_len) < 0)
		die_errno("cannot bind privbind's unix socket");
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
				close(fds[i]);
		}
	}
}

/* Take one message off privbind's socket: its single descriptor, or -1 (none, or junk). */
static int receive_one(bool *empty)
{
	union {
		struct cmsghdr h;
		char buf[CMSG_SPACE(8 * sizeof(int))];
	} cm;
	char byte;
	struct iovec iov = { .iov_base = &byte, .iov_len = 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1,
			    .msg_control = cm.buf, .msg_controllen = sizeof cm.buf };
	struct cmsghdr *c;
	int fd = -1;

	*empty = recvmsg(rx, &m, MSG_DONTWAIT | MSG_CMSG_CLOEXEC) < 0;
	if (*empty)
		return -1;
	c = CMSG_FIRSTHDR(&m);
	if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS &&
	    c->cmsg_len == CMSG_LEN(sizeof(int)) && !CMSG_NXTHDR(&m, c)) {
		memcpy(&fd, CMSG_DATA(c), sizeof fd);
		return fd;
	}
	close_rights(&m);
	return -1;
}

/* Resume with PTRACE_SYSCALL up to the next syscall stop. A job-control stop on the way is
 * parked (PTRACE_LISTEN) until SIGCONT, as everywhere else. No signal can be delivered: all
 * are blocked. 0, or -ESRCH when the thread is gone. */
static int next_syscall_stop(pid_t tid)
{
	int status;

	if (ptrace(PTRACE_SYSCALL, tid, 0, 0) < 0)
		return -ESRCH;
	for (;;) {
		if (waitpid(tid, &status, __WALL) < 0) {
			if (errno == EINTR)
				continue;
			return -ESRCH;
		}
		if (!WIFSTOPPED(status))
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
	       unsigned long a1, unsigned long a2, long *ret)
{
	const unsigned long args[6] = { a0, a1, a2, 0, 0, 0 };

	if (arch_prepare_syscall(tid, &sc->regs, nr, args) < 0 ||
	    next_syscall_stop(tid) < 0 || next_syscall_stop(tid) < 0 ||
	    arch_read_return(tid, ret) < 0)
		return -ESRCH;
	return 0;
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

static bool tracee_io(pid_t tid, unsigned long at, void *buf, size_t len, bool write)
{
	struct iovec local = { .iov_base = buf, .iov_len = len };
	struct iovec remote = { .iov_base = (void *)at, .iov_len = len };
	ssize_t n = write ? process_vm_writev(tid, &local, 1, &remote, 1, 0)
			  : process_vm_readv(tid, &local, 1, &remote, 1, 0);

	return n == (ssize_t)len;
}

int inject_fdgrab(pid_t tid, struct syscall_stop *sc, int fd, struct inject_save *save)
{
	struct image im, saved;
	unsigned long at = (arch_stack_pointer(&sc->regs) - ARCH_RED_ZONE - sizeof im) & ~15UL;
	uint64_t all = ~0ULL;
	long s, ret;
	int copy = -1, same;
	bool empty;
	pid_t tgid;

	if (ptrace(PTRACE_GETSIGMASK, tid, sizeof save->sigmask, &save->sigmask) < 0 ||
	    ptrace(PTRACE_SETSIGMASK, tid, sizeof all, &all) < 0)
		return -ESRCH;
	/* Finish the bind stop as a skipped call: its exit stop is where injection starts. */
	if (arch_skip(tid, sc, -ENOSYS) < 0 || next_syscall_stop(tid) < 0)
		return -ESRCH;
	while ((copy = receive_one(&empty)) >= 0 || !empty)
		if (copy >= 0)
			close(copy);       /* stale messages: nobody's */
	if (run(tid, sc, SYS_socket, AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, &s) < 0)
		return -ESRCH;
	if (s < 0)
		return (int)s;             /* EMFILE, a sandbox's seccomp...: the kernel's word */
	build(&im, at, fd);
	if (!tracee_io(tid, at, &saved, sizeof saved, false) || !tracee_io(tid, at, &im, sizeof im, true)) {
		ret = -EFAULT;
	} else {
		if (run(tid, sc, SYS_sendmsg, (unsigned long)s, at + offsetof(struct image, msg),
			MSG_DONTWAIT | MSG_NOSIGNAL, &ret) < 0)
			return -ESRCH;
		if (!tracee_io(tid, at, &saved, sizeof saved, true))
			die("cannot restore the stack of thread %d after injecting a call", (int)tid);
	}
	if (run(tid, sc, SYS_close, (unsigned long)s, 0, 0, &s) < 0)
		return -ESRCH;
	if (ret < 0)
		return (int)ret;           /* EBADF: no such descriptor */
	tgid = tgid_of(tid);
	while ((copy = receive_one(&empty)) >= 0 || !empty) {
		if (copy < 0)
			continue;
		same = (int)syscall(SYS_kcmp, tgid, getpid(), KCMP_FILE, fd, copy);
		if (same == 0 || (same < 0 && errno == ENOSYS))
			return copy;
		close(copy);
	}
	return -EAGAIN;
}

int inject_end(pid_t tid, const struct syscall_stop *sc, const struct inject_save *save,
	       bool repeat, long ret)
{
	int err = arch_restore(tid, sc, repeat, ret);

	if (ptrace(PTRACE_SETSIGMASK, tid, sizeof save->sigmask, &save->sigmask) < 0 && !err)
		err = -errno;
	return err;
}
