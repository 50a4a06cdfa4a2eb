// SPDX-License-Identifier: GPL-2.0-or-later
/* netns.c - the sysctl is per network namespace (4.11), and a socket may live in another
 * namespace than privbind's. SO_NETNS_COOKIE (5.14) tells in one call whether it does;
 * SIOCGSKNS (4.9) names the socket's namespace, and setns(2) enters it long enough to read its
 * /proc/sys/net (which shows the reader's namespace).
 *
 * privbind's own namespace's threshold is also kept, for the fast way out of a bind that needs
 * no privilege (bindcall.c), so that such a bind costs no pread. The sysctl can change at any
 * time, and nothing tells of a change but reading it: the kept value serves for at most
 * OWN_TTL_NS after it was read, and every bind that may be granted reads it anew. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "netns.h"
#include "number.h"
#include "util.h"

#define SYSCTL "/proc/sys/net/ipv4/ip_unprivileged_port_start"
#define DEFAULT_THRESHOLD 1024

#ifndef SO_NETNS_COOKIE
#define SO_NETNS_COOKIE 71
#endif

static int own_ns = -1;      /* privbind's namespace, to come back to */
static int own_sysctl = -1;  /* its sysctl, open: reading it costs one pread */
static dev_t own_dev;
static ino_t own_ino;
static uint64_t own_cookie;
static bool have_cookie;     /* the kernel has SO_NETNS_COOKIE */
static unsigned own_kept;    /* the last value read of own_sysctl */
static long long own_read_at; /* when (CLOCK_MONOTONIC, ns); 0: never */

/* A millisecond is shorter than any program's way to see a change of the sysctl and then bind
 * (another process writes it, tells the program, the program binds, the tracer serves that
 * stop), and long enough to spare a pread to all but one bind in some fifty at full speed. */
#define OWN_TTL_NS 1000000LL

static bool cookie_of(int fd, uint64_t *cookie)
{
	socklen_t len = sizeof *cookie;

	return getsockopt(fd, SOL_SOCKET, SO_NETNS_COOKIE, cookie, &len) == 0;
}

static unsigned read_threshold(int fd)
{
	char buf[16];
	unsigned long v;
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);

	if (n <= 0)
		return DEFAULT_THRESHOLD;
	buf[n] = 0;
	if (buf[n - 1] == '\n')
		buf[n - 1] = 0;
	return parse_ulong(buf, 65536, &v) ? (unsigned)v : DEFAULT_THRESHOLD;
}

void netns_init(void)
{
	struct stat st;
	int s;

	own_ns = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC);
	if (own_ns < 0 || fstat(own_ns, &st) < 0)
		die_errno("cannot open privbind's network namespace (/proc/self/ns/net)");
	own_dev = st.st_dev;
	own_ino = st.st_ino;
	/* Before 4.11 the threshold is the constant 1024 (PROT_SOCK), and there is no sysctl. */
	own_sysctl = open(SYSCTL, O_RDONLY | O_CLOEXEC);
	if (own_sysctl < 0 && errno != ENOENT)
		die_errno("cannot open " SYSCTL);
	/* Any socket made here lives in privbind's namespace. */
	s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s >= 0) {
		have_cookie = cookie_of(s, &own_cookie);
		close(s);
	}
}

/* CLOCK_MONOTONIC is read through the vDSO: no syscall. */
static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

unsigned netns_own_threshold(void)
{
	if (own_sysctl < 0)
		return DEFAULT_THRESHOLD;
	own_kept = read_threshold(own_sysctl);
	own_read_at = now_ns();
	return own_kept;
}

unsigned netns_own_threshold_kept(bool *fresh)
{
	*fresh = true;
	if (own_sysctl < 0)
		return DEFAULT_THRESHOLD;
	if (own_read_at && now_ns() - own_read_at < OWN_TTL_NS) {
		*fresh = false;
		return own_kept;
	}
	return netns_own_threshold();
}

unsigned netns_threshold_now(void)
{
	int fd = open(SYSCTL, O_RDONLY | O_CLOEXEC);
	unsigned t;

	if (fd < 0)
		return DEFAULT_THRESHOLD;
	t = read_threshold(fd);
	close(fd);
	return t;
}

static unsigned foreign_threshold(int ns)
{
	unsigned t = DEFAULT_THRESHOLD;
	int fd;

	if (setns(ns, CLONE_NEWNET) < 0)
		return t;
	fd = open(SYSCTL, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		t = read_threshold(fd);
		close(fd);
	}
	/* Staying in the program's namespace would be wrong for every later socket. */
	if (setns(own_ns, CLONE_NEWNET) < 0)
		die_errno("cannot return to privbind's network namespace");
	return t;
}

unsigned netns_threshold(int fd, unsigned own)
{
	struct stat st;
	uint64_t cookie;
	unsigned t;
	int ns;

	if (have_cookie && cookie_of(fd, &cookie) && cookie == own_cookie)
		return own;
	ns = ioctl(fd, SIOCGSKNS);
	if (ns < 0)
		return own;
	if (fstat(ns, &st) == 0 && st.st_dev == own_dev && st.st_ino == own_ino)
		t = own;
	else
		t = foreign_threshold(ns);
	close(ns);
	return t;
}

void netns_close(void)
{
	/* The sysctl stays open: reading it needs no privilege, and the log still wants it. */
	if (own_ns >= 0)
		close(own_ns);
	own_ns = -1;
}

/* "net:[4026531840]" -> 4026531840, 0 when unreadable */
static unsigned long ns_link_ino(pid_t tid)
{
	char path[64], link[64];
	unsigned long ino = 0;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/ns/net", (int)tid);
	n = readlink(path, link, sizeof link - 1);
	if (n <= 0)
		return 0;
	link[n] = 0;
	if (sscanf(link, "net:[%lu]", &ino) != 1)
		return 0;
	return ino;
}

unsigned long netns_of(int fd, pid_t tid)
{
	unsigned long ino = 0;
	uint64_t cookie;
	struct stat st;
	int ns = -1;

	if (fd >= 0 && have_cookie && cookie_of(fd, &cookie) && cookie == own_cookie)
		return 0;
	if (fd >= 0)
		ns = ioctl(fd, SIOCGSKNS);
	if (ns >= 0) {
		if (fstat(ns, &st) == 0 && !(st.st_dev == own_dev && st.st_ino == own_ino))
			ino = (unsigned long)st.st_ino;
		close(ns);
		return ino;
	}
	/* No socket to ask (or no right to: after the drop): the thread's own namespace. */
	ino = ns_link_ino(tid);
	return ino == (unsigned long)own_ino ? 0 : ino;
}

int netns_socket(pid_t tid, unsigned long ino, int domain, int type, int protocol)
{
	char path[64];
	struct stat st;
	int ns, s = -1;

	if (!ino)
		return socket(domain, type | SOCK_CLOEXEC, protocol);
	if (own_ns < 0)
		return -1;      /* root given up: no way in */
	snprintf(path, sizeof path, "/proc/%d/ns/net", (int)tid);
	ns = open(path, O_RDONLY | O_CLOEXEC);
	if (ns < 0)
		return -1;
	if (fstat(ns, &st) == 0 && (unsigned long)st.st_ino == ino && setns(ns, CLONE_NEWNET) == 0) {
		s = socket(domain, type | SOCK_CLOEXEC, protocol);
		if (setns(own_ns, CLONE_NEWNET) < 0)
			die_errno("cannot return to privbind's network namespace");
	}
	close(ns);
	return s;
}
