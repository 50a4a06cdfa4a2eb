// SPDX-License-Identifier: GPL-2.0-or-later
/* holder.c - who has the address: asked of the kernel, as ss(8) does. A sock_diag dump of
 * the protocol's sockets in the bind's network namespace gives the sockets on the port and
 * their inodes; /proc/PID/fd gives a process that has the one whose address overlaps.
 *
 * Everything read comes from the kernel (the table, and /proc's symbolic links, compared and
 * never followed), and both steps are bounded: a dump of at most HOLDER_SOCKETS sockets and
 * a scan of at most HOLDER_FDS descriptors, each within HOLDER_MS. Only for a logged bind
 * that failed with EADDRINUSE. */
#include "config.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "holder.h"
#include "netns.h"
#include "number.h"
#include "procfs.h"

#define HOLDER_SOCKETS 65536
#define HOLDER_FDS 262144
#define HOLDER_MS 200

static long elapsed_ms(const struct timespec *start)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000 + (now.tv_nsec - start->tv_nsec) / 1000000;
}

static bool all_zero(const uint8_t *b, size_t n)
{
	while (n--)
		if (*b++)
			return false;
	return true;
}

/* Does a socket bound to (family, src) clash with a bind of `a` on the same port? Either is
 * a wildcard, or both are the same address (an IPv4-mapped one as IPv4). */
static bool overlaps(const struct bindaddr *a, int family, const uint8_t *src)
{
	static const uint8_t mapped[12] = { [10] = 0xff, [11] = 0xff };
	size_t alen = a->family == AF_INET ? 4 : 16;
	uint8_t v4[4];

	if (all_zero(a->addr, alen) || all_zero(src, family == AF_INET ? 4 : 16))
		return true;
	if (family == AF_INET6 && memcmp(src, mapped, sizeof mapped) == 0) {
		memcpy(v4, src + 12, 4);
		src = v4;
		family = AF_INET;
	}
	return family == a->family && memcmp(src, a->addr, alen) == 0;
}

/* The inode of a socket of `protocol` in the dump of one family that clashes with `a`, or 0. */
static unsigned long dump_family(int nl, int family, int protocol, const struct bindaddr *a,
				 const struct timespec *start, unsigned *seen)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 r;
	} req = {
		.nlh = { .nlmsg_len = sizeof req, .nlmsg_type = SOCK_DIAG_BY_FAMILY,
			 .nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP, .nlmsg_seq = 1 },
		.r = { .sdiag_family = (uint8_t)family, .sdiag_protocol = (uint8_t)protocol,
		       .idiag_states = ~0U },
	};
	union {
		char b[32768];
		struct nlmsghdr align;
	} buf;
	unsigned long found = 0;
	ssize_t n;

	if (send(nl, &req, sizeof req, 0) != (ssize_t)sizeof req)
		return 0;
	/* Read the whole dump (what is left of it would answer the next request). */
	while ((n = recv(nl, buf.b, sizeof buf.b, 0)) > 0) {
		const struct nlmsghdr *h = &buf.align;
		int len = (int)n;

		for (; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
			const struct inet_diag_msg *m = NLMSG_DATA(h);

			if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR)
				return found;
			if (h->nlmsg_len < NLMSG_LENGTH(sizeof *m))
				continue;
			if (++*seen > HOLDER_SOCKETS || elapsed_ms(start) > HOLDER_MS)
				return found;
			if (!found && m->idiag_inode && ntohs(m->id.idiag_sport) == a->port &&
			    overlaps(a, m->idiag_family, (const uint8_t *)m->id.idiag_src))
				found = m->idiag_inode;
		}
	}
	return found;
}

/* The first process with socket `inode` open, scanning /proc within the bounds. */
static pid_t owner_of(unsigned long inode, const struct timespec *start)
{
	char path[96], link[64], want[40];
	unsigned long pid, fds = 0;
	struct dirent *pe, *fe;
	DIR *procs, *dir;
	pid_t found = 0;
	ssize_t n;

	snprintf(want, sizeof want, "socket:[%lu]", inode);
	procs = opendir("/proc");
	if (!procs)
		return 0;
	while (!found && (pe = readdir(procs))) {
		if (!parse_ulong(pe->d_name, 0x7fffffff, &pid))
			continue;
		snprintf(path, sizeof path, "/proc/%lu/fd", pid);
		if (!(dir = opendir(path)))
			continue;
		while ((fe = readdir(dir))) {
			if (fe->d_name[0] == '.')
				continue;
			if (++fds > HOLDER_FDS || elapsed_ms(start) > HOLDER_MS)
				break;
			snprintf(path, sizeof path, "/proc/%lu/fd/%.20s", pid, fe->d_name);
			n = readlink(path, link, sizeof link - 1);
			if (n <= 0)
				continue;
			link[n] = 0;
			if (strcmp(link, want) == 0) {
				found = (pid_t)pid;
				break;
			}
		}
		closedir(dir);
		if (fds > HOLDER_FDS || elapsed_ms(start) > HOLDER_MS)
			break;
	}
	closedir(procs);
	return found;
}

void holder_find(struct bindlog *l)
{
	struct timeval tv = { .tv_usec = HOLDER_MS * 1000 };
	struct timespec start;
	unsigned long inode = 0;
	unsigned seen = 0;
	int nl;

	l->holder.kind = HOLDER_UNKNOWN;
	if (!l->have_a || (l->protocol != IPPROTO_TCP && l->protocol != IPPROTO_UDP))
		return;
	nl = netns_socket(l->tid, l->netns, AF_NETLINK, SOCK_DGRAM, NETLINK_SOCK_DIAG);
	if (nl < 0) {
		if (l->netns)
			l->holder.kind = HOLDER_OTHER_NETNS;
		return;
	}
	setsockopt(nl, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	clock_gettime(CLOCK_MONOTONIC, &start);
	inode = dump_family(nl, AF_INET, l->protocol, &l->a, &start, &seen);
	if (!inode && seen <= HOLDER_SOCKETS && elapsed_ms(&start) <= HOLDER_MS)
		inode = dump_family(nl, AF_INET6, l->protocol, &l->a, &start, &seen);
	close(nl);
	if (!inode)
		return;
	l->holder.pid = owner_of(inode, &start);
	if (l->holder.pid > 0) {
		l->holder.kind = HOLDER_PROC;
		proc_comm(l->holder.pid, l->holder.comm, sizeof l->holder.comm);
	}
}
