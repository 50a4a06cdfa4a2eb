// SPDX-License-Identifier: GPL-2.0-or-later
/* procfs.c - /proc reads about a traced thread: for the log, and where no syscall tells (a
 * thread's process on kernels without PIDFD_THREAD). Never on the path of an ordinary bind. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "procfs.h"

void proc_comm(pid_t tid, char *buf, size_t size)
{
	char path[64];
	ssize_t n = -1;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/comm", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, size - 1);
		close(fd);
	}
	if (n < 0)
		n = 0;
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	buf[n] = 0;
}

long proc_status(pid_t tid, const char *field)
{
	char path[64], buf[2048], key[32], *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/status", (int)tid);
	snprintf(key, sizeof key, "\n%s:", field);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -ESRCH;
	buf[n] = 0;
	p = strstr(buf, key);
	return p ? strtol(p + strlen(key), NULL, 10) : -ESRCH;
}

pid_t tgid_of(pid_t tid)
{
	return (pid_t)proc_status(tid, "Tgid");
}
