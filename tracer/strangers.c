// SPDX-License-Identifier: GPL-2.0-or-later
/* strangers.c - the processes of another uid in the tree, once the tracer has become USER.
 *
 * After -n is spent the tracer gives up root and runs as USER, who may then signal it. With
 * PTRACE_O_EXITKILL, USER killing it would kill every tracee, and USER stopping it would hold
 * every tracee at its next bind: among them set-user-ID programs run by the tree, which USER
 * could never signal. So the tracer lets go of them (PTRACE_DETACH): of those running at the
 * drop, and of any that becomes one later (an exec of a set-user-ID program still gains its
 * privileges: the kernel judges that by the tracer's credentials at attach time, root's). A
 * process let go keeps the filter with no tracer: its later binds fail with ENOSYS. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <unistd.h>

#include "number.h"
#include "strangers.h"

#define MAX_MARKED 256

static pid_t marked[MAX_MARKED];
static size_t nmarked;

/* /proc/TID/status, NUL-terminated in buf; false when unreadable */
static bool status_of(const char *path, char *buf, size_t size)
{
	ssize_t n = -1;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		n = read(fd, buf, size - 1);
		close(fd);
	}
	if (n <= 0)
		return false;
	buf[n] = 0;
	return true;
}

/* Do all four ids of a "Uid:" or "Gid:" line equal `want`? */
static bool ids_are(const char *buf, const char *key, unsigned long want)
{
	const char *p = strstr(buf, key);
	unsigned long id[4];

	if (!p || sscanf(p + strlen(key), "%lu %lu %lu %lu", &id[0], &id[1], &id[2], &id[3]) != 4)
		return false;
	return id[0] == want && id[1] == want && id[2] == want && id[3] == want;
}

static bool stranger_status(const char *buf, uid_t uid, gid_t gid)
{
	const char *cap = strstr(buf, "\nCapPrm:");

	return !ids_are(buf, "\nUid:", uid) || !ids_are(buf, "\nGid:", gid) ||
	       !cap || strtoull(cap + 8, NULL, 16) != 0;
}

bool stranger(pid_t tid, uid_t uid, gid_t gid)
{
	char path[64], buf[4096];

	snprintf(path, sizeof path, "/proc/%d/status", (int)tid);
	return status_of(path, buf, sizeof buf) && stranger_status(buf, uid, gid);
}

static size_t mark(pid_t tid)
{
	if (nmarked == MAX_MARKED)
		return 0;           /* more than that: they stay traced */
	if (ptrace(PTRACE_INTERRUPT, tid, 0, 0) < 0)
		return 0;
	marked[nmarked++] = tid;
	return 1;
}

size_t strangers_mark(uid_t uid, gid_t gid)
{
	char path[96], buf[4096], *p;
	pid_t self = getpid();
	struct dirent *pe, *te;
	DIR *procs, *tasks;
	unsigned long pid, tid;
	size_t n = 0;

	procs = opendir("/proc");
	if (!procs)
		return 0;
	while ((pe = readdir(procs))) {
		if (!parse_ulong(pe->d_name, 0x7fffffff, &pid))
			continue;
		snprintf(path, sizeof path, "/proc/%lu/task", pid);
		if (!(tasks = opendir(path)))
			continue;
		while ((te = readdir(tasks))) {
			if (!parse_ulong(te->d_name, 0x7fffffff, &tid))
				continue;
			snprintf(path, sizeof path, "/proc/%lu/task/%lu/status", pid, tid);
			if (!status_of(path, buf, sizeof buf) || !(p = strstr(buf, "\nTracerPid:")) ||
			    strtol(p + 11, NULL, 10) != self)
				continue;
			if (stranger_status(buf, uid, gid))
				n += mark((pid_t)tid);
		}
		closedir(tasks);
	}
	closedir(procs);
	return n;
}

bool strangers_take(pid_t tid)
{
	size_t i;

	for (i = 0; i < nmarked; i++) {
		if (marked[i] == tid) {
			marked[i] = marked[--nmarked];
			return true;
		}
	}
	return false;
}
