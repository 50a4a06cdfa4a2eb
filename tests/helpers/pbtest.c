// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pbtest: the program the bats suite runs under privbind.
 *
 * Every subcommand does one real thing with real sockets and prints what the kernel
 * answered (OK or the errno's name), so a test can compare privbind's result with a
 * root run of the same command.  Nothing here knows about privbind.
 *
 *   pbtest [-c] [-F] [-L LABEL] [-D IF] bind ACTION...
 *       tcp|udp|tcp4|udp4|tcp6|udp6 ADDR PORT   new socket (family from ADDR, or forced
 *                                              by the 4/6 suffix), bind, print result
 *       sctp|ping (and 4/6) ADDR PORT       the same with an SCTP or an ICMP echo ("ping")
 *                                              socket; a socket(2) error is the result
 *       file ADDR PORT      bind a regular file's fd (ENOTSOCK)
 *       fd=N ADDR PORT      bind descriptor N, inherited (a socket of another namespace)
 *       unshared ADDR PORT  a thread unshares its file table (CLONE_FILES), makes a TCP
 *                           socket there and binds it
 *       badfd ADDR PORT     bind fd 999 (EBADF)
 *       again ADDR PORT     bind the previous socket once more
 *       unix PATH           AF_UNIX stream socket bound to PATH
 *       listen              listen() on the previous socket
 *       close               close the previous socket
 *       pid                 print pid=<pid>
 *       wait                print "waiting", then read one line (or EOF) from stdin
 *       loop N PROTO ADDR PORT   N times socket+bind+close; print "loop ok=.. fail=.."
 *     ADDR is IPv4 or IPv6; "unspec" is AF_UNSPEC with INADDR_ANY (0.0.0.0 to an
 *     AF_INET socket), "unspec-lo" AF_UNSPEC with 127.0.0.1, "badptr" an unmapped
 *     address; "short:ADDR" and "long:ADDR" pass a length too short for the family or
 *     longer than any sockaddr.
 *     ADDR6%ZONE names a zone (sin6_scope_id) by interface name or index.
 *     -c closes every socket right after its bind; -F adds pid, tid and fd to each
 *     result; -L prefixes every line; -D IF binds every new socket to interface IF
 *     (SO_BINDTODEVICE) first.
 *   pbtest threads N PROTO ADDR BASEPORT   N threads bind BASEPORT+i at once
 *   pbtest tree PROTO ADDR P1 P2 P3   binds P1, a forked child P2, an exec'd grandchild P3
 *   pbtest race N ADDR PORT OTHER   N TCP binds of one sockaddr whose port another thread
 *       keeps switching between PORT and OTHER; prints where the successful binds landed
 *   pbtest daemon REPORT ADDR PORT   double-fork, setsid, close every fd, bind TCP,
 *       listen, write "pid=<pid> result=<R>" to REPORT, greet one client, exit
 *   pbtest connect ADDR PORT   TCP connect, copy what the server sends to stdout
 *   pbtest id        uid/gid/groups/capabilities/NoNewPrivs of this process
 *   pbtest fds       open file descriptors of this process
 *   pbtest sigcount  count SIGTERMs until stdin closes
 *   pbtest ttyline   read one line from the terminal
 */
#include "config.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pbcommon.h"

static const char *label = "";
static int close_each;
static int full;
static const char *bind_dev;

static void out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void out(const char *fmt, ...)
{
	va_list ap;

	fputs(label, stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	fflush(stdout);
}

/* An address the kernel has to refuse to read: mapped, then unmapped again. */
static void *unmapped_page(void)
{
	void *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		die("mmap: %s", strerror(errno));
	munmap(p, 4096);
	return p;
}

struct target {
	struct sockaddr_storage ss;
	socklen_t len;
	int family;		/* of ADDR; AF_UNSPEC for badptr */
	int badptr;
};

static void parse_target(const char *addr, const char *port, struct target *t)
{
	struct sockaddr_in *in4 = (struct sockaddr_in *)&t->ss;
	struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&t->ss;
	int p = parse_int(port, 0, 65535);
	int shrt = 0, lng = 0;

	memset(t, 0, sizeof(*t));
	if (!strncmp(addr, "short:", 6)) {
		shrt = 1;
		addr += 6;
	} else if (!strncmp(addr, "long:", 5)) {
		lng = 1;
		addr += 5;
	}
	if (!strcmp(addr, "unspec")) {
		/* AF_UNSPEC with INADDR_ANY: an AF_INET socket takes it for 0.0.0.0 */
		in4->sin_family = AF_UNSPEC;
		in4->sin_port = htons(p);
		t->family = AF_INET;
		t->len = sizeof(*in4);
	} else if (!strcmp(addr, "unspec-lo")) {
		/* AF_UNSPEC with another address: EAFNOSUPPORT */
		in4->sin_family = AF_UNSPEC;
		in4->sin_port = htons(p);
		in4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		t->family = AF_INET;
		t->len = sizeof(*in4);
	} else if (!strcmp(addr, "badptr")) {
		t->badptr = 1;
		t->family = AF_UNSPEC;
		t->len = sizeof(struct sockaddr_in);
	} else if (inet_pton(AF_INET, addr, &in4->sin_addr) == 1) {
		in4->sin_family = AF_INET;
		in4->sin_port = htons(p);
		t->family = AF_INET;
		t->len = sizeof(*in4);
	} else if (strchr(addr, '%')) {
		/* ADDR6%ZONE: the interface by name or index, in sin6_scope_id */
		char a6[INET6_ADDRSTRLEN];
		const char *zone = strchr(addr, '%') + 1;
		size_t n = (size_t)(zone - 1 - addr);

		if (n >= sizeof a6)
			die("bad address '%s'", addr);
		memcpy(a6, addr, n);
		a6[n] = 0;
		if (inet_pton(AF_INET6, a6, &in6->sin6_addr) != 1)
			die("bad address '%s'", addr);
		in6->sin6_scope_id = strspn(zone, "0123456789") == strlen(zone) ?
			(uint32_t)parse_int(zone, 1, 0x7fffffff) : if_nametoindex(zone);
		if (!in6->sin6_scope_id)
			die("no interface '%s'", zone);
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(p);
		t->family = AF_INET6;
		t->len = sizeof(*in6);
	} else if (inet_pton(AF_INET6, addr, &in6->sin6_addr) == 1) {
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons(p);
		t->family = AF_INET6;
		t->len = sizeof(*in6);
	} else {
		die("bad address '%s'", addr);
	}
	if (shrt)	/* too short for the family: the kernel says EINVAL */
		t->len = t->family == AF_INET6 ? 20 : 8;
	if (lng)	/* longer than any sockaddr: EINVAL */
		t->len = sizeof(t->ss) + 1;
}

/* 0, the errno, or -1 when bind returned something bind never returns (a tracer that forgot
 * to set the result would leave the fd number there). */
static int bind_result(int r)
{
	return r == 0 ? 0 : r == -1 ? errno : -1;
}

static int do_bind(int fd, struct target *t)
{
	const struct sockaddr *sa = t->badptr ? unmapped_page() : (struct sockaddr *)&t->ss;

	return bind_result(bind(fd, sa, t->len));
}

/* Is the socket bound exactly to the address and port the program asked for? */
static int bound_as_asked(int fd, const struct target *t)
{
	const struct sockaddr_in *w4 = (const struct sockaddr_in *)&t->ss;
	const struct sockaddr_in6 *w6 = (const struct sockaddr_in6 *)&t->ss;
	struct sockaddr_storage got;
	const struct sockaddr_in *g4 = (const struct sockaddr_in *)&got;
	const struct sockaddr_in6 *g6 = (const struct sockaddr_in6 *)&got;
	socklen_t len = sizeof(got);

	if (getsockname(fd, (struct sockaddr *)&got, &len) < 0)
		return 0;
	if (got.ss_family == AF_INET && t->family == AF_INET)
		return g4->sin_addr.s_addr == w4->sin_addr.s_addr &&
		       (w4->sin_port ? g4->sin_port == w4->sin_port : g4->sin_port != 0);
	/* an IPv4 address on an AF_INET6 SCTP socket reads back v4-mapped */
	if (got.ss_family == AF_INET6 && t->family == AF_INET &&
	    IN6_IS_ADDR_V4MAPPED(&g6->sin6_addr))
		return !memcmp(g6->sin6_addr.s6_addr + 12, &w4->sin_addr, 4) &&
		       (w4->sin_port ? g6->sin6_port == w4->sin_port : g6->sin6_port != 0);
	if (got.ss_family == AF_INET6 && t->family == AF_INET6)
		return !memcmp(&g6->sin6_addr, &w6->sin6_addr, sizeof(g6->sin6_addr)) &&
		       (w6->sin6_port ? g6->sin6_port == w6->sin6_port : g6->sin6_port != 0);
	return 0;
}

/*
 * Print the result.  A successful inet bind is checked with getsockname(), so a tracer
 * that bound some other socket, address or port cannot pass as OK.
 */
static void report(int fd, int err, const struct target *t)
{
	char extra[64] = "";
	const char *res = err < 0 ? "BIND-RETURNED-NEITHER-0-NOR-MINUS-1" : err ? errname(err) : "OK";

	if (!err && t && !t->badptr && (t->family == AF_INET || t->family == AF_INET6) &&
	    !bound_as_asked(fd, t))
		res = "OK-BUT-NOT-BOUND-AS-ASKED";
	if (full)
		snprintf(extra, sizeof(extra), " pid=%d tid=%d fd=%d", (int)getpid(), (int)gettid(), fd);
	out("%s%s\n", res, extra);
}

static int proto_type(const char *proto, int *family, int *protocol)
{
	size_t n = strlen(proto), base = n;

	if (n > 0 && proto[n - 1] == '4')
		*family = AF_INET, base = n - 1;
	else if (n > 0 && proto[n - 1] == '6')
		*family = AF_INET6, base = n - 1;
	*protocol = 0;
	if (base == 3 && !strncmp(proto, "tcp", 3))
		return SOCK_STREAM;
	if (base == 3 && !strncmp(proto, "udp", 3))
		return SOCK_DGRAM;
	if (base == 4 && !strncmp(proto, "sctp", 4)) {
		*protocol = IPPROTO_SCTP;
		return SOCK_STREAM;
	}
	if (base == 4 && !strncmp(proto, "ping", 4)) {
		*protocol = *family == AF_INET6 ? IPPROTO_ICMPV6 : IPPROTO_ICMP;
		return SOCK_DGRAM;
	}
	return -1;
}

/* A new socket for PROTO, or -errno when the kernel refuses one (no SCTP, ping not allowed) */
static int new_socket(const char *proto, const struct target *t)
{
	int family = t->family == AF_INET6 ? AF_INET6 : AF_INET, protocol;
	int type = proto_type(proto, &family, &protocol);
	int fd;

	if (type < 0)
		die("unknown protocol '%s'", proto);
	fd = socket(family, type, protocol);
	if (fd < 0 && !protocol)
		die("socket: %s", strerror(errno));
	if (fd >= 0 && bind_dev &&
	    setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, bind_dev, (socklen_t)strlen(bind_dev)) < 0)
		die("SO_BINDTODEVICE %s: %s", bind_dev, strerror(errno));
	return fd < 0 ? -errno : fd;
}

static void *unshared_main(void *arg)
{
	struct target *t = arg;
	int fd;

	if (unshare(CLONE_FILES) < 0)
		die("unshare(CLONE_FILES): %s", strerror(errno));
	fd = new_socket(t->family == AF_INET6 ? "tcp6" : "tcp4", t);
	report(fd, do_bind(fd, t), t);
	return NULL;
}

/* A thread with a file table of its own: the socket is in no other thread's table. */
static void unshared_bind(struct target *t)
{
	pthread_t th;

	errno = pthread_create(&th, NULL, unshared_main, t);
	if (errno)
		die("pthread_create: %s", strerror(errno));
	pthread_join(th, NULL);
}

static void wait_stdin(void)
{
	char buf[256];

	out("waiting\n");
	if (!fgets(buf, sizeof(buf), stdin) && ferror(stdin))
		die("reading stdin: %s", strerror(errno));
}

static void loop_binds(long n, const char *proto, const char *addr, const char *port)
{
	struct target t;
	long ok = 0, fail = 0;
	int first = 0;

	parse_target(addr, port, &t);
	for (long i = 0; i < n; i++) {
		int fd = new_socket(proto, &t);
		int err = fd < 0 ? -fd : do_bind(fd, &t);

		if (err) {
			fail++;
			if (!first)
				first = err;
		} else {
			ok++;
		}
		close(fd);
	}
	out("loop ok=%ld fail=%ld first=%s\n", ok, fail, first ? errname(first) : "-");
}

static int cmd_bind(int argc, char **argv)
{
	int last = -1;
	int i = 0;

#define NEED(k) do { if (i + (k) >= argc) die("'%s' needs %d argument(s)", argv[i], k); } while (0)
	while (i < argc) {
		const char *a = argv[i];
		struct target t;
		int fd, err;

		if (!strcmp(a, "pid")) {
			out("pid=%d\n", (int)getpid());
			i += 1;
		} else if (!strcmp(a, "wait")) {
			wait_stdin();
			i += 1;
		} else if (!strcmp(a, "listen")) {
			if (listen(last, 16) < 0)
				die("listen: %s", strerror(errno));
			i += 1;
		} else if (!strcmp(a, "close")) {
			close(last);
			last = -1;
			i += 1;
		} else if (!strcmp(a, "loop")) {
			NEED(4);
			loop_binds(parse_int(argv[i + 1], 1, 100000000), argv[i + 2], argv[i + 3], argv[i + 4]);
			i += 5;
		} else if (!strcmp(a, "unix")) {
			struct sockaddr_un un = { .sun_family = AF_UNIX };

			NEED(1);
			if (strlen(argv[i + 1]) >= sizeof(un.sun_path))
				die("unix path too long");
			strcpy(un.sun_path, argv[i + 1]);
			fd = socket(AF_UNIX, SOCK_STREAM, 0);
			if (fd < 0)
				die("socket: %s", strerror(errno));
			err = bind_result(bind(fd, (struct sockaddr *)&un, sizeof(un)));
			report(fd, err, NULL);
			if (close_each)
				close(fd);
			else
				last = fd;
			i += 2;
		} else {
			NEED(2);
			parse_target(argv[i + 1], argv[i + 2], &t);
			if (!strcmp(a, "again")) {
				if (last < 0)
					die("'again' without a previous socket");
				fd = last;
			} else if (!strcmp(a, "badfd")) {
				fd = 999;
			} else if (!strncmp(a, "fd=", 3)) {
				fd = parse_int(a + 3, 0, 1023);
			} else if (!strcmp(a, "unshared")) {
				unshared_bind(&t);
				i += 3;
				continue;
			} else if (!strcmp(a, "file")) {
				fd = open("/proc/self/exe", O_RDONLY);
				if (fd < 0)
					die("open /proc/self/exe: %s", strerror(errno));
			} else {
				fd = new_socket(a, &t);
				if (fd < 0) {
					out("socket:%s\n", errname(-fd));
					i += 3;
					continue;
				}
			}
			err = do_bind(fd, &t);
			report(fd, err, &t);
			if (close_each && fd != 999) {
				close(fd);
				last = -1;
			} else if (fd != 999) {
				last = fd;
			}
			i += 3;
		}
	}
#undef NEED
	return 0;
}

/* threads: all threads created first, then released together by a barrier */
struct thr {
	pthread_t th;
	int port, err, misbound;
	int type;
	struct target t;
};

static pthread_barrier_t barrier;

static void *thread_main(void *arg)
{
	struct thr *th = arg;
	int fd = socket(th->t.family, th->type, 0);

	if (fd < 0)
		die("socket: %s", strerror(errno));
	pthread_barrier_wait(&barrier);
	th->err = do_bind(fd, &th->t);
	th->misbound = !th->err && !bound_as_asked(fd, &th->t);
	return NULL;		/* the socket stays open until the process exits */
}

static int cmd_threads(int argc, char **argv)
{
	int n, base, family = AF_INET, protocol;
	struct thr *ths;

	if (argc != 4)
		die("usage: threads N PROTO ADDR BASEPORT");
	n = parse_int(argv[0], 1, 1024);
	base = parse_int(argv[3], 1, 65535);
	ths = calloc(n, sizeof(*ths));
	if (!ths)
		die("out of memory");
	pthread_barrier_init(&barrier, NULL, n);
	for (int i = 0; i < n; i++) {
		char port[16];

		snprintf(port, sizeof(port), "%d", base + i);
		ths[i].port = base + i;
		parse_target(argv[2], port, &ths[i].t);
		ths[i].type = proto_type(argv[1], &family, &protocol);
		if (ths[i].type < 0)
			die("unknown protocol '%s'", argv[1]);
		errno = pthread_create(&ths[i].th, NULL, thread_main, &ths[i]);
		if (errno)
			die("pthread_create: %s", strerror(errno));
	}
	for (int i = 0; i < n; i++)
		pthread_join(ths[i].th, NULL);
	for (int i = 0; i < n; i++)
		out("%d %s\n", ths[i].port, ths[i].err ? errname(ths[i].err)
					      : ths[i].misbound ? "OK-BUT-NOT-BOUND-AS-ASKED" : "OK");
	return 0;
}

/* race: a sockaddr that changes under the bind, as a hostile program would do it */
static struct sockaddr_in race_sa;
static in_port_t race_ports[2];
static atomic_int race_stop;

static void *race_flipper(void *arg)
{
	(void)arg;
	for (unsigned i = 0; !atomic_load_explicit(&race_stop, memory_order_relaxed); i++)
		__atomic_store_n(&race_sa.sin_port, race_ports[i & 1], __ATOMIC_RELAXED);
	return NULL;
}

static int cmd_race(int argc, char **argv)
{
	long n, at_port = 0, at_other = 0, at_else = 0, eacces = 0, other_err = 0;
	pthread_t th;

	if (argc != 4)
		die("usage: race N ADDR PORT OTHER");
	n = parse_int(argv[0], 1, 10000000);
	race_sa.sin_family = AF_INET;
	if (inet_pton(AF_INET, argv[1], &race_sa.sin_addr) != 1)
		die("bad IPv4 address '%s'", argv[1]);
	race_ports[0] = htons(parse_int(argv[2], 1, 65535));
	race_ports[1] = htons(parse_int(argv[3], 1, 65535));
	race_sa.sin_port = race_ports[0];
	errno = pthread_create(&th, NULL, race_flipper, NULL);
	if (errno)
		die("pthread_create: %s", strerror(errno));
	for (long i = 0; i < n; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		struct sockaddr_in got;
		socklen_t len = sizeof(got);

		if (fd < 0)
			die("socket: %s", strerror(errno));
		if (bind(fd, (struct sockaddr *)&race_sa, sizeof(race_sa)) == 0) {
			if (getsockname(fd, (struct sockaddr *)&got, &len) < 0)
				die("getsockname: %s", strerror(errno));
			if (got.sin_port == race_ports[0])
				at_port++;
			else if (got.sin_port == race_ports[1])
				at_other++;
			else
				at_else++;
		} else if (errno == EACCES) {
			eacces++;
		} else {
			other_err++;
		}
		close(fd);
	}
	atomic_store(&race_stop, 1);
	pthread_join(th, NULL);
	out("bound-%s=%ld bound-%s=%ld bound-elsewhere=%ld EACCES=%ld other-errors=%ld\n",
	    argv[2], at_port, argv[3], at_other, at_else, eacces, other_err);
	return 0;
}

static int wait_child(pid_t pid)
{
	int st;

	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			die("waitpid: %s", strerror(errno));
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void bind_one(const char *proto, const char *addr, const char *port)
{
	struct target t;
	int fd;

	parse_target(addr, port, &t);
	fd = new_socket(proto, &t);
	if (fd < 0)
		out("socket:%s\n", errname(-fd));
	else
		report(fd, do_bind(fd, &t), &t);
}

static int cmd_tree(int argc, char **argv)
{
	pid_t pid;

	if (argc != 5)
		die("usage: tree PROTO ADDR P1 P2 P3");
	label = "parent ";
	bind_one(argv[0], argv[1], argv[2]);
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid == 0) {
		label = "child ";
		bind_one(argv[0], argv[1], argv[3]);
		pid = fork();
		if (pid < 0)
			die("fork: %s", strerror(errno));
		if (pid == 0) {
			char *args[] = { "pbtest", "-L", "grandchild ", "bind", argv[0], argv[1], argv[4], NULL };

			execv("/proc/self/exe", args);
			die("exec /proc/self/exe: %s", strerror(errno));
		}
		_exit(wait_child(pid));
	}
	return wait_child(pid);
}

static void daemon_report(const char *path, const char *what)
{
	char buf[128];
	int fd, n;

	/* open may block on a FIFO: alarm() in cmd_daemon bounds that */
	fd = open(path, O_WRONLY | O_CREAT, 0644);
	if (fd < 0)
		_exit(3);
	n = snprintf(buf, sizeof(buf), "pid=%d result=%s\n", (int)getpid(), what);
	if (write(fd, buf, n) != n)
		_exit(3);
	close(fd);
}

/* Before close_range (5.9): what /proc lists, a batch at a time, rather than 65536 close
 * calls, which under a tracer that stops at every system call (an old kernel in QEMU) take
 * longer than the tests wait for the daemon. */
static void close_every_fd(void)
{
	int fds[256], n, self, i;
	DIR *d;
	struct dirent *e;

	if (syscall(SYS_close_range, 0U, ~0U, 0U) == 0)
		return;
	do {
		if (!(d = opendir("/proc/self/fd"))) {
			for (i = 0; i < 65536; i++)
				close(i);
			return;
		}
		self = dirfd(d);
		n = 0;
		while (n < (int)(sizeof fds / sizeof fds[0]) && (e = readdir(d)))
			if (e->d_name[0] != '.' && atoi(e->d_name) != self)
				fds[n++] = atoi(e->d_name);
		closedir(d);
		for (i = 0; i < n; i++)
			close(fds[i]);
	} while (n > 0);
}

static int cmd_daemon(int argc, char **argv)
{
	struct target t;
	pid_t pid;
	int fd, err, c, n;
	char msg[64];

	if (argc != 3)
		die("usage: daemon REPORT ADDR PORT");
	pid = fork();
	if (pid < 0)
		die("fork: %s", strerror(errno));
	if (pid > 0)
		_exit(0);
	if (setsid() < 0)
		_exit(3);
	pid = fork();
	if (pid < 0)
		_exit(3);
	if (pid > 0)
		_exit(0);
	/* the daemon: nothing of the caller's stays open */
	close_every_fd();
	if (chdir("/") < 0)
		_exit(3);
	alarm(30);		/* never outlive a failed test by much */
	parse_target(argv[1], argv[2], &t);
	fd = new_socket("tcp", &t);
	err = do_bind(fd, &t);
	if (!err && listen(fd, 4) < 0)
		err = errno;
	daemon_report(argv[0], err ? errname(err) : "OK");
	if (err)
		_exit(1);
	c = accept(fd, NULL, NULL);
	if (c < 0)
		_exit(1);
	n = snprintf(msg, sizeof(msg), "pbtest-daemon pid=%d\n", (int)getpid());
	if (write(c, msg, n) != n)
		_exit(1);
	close(c);
	_exit(0);
}

static int cmd_connect(int argc, char **argv)
{
	struct target t;
	char buf[4096];
	ssize_t n;
	int fd;

	if (argc != 2)
		die("usage: connect ADDR PORT");
	parse_target(argv[0], argv[1], &t);
	fd = socket(t.family, SOCK_STREAM, 0);
	if (fd < 0)
		die("socket: %s", strerror(errno));
	if (connect(fd, (struct sockaddr *)&t.ss, t.len) < 0) {
		out("connect %s\n", errname(errno));
		return 1;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		fwrite(buf, 1, n, stdout);
	return n < 0;
}

static void status_field(const char *key, char *val, size_t len)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[512];
	size_t kl = strlen(key);

	if (!f)
		die("/proc/self/status: %s", strerror(errno));
	snprintf(val, len, "missing");
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, kl) && line[kl] == ':') {
			char *v = line + kl + 1, *w;

			while (*v == '\t' || *v == ' ')
				v++;
			v[strcspn(v, "\n")] = 0;
			for (w = v; *w; w++)
				if (*w == '\t')
					*w = ' ';
			snprintf(val, len, "%s", v);
			break;
		}
	}
	fclose(f);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return x < y ? -1 : x > y;
}

static int cmp_gid(const void *a, const void *b)
{
	gid_t x = *(const gid_t *)a, y = *(const gid_t *)b;

	return x < y ? -1 : x > y;
}

static int cmd_id(void)
{
	static const char *const keys[] = { "Uid", "Gid", "CapInh", "CapPrm", "CapEff", "CapAmb", "NoNewPrivs" };
	gid_t groups[4096];
	int n = getgroups(4096, groups);
	char val[256];

	if (n < 0)
		die("getgroups: %s", strerror(errno));
	for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		status_field(keys[k], val, sizeof(val));
		out("%s=%s\n", keys[k], val);
	}
	qsort(groups, n, sizeof(groups[0]), cmp_gid);
	fputs(label, stdout);
	printf("Groups=");
	for (int i = 0; i < n; i++)
		printf("%s%u", i ? " " : "", (unsigned)groups[i]);
	printf("\n");
	return 0;
}

static int cmd_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	int fds[1024], n = 0;

	if (!d)
		die("/proc/self/fd: %s", strerror(errno));
	while ((e = readdir(d)) && n < 1024)
		if (e->d_name[0] != '.' && atoi(e->d_name) != dirfd(d))
			fds[n++] = atoi(e->d_name);
	closedir(d);
	qsort(fds, n, sizeof(fds[0]), cmp_int);
	fputs(label, stdout);
	printf("fds=");
	for (int i = 0; i < n; i++)
		printf("%s%d", i ? " " : "", fds[i]);
	printf("\n");
	return 0;
}

static int sigpipe_fds[2];
static volatile sig_atomic_t sigcount;

static void on_term(int sig)
{
	int saved = errno;

	(void)sig;
	sigcount++;
	if (write(sigpipe_fds[1], "x", 1) < 0) {
		/* nothing useful to do in a handler */
	}
	errno = saved;
}

static int cmd_sigcount(void)
{
	struct sigaction sa = { .sa_handler = on_term, .sa_flags = SA_RESTART };
	struct pollfd p[2];
	char buf[256];

	if (pipe2(sigpipe_fds, O_CLOEXEC | O_NONBLOCK) < 0)
		die("pipe: %s", strerror(errno));
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	out("ready pid=%d\n", (int)getpid());
	p[0] = (struct pollfd){ .fd = 0, .events = POLLIN };
	p[1] = (struct pollfd){ .fd = sigpipe_fds[0], .events = POLLIN };
	for (;;) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			die("poll: %s", strerror(errno));
		}
		if (p[1].revents) {
			while (read(sigpipe_fds[0], buf, sizeof(buf)) > 0)
				;
			out("SIGTERM count=%d\n", (int)sigcount);
		}
		if (p[0].revents) {
			ssize_t n = read(0, buf, sizeof(buf));

			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0)
				break;
		}
	}
	out("final count=%d\n", (int)sigcount);
	return 0;
}

static int cmd_ttyline(void)
{
	char buf[256];

	out("tty-ready fg=%d\n", tcgetpgrp(0) == getpgrp());
	if (!fgets(buf, sizeof(buf), stdin)) {
		out("tty-%s\n", ferror(stdin) ? errname(errno) : "EOF");
		return 1;
	}
	buf[strcspn(buf, "\r\n")] = 0;
	out("got:%s\n", buf);
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd;
	int opt;

	while ((opt = getopt(argc, argv, "+cFL:D:")) != -1) {
		switch (opt) {
		case 'D':
			bind_dev = optarg;
			break;
		case 'c':
			close_each = 1;
			break;
		case 'F':
			full = 1;
			break;
		case 'L':
			label = optarg;
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc)
		die("usage: pbtest [-c] [-F] [-L LABEL] [-D IF] bind|threads|race|tree|daemon|connect|id|fds|sigcount|ttyline ...");
	cmd = argv[optind];
	argc -= optind + 1;
	argv += optind + 1;
	if (!strcmp(cmd, "bind"))
		return cmd_bind(argc, argv);
	if (!strcmp(cmd, "threads"))
		return cmd_threads(argc, argv);
	if (!strcmp(cmd, "race"))
		return cmd_race(argc, argv);
	if (!strcmp(cmd, "tree"))
		return cmd_tree(argc, argv);
	if (!strcmp(cmd, "daemon"))
		return cmd_daemon(argc, argv);
	if (!strcmp(cmd, "connect"))
		return cmd_connect(argc, argv);
	if (!strcmp(cmd, "id"))
		return cmd_id();
	if (!strcmp(cmd, "fds"))
		return cmd_fds();
	if (!strcmp(cmd, "sigcount"))
		return cmd_sigcount();
	if (!strcmp(cmd, "ttyline"))
		return cmd_ttyline();
	die("unknown command '%s'", cmd);
}
