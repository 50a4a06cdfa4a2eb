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

/* Where field's value starts in /proc/TID/status, read into buf; NULL with *err set. */
static const char *status_field(pid_t tid, const char *field, char *buf, size_t size, int *err)
{
	char path[64], key[32];
	const char *p;
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/status", (int)tid);
	snprintf(key, sizeof key, "\n%s:", field);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		*err = errno;
		return NULL;
	}
	n = read(fd, buf, size - 1);
	*err = n < 0 ? errno : ESRCH;
	close(fd);
	if (n <= 0)
		return NULL;
	buf[n] = 0;
	p = strstr(buf, key);
	return p ? p + strlen(key) : NULL;
}

long proc_status(pid_t tid, const char *field)
{
	char buf[2048];
	const char *p;
	int err;

	p = status_field(tid, field, buf, sizeof buf, &err);
	return p ? strtol(p, NULL, 10) : -err;
}

int proc_status_ids(pid_t tid, const char *field, unsigned long *ids, int n)
{
	char buf[2048], *end;
	const char *p;
	int err, i;

	p = status_field(tid, field, buf, sizeof buf, &err);
	if (!p)
		return -err;
	for (i = 0; i < n; i++, p = end) {
		ids[i] = strtoul(p, &end, 10);
		if (end == p)
			return -ESRCH;
	}
	return 0;
}

pid_t tgid_of(pid_t tid)
{
	return (pid_t)proc_status(tid, "Tgid");
}
