// SPDX-License-Identifier: GPL-2.0-or-later
/* workload - the loops `make bench` times. Each prints one number: nanoseconds per iteration
 * (or, for burst, the latency percentiles of the binds), measured inside the program so that
 * start-up costs stay out of it.
 *
 *   workload bindcycle N PORT    socket + bind(127.0.0.1:PORT) + close, N times
 *   workload getppid N           getppid(), N times
 *   workload openread N FILE     open + read 64 bytes + close, N times
 *   workload forkwait N          fork + _exit + wait, N times
 *   workload burst N BASEPORT    N processes bind BASEPORT+i at the same moment; prints
 *                                "granted=G p50_us=.. p99_us=.. max_us=.. binds_per_s=..",
 *                                the last the granted binds over the time from the first
 *                                bind's start to the last one's end (a tracer's throughput)
 *   workload hold N              fork N children that wait until stdin closes (for RSS) */

#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static long long now_ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void fail(const char *what)
{
	fprintf(stderr, "workload: %s: %s\n", what, strerror(errno));
	exit(1);
}

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static void bindcycle(long n, int port)
{
	struct sockaddr_in a = loopback(port);
	long i;

	for (i = 0; i < n; i++) {
		int fd = socket(AF_INET, SOCK_STREAM, 0);

		if (fd < 0)
			fail("socket");
		if (bind(fd, (struct sockaddr *)&a, sizeof a) < 0)
			fail("bind");
		close(fd);
	}
}

static void getppid_loop(long n)
{
	long i;

	for (i = 0; i < n; i++)
		syscall(SYS_getppid);   /* not glibc's: it must reach the kernel every time */
}

static void openread(long n, const char *file)
{
	char buf[64];
	long i;

	for (i = 0; i < n; i++) {
		int fd = open(file, O_RDONLY);

		if (fd < 0)
			fail(file);
		if (read(fd, buf, sizeof buf) < 0)
			fail("read");
		close(fd);
	}
}

static void forkwait(long n)
{
	long i;

	for (i = 0; i < n; i++) {
		pid_t p = fork();

		if (p < 0)
			fail("fork");
		if (p == 0)
			_exit(0);
		if (waitpid(p, NULL, 0) < 0)
			fail("waitpid");
	}
}

static int cmp_ll(const void *a, const void *b)
{
	long long x = *(const long long *)a, y = *(const long long *)b;

	return x < y ? -1 : x > y;
}

/* Every child waits at the same pipe; closing it starts them all at once. They stay until
 * every bind is done, as servers that bind at start-up would, so that nothing but the binds
 * competes for the tracer. */
static void burst(long n, int base)
{
	/* per child: bind's latency, start and end (CLOCK_MONOTONIC, ns) */
	long long *lat = mmap(NULL, (size_t)n * 3 * sizeof *lat, PROT_READ | PROT_WRITE,
			      MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	long long *start = lat + n, *end = lat + 2 * n, first = 0, last = 0;
	int go[2], done[2], leave[2];
	long i, granted = 0;
	char c;

	if (lat == MAP_FAILED || pipe(go) < 0 || pipe(done) < 0 || pipe(leave) < 0)
		fail("setup");
	for (i = 0; i < n; i++) {
		pid_t p = fork();

		if (p < 0)
			fail("fork");
		if (p == 0) {
			struct sockaddr_in a = loopback(base + (int)i);
			int fd = socket(AF_INET, SOCK_STREAM, 0);
			long long t0;

			close(go[1]);
			close(leave[1]);
			if (read(go[0], &c, 1) < 0)
				_exit(1);
			t0 = now_ns();
			lat[i] = bind(fd, (struct sockaddr *)&a, sizeof a) == 0 ? now_ns() - t0 : -1;
			start[i] = t0;
			end[i] = t0 + lat[i];
			if (write(done[1], "", 1) != 1 || read(leave[0], &c, 1) < 0)
				_exit(1);
			_exit(0);
		}
	}
	close(go[0]);
	close(go[1]);
	close(done[1]);
	for (i = 0; i < n && read(done[0], &c, 1) == 1; i++)
		;
	close(leave[1]);
	while (wait(NULL) > 0)
		;
	for (i = 0; i < n; i++) {
		if (lat[i] < 0)
			continue;
		if (!granted || start[i] < first)
			first = start[i];
		if (!granted || end[i] > last)
			last = end[i];
		lat[granted++] = lat[i];
	}
	qsort(lat, (size_t)granted, sizeof *lat, cmp_ll);
	printf("granted=%ld p50_us=%.1f p99_us=%.1f max_us=%.1f binds_per_s=%.0f\n", granted,
	       granted ? lat[granted / 2] / 1e3 : 0, granted ? lat[granted * 99 / 100] / 1e3 : 0,
	       granted ? lat[granted - 1] / 1e3 : 0,
	       last > first ? granted * 1e9 / (double)(last - first) : 0);
}

static void hold(long n)
{
	char c;
	long i;

	for (i = 0; i < n; i++) {
		pid_t p = fork();

		if (p < 0)
			fail("fork");
		if (p == 0) {
			while (read(0, &c, 1) > 0)
				;
			_exit(0);
		}
	}
	printf("holding %ld\n", n);
	fflush(stdout);
	while (read(0, &c, 1) > 0)
		;
	while (wait(NULL) > 0)
		;
}

int main(int argc, char **argv)
{
	long long t0;
	long n;

	if (argc < 3) {
		fprintf(stderr, "usage: workload bindcycle|getppid|openread|forkwait|burst|hold N [ARG]\n");
		return 2;
	}
	n = atol(argv[2]);
	if (strcmp(argv[1], "burst") == 0 && argc == 4) {
		burst(n, atoi(argv[3]));
		return 0;
	}
	if (strcmp(argv[1], "hold") == 0) {
		hold(n);
		return 0;
	}
	t0 = now_ns();
	if (strcmp(argv[1], "bindcycle") == 0 && argc == 4)
		bindcycle(n, atoi(argv[3]));
	else if (strcmp(argv[1], "getppid") == 0)
		getppid_loop(n);
	else if (strcmp(argv[1], "openread") == 0 && argc == 4)
		openread(n, argv[3]);
	else if (strcmp(argv[1], "forkwait") == 0)
		forkwait(n);
	else {
		fprintf(stderr, "workload: bad arguments\n");
		return 2;
	}
	printf("%.1f\n", (double)(now_ns() - t0) / (double)n);
	return 0;
}
