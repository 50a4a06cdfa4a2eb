// SPDX-License-Identifier: GPL-2.0-or-later
/* spawn - start a command N times, one after the other, and print the mean wall time of one
 * run in microseconds: the start-up cost of a wrapper (fork, exec, its set-up, exit, wait). */
#include "config.h"

#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>

extern char **environ;

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	long i, n;

	if (argc < 3) {
		fprintf(stderr, "usage: spawn N COMMAND [ARG...]\n");
		return 2;
	}
	n = atol(argv[1]);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < n; i++) {
		pid_t pid;
		int status;

		if (posix_spawnp(&pid, argv[2], NULL, NULL, argv + 2, environ) != 0 ||
		    waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
			fprintf(stderr, "spawn: %s failed\n", argv[2]);
			return 1;
		}
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.1f\n", ((t1.tv_sec - t0.tv_sec) * 1e9 + (t1.tv_nsec - t0.tv_nsec)) / n / 1e3);
	return 0;
}
