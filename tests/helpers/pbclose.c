// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pbclose: the tracer's close of its copy of a program's socket (fdgrab_close, from
 * privbind's own libprivbind.a) when that copy is the socket's last reference and the socket
 * lingers: connected, its send buffer full, a peer that reads nothing, SO_LINGER {1, 3600 s}.
 * A plain close(2) would wait an hour there; the tracer's must return within its deadline.
 * The closes fall where the deadline's alarm is fresh, half spent, and nearly spent:
 * right after, 50 ms after and 120 ms after a close of another socket.
 *
 *   pbclose       prints "closed N" after each lingering close, "done" at the end
 *
 * Run in a network namespace of its own (loopback up): it listens on 127.0.0.1.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "fdgrab.h"

static void fail(const char *what)
{
	fprintf(stderr, "pbclose: %s: %s\n", what, strerror(errno));
	exit(1);
}

/* A connected TCP socket whose close lingers, and whose peer is kept open (and unread). */
static int lingering(int lst)
{
	struct sockaddr_in a;
	socklen_t alen = sizeof a;
	struct linger lg = { .l_onoff = 1, .l_linger = 3600 };
	int s, peer, small = 4096;
	char buf[65536];

	memset(buf, 0, sizeof buf);
	if (getsockname(lst, (struct sockaddr *)&a, &alen) < 0 ||
	    (s = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    setsockopt(s, SOL_SOCKET, SO_SNDBUF, &small, sizeof small) < 0 ||
	    connect(s, (struct sockaddr *)&a, sizeof a) < 0 || (peer = accept(lst, NULL, NULL)) < 0 ||
	    setsockopt(peer, SOL_SOCKET, SO_RCVBUF, &small, sizeof small) < 0 ||
	    fcntl(s, F_SETFL, O_NONBLOCK) < 0)
		fail("a lingering socket");
	while (write(s, buf, sizeof buf) > 0)
		;
	if (errno != EAGAIN || fcntl(s, F_SETFL, 0) < 0 ||
	    setsockopt(s, SOL_SOCKET, SO_LINGER, &lg, sizeof lg) < 0)
		fail("filling the send buffer");
	return s;
}

static void pause_ms(long ms)
{
	struct timespec t = { .tv_sec = 0, .tv_nsec = ms * 1000000L };

	while (nanosleep(&t, &t) < 0 && errno == EINTR)
		;
}

int main(void)
{
	static const long after_ms[] = { 0, 50, 120 };
	struct sockaddr_in a = { .sin_family = AF_INET };
	int lst, i;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((lst = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    bind(lst, (struct sockaddr *)&a, sizeof a) < 0 || listen(lst, 16) < 0)
		fail("listening on 127.0.0.1");
	fdgrab_init();
	for (i = 0; i < (int)(sizeof after_ms / sizeof after_ms[0]); i++) {
		int s = lingering(lst), other = socket(AF_INET, SOCK_DGRAM, 0);

		if (other < 0)
			fail("socket");
		fdgrab_close(other);
		pause_ms(after_ms[i]);
		fdgrab_close(s);
		printf("closed %d\n", i + 1);
		fflush(stdout);
		pause_ms(250);     /* the alarm has rung: the next round starts afresh */
	}
	printf("done\n");
	return 0;
}
