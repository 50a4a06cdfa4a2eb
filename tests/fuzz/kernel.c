// SPDX-License-Identifier: GPL-2.0-or-later
/* kernel.c - the oracle of the decoder targets: the running kernel itself. The bytes a program
 * passes are bound, as root, on a fresh UDP socket in a network namespace of this process's
 * own, and the kernel's answer (an errno, or the address getsockname(2) reports) is what
 * privbind's reading of the same bytes must agree with. IP_FREEBIND lets any address bind,
 * so the answer is about the bytes, not about which addresses this machine has; the namespace
 * has one ephemeral port, so a bind of port 0 is told from a bind of any other. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sched.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "fuzz.h"

static int ready;     /* 0: not tried; 1: in a namespace of our own; -1: cannot be */

bool kernel_oracle(void)
{
	int fd;

	if (!ready) {
		ready = -1;
		/* Only this thread moves: the one that runs the targets. */
		if (unshare(CLONE_NEWNET) < 0) {
			fprintf(stderr, "kernel oracle off: unshare(CLONE_NEWNET): %s (run as root)\n",
				strerror(errno));
			return false;
		}
		fd = open("/proc/sys/net/ipv4/ip_local_port_range", O_WRONLY);
		CHECK(fd >= 0);
		CHECK(write(fd, "61000 61000", 11) == 11);
		close(fd);
		ready = 1;
	}
	return ready > 0;
}

int kernel_bind(int domain, const void *buf, int len, struct kernel_answer *k)
{
	static const int on = 1;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	int fd, err = 0;

	memset(k, 0, sizeof *k);
	fd = socket(domain, SOCK_DGRAM, 0);
	CHECK(fd >= 0);
	CHECK(setsockopt(fd, SOL_IP, IP_FREEBIND, &on, sizeof on) == 0);
	if (bind(fd, buf, (socklen_t)len) < 0) {
		err = errno;
	} else {
		CHECK(getsockname(fd, (struct sockaddr *)&ss, &sl) == 0);
		if (ss.ss_family == AF_INET) {
			const struct sockaddr_in *in = (const struct sockaddr_in *)&ss;

			k->family = AF_INET;
			memcpy(k->addr, &in->sin_addr, 4);
			k->port = ntohs(in->sin_port);
		} else {
			const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)&ss;

			CHECK(ss.ss_family == AF_INET6);
			k->family = AF_INET6;
			memcpy(k->addr, &in6->sin6_addr, 16);
			k->port = ntohs(in6->sin6_port);
			k->scope_id = in6->sin6_scope_id;
		}
		k->ephemeral = k->port == KERNEL_EPHEMERAL_PORT;
	}
	close(fd);
	k->err = err;
	return err;
}
