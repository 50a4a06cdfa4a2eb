// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pbhostile: programs that try to trick or wear down privbind's tracer. Nothing here knows
 * about privbind; every result is what the kernel answered (OK or the errno's name).
 *
 *   pbhostile race ROUNDS N PROTO ADDR PORT BADADDR BADPORT
 *       A thread keeps rewriting one sockaddr_in, word by word, between ADDR:PORT and
 *       BADADDR:BADPORT (so torn mixtures of the two appear too) while the main thread
 *       binds fresh sockets (SO_REUSEPORT: they may share a port) to it, N times per round.
 *       Every socket that binds stays open (a TCP one listening: ss shows no bound-only
 *       TCP socket) until the end of its round, for the test to look at with ss: after each
 *       round "round R ok=.. EACCES=.. other=.." and "waiting" (one line on stdin goes on).
 *       At the end "race ok=.. EACCES=.. other=..".
 *   pbhostile badaddr
 *       One bind per line, each on a new socket, each printing "CASE RESULT": lengths
 *       0, 1, 2, 15, 16, 17, 28, 128, 129, 1 MiB, -1 and INT_MIN; garbage families;
 *       unmapped, read-only, partially mapped and beyond-end-of-file buffers.
 *   pbhostile fdrace N ADDR PORT
 *       One thread binds fd F (a TCP socket) N times while another closes F and dup2()s
 *       other things onto it (another socket, /dev/null, a unix socket, nothing) as fast as
 *       it can. Prints "fdrace binds=N" and the results seen; then "waiting".
 *   pbhostile hold PROTO ADDR PORT [reuseport|reuseaddr] [fd=F]
 *       bind (and listen, for tcp) a socket, print "held RESULT port=P", wait for stdin to
 *       close, print "still port=P" (the port the socket is bound to then, 0: unbound).
 *       fd=F puts the socket on descriptor F and leaves it unbound (a bystander).
 *   pbhostile forks N PROTO ADDR BASEPORT
 *       N processes at once, child i binding BASEPORT+i and listening; prints
 *       "forks ok=.. EACCES=.. other=..", "waiting"; then releases and reaps them and
 *       prints "reaped N status=0".
 *   pbhostile churn N ADDR PORT
 *       A thread creates threads that bind port 0 and exit, as fast as it can, while the
 *       main thread makes N socket+bind PORT+close cycles. Prints
 *       "churn ok=.. fail=.. first=.. threads=T".
 *   pbhostile killbind N ADDR PORT
 *       N times: fork a child that binds ADDR:PORT (SO_REUSEADDR) in a loop and SIGKILL it
 *       right after its first bind, wherever it then is. Then bind PORT itself: prints
 *       "killbind killed=N" and "after RESULT".
 *   pbhostile attack
 *       Try to ptrace, signal, read or limit the process's tracer (TracerPid). Prints
 *       "NAME RESULT" per attempt, then "tracer-alive yes|no".
 *   pbhostile whoami [wait]
 *       "uid=R euid=E tracer=T bind80=RESULT" (bind of 127.0.0.1:80); with wait, then
 *       "waiting", and "alive" after a line on stdin.
 *   pbhostile sigflood PID SIG...
 *       Send the signals to PID in a loop until stdin is closed; prints "flooding", then
 *       "sent N" (N > 0 only if every kill succeeded).
 *   pbhostile sandbox nnp|landlock|userns ADDR PORT
 *       Make a TCP socket, shut itself in, then bind it: nnp sets no_new_privs alone;
 *       landlock also restricts itself with a Landlock ruleset that handles TCP binds and
 *       allows none (ABI 4, 6.7+); userns moves into a user namespace of its own. Prints
 *       "sandbox RESULT", or "sandbox unsupported ERRNO" when the kernel has no such thing.
 *   pbhostile linger N PORT
 *       N rounds: a connected TCP socket whose peer reads nothing, its send buffer full,
 *       SO_LINGER {1, 3600 s}; one thread binds it to 127.0.0.1:PORT (the kernel says
 *       EINVAL: it is bound already) while another closes it the moment the first is
 *       stopped (its /proc state 't'), so that a tracer's copy may be its last reference.
 *       Prints "linger rounds=N" and the results seen.
 *   pbhostile untraced
 *       Make a child with clone(CLONE_UNTRACED | SIGCHLD), one with clone3(2), and a thread;
 *       prints "clone-untraced R", "clone3 R", "thread R" (R: OK or the errno's name).
 *   pbhostile notifhold ADDR PORT
 *       Make a TCP socket, then install a seccomp filter of its own (no_new_privs) that holds
 *       every later socket(2) call with SECCOMP_RET_USER_NOTIF and never answers, and bind
 *       the socket: prints "notifhold RESULT" (or "notifhold unsupported ERRNO").
 *   pbhostile rostack N ADDR PORT
 *       A thread on a stack of its own binds N TCP sockets (SO_REUSEPORT; N <= 500) to
 *       ADDR:PORT, while another thread flips the page just below that thread's stack
 *       pointer between read-only and writable as fast as it can. Prints
 *       "rostack ok=.. EACCES=.. other=..".
 */
#include "config.h"

#include <alloca.h>
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pbcommon.h"

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

static void wait_line(void)
{
	char buf[256];

	out("waiting\n");
	if (!fgets(buf, sizeof buf, stdin) && ferror(stdin))
		die("stdin: %s", strerror(errno));
}

static struct sockaddr_in sin4(const char *addr, int port)
{
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };

	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1)
		die("bad IPv4 address '%s'", addr);
	return sa;
}

static int tcp_socket(int reuseaddr)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

	if (fd < 0)
		die("socket: %s", strerror(errno));
	if (reuseaddr && setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0)
		die("SO_REUSEADDR: %s", strerror(errno));
	return fd;
}

static int proto_type(const char *proto)
{
	if (!strcmp(proto, "tcp"))
		return SOCK_STREAM;
	if (!strcmp(proto, "udp"))
		return SOCK_DGRAM;
	die("unknown protocol '%s'", proto);
}

static int bound_port(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof ss;

	if (getsockname(fd, (struct sockaddr *)&ss, &len) < 0)
		return -1;
	if (ss.ss_family == AF_INET)
		return ntohs(((struct sockaddr_in *)&ss)->sin_port);
	if (ss.ss_family == AF_INET6)
		return ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
	return -1;
}

/* For fdrace: another thread may put something else on the descriptor number between
 * socket() and setsockopt(), so a failing setsockopt is part of the game. */
static int racy_tcp_socket(void)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1;

	if (fd < 0)
		die("socket: %s", strerror(errno));
	(void)setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	return fd;
}

/* Room for many open sockets: raise the soft limit to the hard one. */
static void more_fds(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* ---- race: a sockaddr rewritten under the bind ---- */

static uint32_t race_words[2][4];
static _Alignas(16) uint32_t race_sa[4];
static atomic_int race_stop;

static void *race_writer(void *arg)
{
	(void)arg;
	for (unsigned i = 0; !atomic_load_explicit(&race_stop, memory_order_relaxed); i++)
		for (int w = 0; w < 4; w++)   /* word w from A or B: every mixture occurs */
			__atomic_store_n(&race_sa[w], race_words[(i >> w) & 1][w], __ATOMIC_RELAXED);
	return NULL;
}

static int cmd_race(int argc, char **argv)
{
	struct sockaddr_in a, b;
	long rounds, n, ok = 0, eacces = 0, other = 0;
	pthread_t th;
	int *fds, type;

	if (argc != 7)
		die("usage: race ROUNDS N PROTO ADDR PORT BADADDR BADPORT");
	rounds = num(argv[0], 1, 1000);
	n = num(argv[1], 1, 1000000);
	type = proto_type(argv[2]);
	a = sin4(argv[3], (int)num(argv[4], 1, 65535));
	b = sin4(argv[5], (int)num(argv[6], 1, 65535));
	memcpy(race_words[0], &a, sizeof a);
	memcpy(race_words[1], &b, sizeof b);
	memcpy(race_sa, &a, sizeof a);
	more_fds();
	fds = calloc((size_t)n, sizeof *fds);
	if (!fds)
		die("out of memory");
	errno = pthread_create(&th, NULL, race_writer, NULL);
	if (errno)
		die("pthread_create: %s", strerror(errno));
	for (long r = 1; r <= rounds; r++) {
		long rok = 0, racc = 0, roth = 0, kept = 0;

		for (long i = 0; i < n; i++) {
			int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0), one = 1;

			if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0)
				die("socket: %s", strerror(errno));
			if (bind(fd, (struct sockaddr *)race_sa, sizeof(struct sockaddr_in)) == 0) {
				if (type == SOCK_STREAM && listen(fd, 1) < 0)
					die("listen: %s", strerror(errno));
				rok++;
				fds[kept++] = fd;
				continue;
			}
			if (errno == EACCES)
				racc++;
			else
				roth++;
			close(fd);
		}
		out("round %ld ok=%ld EACCES=%ld other=%ld\n", r, rok, racc, roth);
		wait_line();
		while (kept > 0)
			close(fds[--kept]);
		ok += rok;
		eacces += racc;
		other += roth;
	}
	atomic_store(&race_stop, 1);
	pthread_join(th, NULL);
	out("race ok=%ld EACCES=%ld other=%ld\n", ok, eacces, other);
	free(fds);
	return 0;
}

/* ---- badaddr: lengths, families and buffers a careless or hostile program passes ---- */

static void try_bind(const char *name, int family, const void *addr, long len)
{
	int fd = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0), err;

	if (fd < 0)
		die("socket: %s", strerror(errno));
	/* bind(2)'s addrlen is an int: pass every bit of it, negative ones too. */
	err = syscall(SYS_bind, fd, addr, len) == 0 ? 0 : errno;
	out("%s %s\n", name, res(err));
	close(fd);
}

static void *map(size_t len, int prot)
{
	void *p = mmap(NULL, len, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap: %s", strerror(errno));
	return p;
}

static int cmd_badaddr(void)
{
	static const long lens[] = { 0, 1, 2, 15, 16, 17, 24, 27, 28, 128, 129, 1L << 20, -1, INT_MIN };
	long page = sysconf(_SC_PAGESIZE);
	struct sockaddr_in in4 = sin4("127.0.0.1", 80);
	struct sockaddr_in6 in6 = { .sin6_family = AF_INET6, .sin6_port = htons(80),
				    .sin6_addr = IN6ADDR_LOOPBACK_INIT };
	unsigned char *big = map(2 << 20, PROT_READ | PROT_WRITE), *p;
	char name[64];
	size_t i;
	int fd;

	/* Lengths, with a valid address at the start of a large readable buffer. */
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++) {
		memcpy(big, &in4, sizeof in4);
		snprintf(name, sizeof name, "inet-len=%ld", lens[i]);
		try_bind(name, AF_INET, big, lens[i]);
		memcpy(big, &in6, sizeof in6);
		snprintf(name, sizeof name, "inet6-len=%ld", lens[i]);
		try_bind(name, AF_INET6, big, lens[i]);
	}
	/* Families that are not the socket's, or nobody's. */
	{
		static const unsigned short fams[] = { AF_UNSPEC, AF_UNIX, AF_INET6, 3, 255, 0xffff };
		struct sockaddr_storage ss;

		for (i = 0; i < sizeof fams / sizeof fams[0]; i++) {
			memset(&ss, 0, sizeof ss);
			memcpy(&ss, &in4, sizeof in4);
			ss.ss_family = fams[i];
			snprintf(name, sizeof name, "inet-family=%u", fams[i]);
			try_bind(name, AF_INET, &ss, sizeof in4);
			memset(&ss, 0, sizeof ss);
			memcpy(&ss, &in6, sizeof in6);
			ss.ss_family = fams[i] == AF_INET6 ? AF_INET : fams[i];
			snprintf(name, sizeof name, "inet6-family=%u", ss.ss_family);
			try_bind(name, AF_INET6, &ss, sizeof in6);
		}
	}
	/* Buffers: unmapped, NULL, read-only, straddling the end of a mapping. */
	p = map((size_t)page, PROT_READ | PROT_WRITE);
	munmap(p, (size_t)page);
	try_bind("unmapped", AF_INET, p, sizeof in4);
	try_bind("unmapped-len0", AF_INET, p, 0);
	try_bind("null", AF_INET, NULL, sizeof in4);
	p = map((size_t)page, PROT_READ | PROT_WRITE);
	memcpy(p, &in4, sizeof in4);
	mprotect(p, (size_t)page, PROT_READ);
	try_bind("read-only", AF_INET, p, sizeof in4);
	p = map((size_t)page, PROT_NONE);
	try_bind("prot-none", AF_INET, p, sizeof in4);
	p = map(2 * (size_t)page, PROT_READ | PROT_WRITE);
	munmap(p + page, (size_t)page);
	memcpy(p + page - 8, &in4, 8);        /* family, port, address: the rest unmapped */
	try_bind("partial-8-of-16", AF_INET, p + page - 8, sizeof in4);
	memcpy(p + page - sizeof in4, &in4, sizeof in4);
	try_bind("mapped-16-len-128", AF_INET, p + page - sizeof in4, 128);
	try_bind("mapped-16-len-16", AF_INET, p + page - sizeof in4, sizeof in4);
	memcpy(p + page - 24, &in6, 24);
	try_bind("inet6-partial-24-of-28", AF_INET6, p + page - 24, sizeof in6);
	/* A shared mapping of an empty file: reading it is SIGBUS to the program, EFAULT to
	 * the kernel. A memfd: no directory the user must be able to write. */
	{
		fd = memfd_create("pbhostile-empty", MFD_CLOEXEC);
		if (fd < 0)
			die("memfd_create: %s", strerror(errno));
		p = mmap(NULL, (size_t)page, PROT_READ, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED)
			die("mmap: %s", strerror(errno));
		try_bind("beyond-eof", AF_INET, p, sizeof in4);
		close(fd);
	}
	/* Descriptors that are not inet sockets. */
	{
		int fds[2], un = socket(AF_UNIX, SOCK_STREAM, 0), opath = open("/", O_PATH);

		if (pipe(fds) < 0 || un < 0 || opath < 0)
			die("pipe/socket/open: %s", strerror(errno));
		out("fd=pipe %s\n", res(bind(fds[0], (struct sockaddr *)&in4, sizeof in4) ? errno : 0));
		out("fd=unix %s\n", res(bind(un, (struct sockaddr *)&in4, sizeof in4) ? errno : 0));
		out("fd=opath %s\n", res(bind(opath, (struct sockaddr *)&in4, sizeof in4) ? errno : 0));
		out("fd=-1 %s\n", res(bind(-1, (struct sockaddr *)&in4, sizeof in4) ? errno : 0));
		out("fd=INT_MAX %s\n", res(bind(INT_MAX, (struct sockaddr *)&in4, sizeof in4) ? errno : 0));
	}
	return 0;
}

/* ---- fdrace: the descriptor changes under the bind ---- */

static int fdrace_fd;
static atomic_int fdrace_stop;

static void *fdrace_swapper(void *arg)
{
	int others[3];

	(void)arg;
	others[0] = racy_tcp_socket();
	others[1] = open("/dev/null", O_RDWR | O_CLOEXEC);
	others[2] = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (others[1] < 0 || others[2] < 0)
		die("open/socket: %s", strerror(errno));
	for (unsigned i = 0; !atomic_load_explicit(&fdrace_stop, memory_order_relaxed); i++) {
		switch (i % 4) {
		case 0:
			close(fdrace_fd);
			break;
		case 3: {
			/* a fresh socket of the program's own */
			int s = racy_tcp_socket();

			dup3(s, fdrace_fd, O_CLOEXEC);
			close(s);
			break;
		}
		default:
			dup3(others[i % 4], fdrace_fd, O_CLOEXEC);
			break;
		}
	}
	return NULL;
}

static int cmd_fdrace(int argc, char **argv)
{
	static const int errs[] = { 0, EBADF, ENOTSOCK, EINVAL, EADDRINUSE, EACCES };
	long counts[sizeof errs / sizeof errs[0] + 1] = { 0 };
	struct sockaddr_in sa;
	pthread_t th;
	long n;
	size_t k;

	if (argc != 3)
		die("usage: fdrace N ADDR PORT");
	n = num(argv[0], 1, 10000000);
	sa = sin4(argv[1], (int)num(argv[2], 1, 65535));
	fdrace_fd = racy_tcp_socket();
	errno = pthread_create(&th, NULL, fdrace_swapper, NULL);
	if (errno)
		die("pthread_create: %s", strerror(errno));
	for (long i = 0; i < n; i++) {
		int err = bind(fdrace_fd, (struct sockaddr *)&sa, sizeof sa) == 0 ? 0 : errno;

		for (k = 0; k < sizeof errs / sizeof errs[0] && errs[k] != err; k++)
			;
		counts[k]++;
		if (!err) {
			/* free the port again: a bound socket on the fd would make every later
			 * bind EINVAL. The swapper may have replaced it already: then this
			 * closes what it put there. */
			int s = racy_tcp_socket();

			dup3(s, fdrace_fd, O_CLOEXEC);
			close(s);
		}
	}
	atomic_store(&fdrace_stop, 1);
	pthread_join(th, NULL);
	out("fdrace binds=%ld", n);
	for (k = 0; k < sizeof errs / sizeof errs[0]; k++)
		out(" %s=%ld", res(errs[k]), counts[k]);
	out(" other=%ld\n", counts[k]);
	wait_line();
	return 0;
}

/* ---- hold: someone else's socket ---- */

static int cmd_hold(int argc, char **argv)
{
	int type, fd, one = 1, err = 0, want_fd = -1, bystander = 0;
	struct sockaddr_in sa;
	char buf[256];

	if (argc < 3)
		die("usage: hold PROTO ADDR PORT [reuseport|reuseaddr] [fd=F]");
	type = proto_type(argv[0]);
	sa = sin4(argv[1], (int)num(argv[2], 0, 65535));
	fd = socket(AF_INET, type, 0);
	if (fd < 0)
		die("socket: %s", strerror(errno));
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "reuseport"))
			err = setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
		else if (!strcmp(argv[i], "reuseaddr"))
			err = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		else if (!strncmp(argv[i], "fd=", 3))
			want_fd = (int)num(argv[i] + 3, 3, 1000), bystander = 1;
		else
			die("unknown option '%s'", argv[i]);
		if (err)
			die("setsockopt: %s", strerror(errno));
	}
	if (want_fd >= 0 && want_fd != fd) {
		if (dup2(fd, want_fd) < 0)
			die("dup2: %s", strerror(errno));
		close(fd);
		fd = want_fd;
	}
	if (!bystander) {
		err = bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 ? 0 : errno;
		if (!err && type == SOCK_STREAM && listen(fd, 16) < 0)
			err = errno;
	}
	out("held %s port=%d\n", res(err), bound_port(fd));
	while (fgets(buf, sizeof buf, stdin))
		;
	out("still port=%d\n", bound_port(fd));
	return 0;
}

/* ---- forks: many processes binding at once ---- */

static int cmd_forks(int argc, char **argv)
{
	long n, ok = 0, eacces = 0, other = 0, reaped = 0, bad = 0;
	int report[2], release[2], base, type;
	const char *addr;

	if (argc != 4)
		die("usage: forks N PROTO ADDR BASEPORT");
	n = num(argv[0], 1, 10000);
	type = proto_type(argv[1]);
	addr = argv[2];
	base = (int)num(argv[3], 1, 65535);
	if (base + n - 1 > 65535)
		die("ports past 65535");
	if (pipe(report) < 0 || pipe(release) < 0)
		die("pipe: %s", strerror(errno));
	for (long i = 0; i < n; i++) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork %ld: %s", i, strerror(errno));
		if (pid == 0) {
			struct sockaddr_in sa = sin4(addr, base + (int)i);
			int fd = socket(AF_INET, type, 0), err;
			unsigned char e;
			char c;

			close(report[0]);
			close(release[1]);
			err = fd < 0 ? errno : bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 ? 0 : errno;
			if (!err && type == SOCK_STREAM && listen(fd, 1) < 0)
				err = errno;
			if (!err && bound_port(fd) != base + (int)i)
				err = EPROTO;   /* bound, but not where asked */
			e = (unsigned char)err;
			if (write(report[1], &e, 1) != 1)
				_exit(3);
			/* stay bound until released (EOF) */
			while (read(release[0], &c, 1) < 0 && errno == EINTR)
				;
			_exit(0);
		}
	}
	close(report[1]);
	close(release[0]);
	for (long i = 0; i < n; i++) {
		unsigned char e;

		if (read(report[0], &e, 1) != 1)
			die("a child did not report");
		if (e == 0)
			ok++;
		else if (e == EACCES)
			eacces++;
		else
			other++;
	}
	out("forks ok=%ld EACCES=%ld other=%ld\n", ok, eacces, other);
	wait_line();
	close(release[1]);
	for (;;) {
		int st;
		pid_t pid = wait(&st);

		if (pid < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		reaped++;
		if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
			bad++;
	}
	out("reaped %ld status=%s\n", reaped, bad ? "BAD" : "0");
	return 0;
}

/* ---- churn: threads come and go while binding ---- */

static atomic_int churn_stop;
static atomic_long churn_threads;

static void *churn_child(void *arg)
{
	struct sockaddr_in sa = sin4("127.0.0.1", 0);
	int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);

	(void)arg;
	if (fd >= 0) {
		if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0)
			abort();      /* port 0 always binds: a wrong answer is a failure */
		close(fd);
	}
	atomic_fetch_add(&churn_threads, 1);
	return NULL;
}

static void *churn_spawner(void *arg)
{
	pthread_attr_t attr;

	(void)arg;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	while (!atomic_load(&churn_stop)) {
		pthread_t t;

		if (pthread_create(&t, &attr, churn_child, NULL) != 0)
			sched_yield();   /* too many at once (EAGAIN): let some exit */
	}
	pthread_attr_destroy(&attr);
	return NULL;
}

static int cmd_churn(int argc, char **argv)
{
	struct sockaddr_in sa;
	long n, ok = 0, fail = 0;
	int first = 0;
	pthread_t sp[2];

	if (argc != 3)
		die("usage: churn N ADDR PORT");
	n = num(argv[0], 1, 10000000);
	sa = sin4(argv[1], (int)num(argv[2], 1, 65535));
	for (int i = 0; i < 2; i++) {
		errno = pthread_create(&sp[i], NULL, churn_spawner, NULL);
		if (errno)
			die("pthread_create: %s", strerror(errno));
	}
	for (long i = 0; i < n; i++) {
		int fd = tcp_socket(0), err;

		err = bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 ? 0 : errno;
		if (!err && bound_port(fd) != ntohs(sa.sin_port))
			err = EPROTO;
		if (err) {
			fail++;
			if (!first)
				first = err;
		} else {
			ok++;
		}
		close(fd);
	}
	atomic_store(&churn_stop, 1);
	for (int i = 0; i < 2; i++)
		pthread_join(sp[i], NULL);
	out("churn ok=%ld fail=%ld first=%s threads=%ld\n", ok, fail, first ? res(first) : "-",
	    atomic_load(&churn_threads));
	return 0;
}

/* ---- killbind: SIGKILL lands anywhere in a bind ---- */

static int cmd_killbind(int argc, char **argv)
{
	struct sockaddr_in sa;
	long n;
	int err, fd;

	if (argc != 3)
		die("usage: killbind N ADDR PORT");
	n = num(argv[0], 1, 100000);
	sa = sin4(argv[1], (int)num(argv[2], 1, 65535));
	for (long i = 0; i < n; i++) {
		int p[2];
		pid_t pid;
		char c;

		if (pipe(p) < 0)
			die("pipe: %s", strerror(errno));
		pid = fork();
		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (pid == 0) {
			close(p[0]);
			for (long k = 0;; k++) {
				int s = tcp_socket(1);

				if (bind(s, (struct sockaddr *)&sa, sizeof sa) < 0)
					_exit(3);
				close(s);
				if (k == 0 && write(p[1], "b", 1) != 1)
					_exit(3);
			}
		}
		close(p[1]);
		if (read(p[0], &c, 1) != 1)
			die("child %d did not bind", (int)pid);
		kill(pid, SIGKILL);
		close(p[0]);
		if (waitpid(pid, &err, 0) < 0 || !WIFSIGNALED(err) || WTERMSIG(err) != SIGKILL)
			die("child %d did not die of SIGKILL", (int)pid);
	}
	out("killbind killed=%ld\n", n);
	fd = tcp_socket(0);
	err = bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 ? 0 : errno;
	out("after %s\n", res(err));
	return 0;
}

/* ---- attack: the tracer is root's; none of this may work ---- */

static pid_t tracer_pid(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long t = -1;

	if (!f)
		die("/proc/self/status: %s", strerror(errno));
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "TracerPid: %ld", &t) == 1)
			break;
	fclose(f);
	return (pid_t)t;
}

static void attempt(const char *name, long r)
{
	out("%s %s\n", name, res(r < 0 ? errno : 0));
}

static int cmd_attack(void)
{
	pid_t t = tracer_pid();
	char path[64], buf[16];
	struct iovec local = { buf, sizeof buf }, remote = { (void *)0x400000, sizeof buf };
	struct rlimit rl = { 0, 0 };
	cpu_set_t cpus;
	int pidfd;

	if (t <= 0)
		die("not traced (TracerPid %d)", (int)t);
	out("tracer %d\n", (int)t);
	attempt("kill-KILL", kill(t, SIGKILL));
	attempt("kill-TERM", kill(t, SIGTERM));
	attempt("kill-STOP", kill(t, SIGSTOP));
	attempt("kill-0", kill(t, 0));
	attempt("kill-group", kill(-t, SIGKILL));
	attempt("ptrace-attach", ptrace(PTRACE_ATTACH, t, 0, 0));
	attempt("ptrace-seize", ptrace(PTRACE_SEIZE, t, 0, 0));
	attempt("process_vm_readv", process_vm_readv(t, &local, 1, &remote, 1, 0));
	attempt("process_vm_writev", process_vm_writev(t, &local, 1, &remote, 1, 0));
	snprintf(path, sizeof path, "/proc/%d/mem", (int)t);
	attempt("open-mem", open(path, O_RDWR));
	snprintf(path, sizeof path, "/proc/%d/environ", (int)t);
	attempt("open-environ", open(path, O_RDONLY));
	snprintf(path, sizeof path, "/proc/%d/fd/0", (int)t);
	attempt("open-fd0", open(path, O_RDONLY));
	pidfd = (int)syscall(SYS_pidfd_open, t, 0);
	if (pidfd < 0) {
		out("pidfd_open %s\n", res(errno));
	} else {
		attempt("pidfd_send_signal", syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0));
		attempt("pidfd_getfd", syscall(SYS_pidfd_getfd, pidfd, 0, 0));
		close(pidfd);
	}
	attempt("prlimit", prlimit(t, RLIMIT_NOFILE, &rl, NULL));
	attempt("setpriority", setpriority(PRIO_PROCESS, (id_t)t, 19));
	CPU_ZERO(&cpus);
	CPU_SET(0, &cpus);
	attempt("sched_setaffinity", sched_setaffinity(t, sizeof cpus, &cpus));
	attempt("sigqueue", sigqueue(t, SIGUSR1, (union sigval){ 0 }));
	out("tracer-alive %s\n", kill(t, 0) == 0 || errno == EPERM ? "yes" : "no");
	return 0;
}

/* ---- whoami: identity after exec of a set-user-ID program ---- */

static int cmd_whoami(int argc, char **argv)
{
	struct sockaddr_in sa = sin4("127.0.0.1", 80);
	int fd = tcp_socket(0), err;

	err = bind(fd, (struct sockaddr *)&sa, sizeof sa) == 0 ? 0 : errno;
	out("uid=%d euid=%d tracer=%s bind80=%s\n", (int)getuid(), (int)geteuid(),
	    tracer_pid() > 0 ? "yes" : "no", res(err));
	if (argc > 0 && !strcmp(argv[0], "wait")) {
		wait_line();
		out("alive\n");
	}
	return 0;
}

/* ---- sigflood: signals at any moment ---- */

static int cmd_sigflood(int argc, char **argv)
{
	struct pollfd in = { .fd = 0, .events = POLLIN };
	int sigs[8], nsig = 0;
	unsigned long sent = 0;
	bool failed = false;
	pid_t pid;

	if (argc < 2)
		die("usage: sigflood PID SIG...");
	pid = (pid_t)num(argv[0], 2, INT_MAX);
	for (int i = 1; i < argc && nsig < 8; i++)
		sigs[nsig++] = (int)num(argv[i], 1, 64);
	out("flooding\n");
	for (;;) {
		for (int k = 0; k < 100; k++) {
			if (kill(pid, sigs[sent % (unsigned long)nsig]) < 0)
				failed = true;
			sent++;
		}
		if (failed || poll(&in, 1, 0) != 0)
			break;
	}
	out("sent %lu%s\n", failed ? 0 : sent, failed ? " (kill failed)" : "");
	return 0;
}

/* Landlock's ABI 4 ruleset attribute (linux/landlock.h of 6.7; older headers lack it) */
struct ll_ruleset_attr {
	uint64_t handled_access_fs;
	uint64_t handled_access_net;
};
#define LL_ACCESS_NET_BIND_TCP (1ULL << 0)
#ifndef SYS_landlock_create_ruleset
#define SYS_landlock_create_ruleset 444
#define SYS_landlock_restrict_self 446
#endif

static int cmd_sandbox(int argc, char **argv)
{
	struct sockaddr_in sa;
	int fd;

	if (argc != 3)
		die("usage: sandbox nnp|landlock|userns ADDR PORT");
	sa = sin4(argv[1], (int)num(argv[2], 1, 65535));
	fd = tcp_socket(0);
	if (!strcmp(argv[0], "userns")) {
		if (unshare(CLONE_NEWUSER) < 0) {
			out("sandbox unsupported %s\n", errname(errno));
			return 0;
		}
	} else {
		if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
			die("no_new_privs: %s", strerror(errno));
		if (!strcmp(argv[0], "landlock")) {
			struct ll_ruleset_attr attr = { .handled_access_net = LL_ACCESS_NET_BIND_TCP };
			int rs = (int)syscall(SYS_landlock_create_ruleset, &attr, sizeof attr, 0);

			if (rs < 0 || syscall(SYS_landlock_restrict_self, rs, 0) < 0) {
				out("sandbox unsupported %s\n", errname(errno));
				return 0;
			}
		} else if (strcmp(argv[0], "nnp")) {
			die("unknown sandbox '%s'", argv[0]);
		}
	}
	out("sandbox %s\n", res(bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 ? errno : 0));
	return 0;
}

struct lingerer {
	int fd, port;
	pid_t tid;
	atomic_int state;           /* 0: not yet binding, 1: tid known, 2: bind returned */
	int err;
};

static void *linger_binder(void *arg)
{
	struct lingerer *l = arg;
	struct sockaddr_in sa = sin4("127.0.0.1", l->port);

	l->tid = gettid();
	atomic_store(&l->state, 1);
	l->err = bind(l->fd, (struct sockaddr *)&sa, sizeof sa) < 0 ? errno : 0;
	atomic_store(&l->state, 2);
	return NULL;
}

/* Is thread `tid` of this process stopped (by a tracer)? */
static bool stopped(pid_t tid)
{
	char path[64], buf[256], *p;
	int fd;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/self/task/%d/stat", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return false;
	buf[n] = 0;
	p = strrchr(buf, ')');
	return p && (p[2] == 't' || p[2] == 'T');
}

/* The program's own close of a lingering socket may be the last reference too: it waits for
 * the peer, apart, so that the rounds go on. */
static void *linger_closer(void *arg)
{
	close((int)(long)arg);
	return NULL;
}

static int cmd_linger(int argc, char **argv)
{
	long rounds, counts[3] = { 0, 0, 0 };   /* EINVAL, EBADF, other */
	int port, lst, one = 1, small = 4096, accs[1000];

	if (argc != 2)
		die("usage: linger N PORT");
	rounds = num(argv[0], 1, 1000);
	port = (int)num(argv[1], 1, 65535);
	for (long r = 0; r < rounds; r++) {
		struct sockaddr_in sa = sin4("127.0.0.1", 0);
		socklen_t len = sizeof sa;
		struct linger lg = { .l_onoff = 1, .l_linger = 3600 };
		struct lingerer l = { .port = port };
		char junk[65536] = { 0 };
		pthread_t th, closer;

		lst = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		setsockopt(lst, SOL_SOCKET, SO_RCVBUF, &small, sizeof small);
		if (lst < 0 || bind(lst, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(lst, 1) < 0 ||
		    getsockname(lst, (struct sockaddr *)&sa, &len) < 0)
			die("listener: %s", strerror(errno));
		l.fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		if (l.fd < 0 || (connect(l.fd, (struct sockaddr *)&sa, sizeof sa) < 0 && errno != EINPROGRESS))
			die("connect: %s", strerror(errno));
		accs[r] = accept(lst, NULL, NULL);
		if (accs[r] < 0)
			die("accept: %s", strerror(errno));
		while (send(l.fd, junk, sizeof junk, MSG_DONTWAIT | MSG_NOSIGNAL) > 0)
			;
		setsockopt(l.fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
		setsockopt(l.fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (pthread_create(&th, NULL, linger_binder, &l) != 0)
			die("pthread_create failed");
		while (atomic_load(&l.state) == 0)
			;
		while (atomic_load(&l.state) == 1 && !stopped(l.tid))
			;
		/* the last of the program's references: from now on a tracer's copy may be the last */
		if (pthread_create(&closer, NULL, linger_closer, (void *)(long)l.fd) != 0 ||
		    pthread_detach(closer) != 0)
			die("pthread_create failed");
		pthread_join(th, NULL);
		counts[l.err == EINVAL ? 0 : l.err == EBADF ? 1 : 2]++;
		close(lst);
	}
	/* Only now does any peer go (unread data: a reset), which ends every lingering close. */
	for (long r = 0; r < rounds; r++)
		close(accs[r]);
	out("linger rounds=%ld EINVAL=%ld EBADF=%ld other=%ld\n", rounds, counts[0], counts[1], counts[2]);
	return 0;
}

static void *nothing(void *arg)
{
	return arg;
}

/* A child that exits at once; reaped. 0 or the errno. */
static int reaped(long pid)
{
	if (pid < 0)
		return errno;
	if (pid == 0)
		_exit(0);
	waitpid((pid_t)pid, NULL, 0);
	return 0;
}

static int cmd_untraced(void)
{
	/* struct clone_args of 5.3: flags, pidfd, child_tid, parent_tid, exit_signal, stack,
	 * stack_size, tls */
	uint64_t args[8] = { 0, 0, 0, 0, SIGCHLD, 0, 0, 0 };
	pthread_t th;
	int err;

	out("clone-untraced %s\n", res(reaped(syscall(SYS_clone, CLONE_UNTRACED | SIGCHLD, 0, 0, 0, 0))));
	out("clone3 %s\n", res(reaped(syscall(435, args, sizeof args))));
	err = pthread_create(&th, NULL, nothing, NULL);
	if (!err)
		pthread_join(th, NULL);
	out("thread %s\n", res(err));
	return 0;
}

static int cmd_notifhold(int argc, char **argv)
{
	struct sock_filter insn[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_socket, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof insn / sizeof insn[0], .filter = insn };
	struct sockaddr_in sa;
	int fd, listener;

	if (argc != 2)
		die("usage: notifhold ADDR PORT");
	sa = sin4(argv[0], (int)num(argv[1], 1, 65535));
	fd = tcp_socket(0);
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		die("no_new_privs: %s", strerror(errno));
	listener = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
				SECCOMP_FILTER_FLAG_NEW_LISTENER, &prog);
	if (listener < 0) {
		out("notifhold unsupported %s\n", errname(errno));
		return 0;
	}
	out("notifhold %s\n", res(bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 ? errno : 0));
	return 0;
}

struct rostack {
	char *floor;                /* the lowest writable byte of the binding thread's stack */
	long n;
	struct sockaddr_in sa;
	long ok, eacces, other;
	atomic_bool done;
};

static void *rostack_flipper(void *arg)
{
	struct rostack *r = arg;
	char *page = r->floor - 4096;

	while (!atomic_load(&r->done)) {
		mprotect(page, 4096, PROT_READ);
		mprotect(page, 4096, PROT_READ | PROT_WRITE);
	}
	return NULL;
}

/* The binds alone run with the stack pointer a few hundred bytes above `floor` (alloca), so
 * that the room below it that a tracer might borrow lies on the flipped page, while the
 * thread's own calls there (syscall(2): one return address) stay above it. */
static void binds_low(struct rostack *r, const int *fds)
{
	char *here = __builtin_frame_address(0);
	volatile char *pad = alloca((size_t)(here - r->floor) - 256);

	pad[0] = 0;
	for (long i = 0; i < r->n; i++) {
		long ret = syscall(SYS_bind, fds[i], &r->sa, sizeof r->sa);

		if (ret == 0)
			r->ok++;
		else if (errno == EACCES)
			r->eacces++;
		else
			r->other++;
	}
}

static void *rostack_binder(void *arg)
{
	struct rostack *r = arg;
	int *fds = calloc((size_t)r->n, sizeof *fds), one = 1;

	if (!fds)
		die("out of memory");
	for (long i = 0; i < r->n; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fds[i] < 0 || setsockopt(fds[i], SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0)
			die("socket: %s", strerror(errno));
	}
	/* Resolve syscall() and errno's PLT slots up here: the lazy resolver's save area is
	 * larger than the room binds_low leaves. */
	syscall(SYS_getpid);
	errno = 0;
	binds_low(r, fds);
	for (long i = 0; i < r->n; i++)
		close(fds[i]);
	free(fds);
	return NULL;
}

static int cmd_rostack(int argc, char **argv)
{
	static struct rostack r;
	size_t size = 256 * 1024;
	pthread_attr_t attr;
	pthread_t binder, flipper;
	char *base;

	if (argc != 3)
		die("usage: rostack N ADDR PORT");
	r.n = num(argv[0], 1, 500);
	r.sa = sin4(argv[1], (int)num(argv[2], 1, 65535));
	base = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (base == MAP_FAILED)
		die("mmap: %s", strerror(errno));
	/* the flipped page, one below the floor, and a guard page under it */
	r.floor = base + 2 * 4096;
	mprotect(base, 4096, PROT_NONE);
	pthread_attr_init(&attr);
	if (pthread_attr_setstack(&attr, base, size) != 0)
		die("pthread_attr_setstack failed");
	if (pthread_create(&flipper, NULL, rostack_flipper, &r) != 0 ||
	    pthread_create(&binder, &attr, rostack_binder, &r) != 0)
		die("pthread_create failed");
	pthread_join(binder, NULL);
	atomic_store(&r.done, true);
	pthread_join(flipper, NULL);
	out("rostack ok=%ld EACCES=%ld other=%ld\n", r.ok, r.eacces, r.other);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd;
	pb_prog = "pbhostile";

	if (argc < 2)
		die("usage: pbhostile race|badaddr|fdrace|hold|forks|churn|killbind|attack|whoami|sigflood|sandbox|linger|untraced|notifhold|rostack ...");
	cmd = argv[1];
	argc -= 2;
	argv += 2;
	if (!strcmp(cmd, "race"))
		return cmd_race(argc, argv);
	if (!strcmp(cmd, "badaddr"))
		return cmd_badaddr();
	if (!strcmp(cmd, "fdrace"))
		return cmd_fdrace(argc, argv);
	if (!strcmp(cmd, "hold"))
		return cmd_hold(argc, argv);
	if (!strcmp(cmd, "forks"))
		return cmd_forks(argc, argv);
	if (!strcmp(cmd, "churn"))
		return cmd_churn(argc, argv);
	if (!strcmp(cmd, "killbind"))
		return cmd_killbind(argc, argv);
	if (!strcmp(cmd, "attack"))
		return cmd_attack();
	if (!strcmp(cmd, "whoami"))
		return cmd_whoami(argc, argv);
	if (!strcmp(cmd, "sigflood"))
		return cmd_sigflood(argc, argv);
	if (!strcmp(cmd, "sandbox"))
		return cmd_sandbox(argc, argv);
	if (!strcmp(cmd, "linger"))
		return cmd_linger(argc, argv);
	if (!strcmp(cmd, "untraced"))
		return cmd_untraced();
	if (!strcmp(cmd, "notifhold"))
		return cmd_notifhold(argc, argv);
	if (!strcmp(cmd, "rostack"))
		return cmd_rostack(argc, argv);
	die("unknown command '%s'", cmd);
}
