// SPDX-License-Identifier: GPL-2.0-or-later
/* log.h - privbind's log: one record per bind (-v) and per fork, exec and exit of a traced
 * process (-vv), as a key=value line or a JSON object, each written whole. */
#ifndef PRIVBIND_LOG_H
#define PRIVBIND_LOG_H

#include <stdbool.h>
#include <sys/types.h>
#include <time.h>

#include "sockaddr.h"
#include "sockopts.h"

enum log_format { LOG_TEXT, LOG_JSON };

/* Open the log: `path` (appended to; created 0666 less the umask) or, for NULL, standard
 * error. Call once, in the tracer; dies (EXIT_SETUP) if `path` cannot be opened. */
void log_open(const char *path, enum log_format format);

/* The first record: the kernel interfaces in use (mechanism_name()). The text line is
 * "privbind: mechanism=seccomp+pidfd", with no other field; JSON has event "start". */
void log_start(const char *mechanism);

struct backtrace;

struct bindlog {
	struct timespec when;              /* CLOCK_REALTIME at the bind's stop */
	pid_t pid, tid;
	char comm[17];                     /* the calling thread's comm, "" when unknown */
	int fd;
	int family;                        /* the socket's SO_DOMAIN, 0 when unknown */
	bool have_opts;
	struct sockopts opts;
	const char *proto;                 /* "tcp", "udp", ... or "-" when unknown */
	char addr[SOCKADDR_DESCLEN];       /* as the kernel reads it; "?" when unreadable */
	int port;                          /* of an inet address, else -1 */
	unsigned char raw[SOCKADDR_MAX];   /* the bytes, for a unix name in JSON */
	int rawlen;                        /* -1 when unreadable */
	const char *decision;              /* verdict_name(), verdict_name_observed() */
	const char *reason;                /* reason_name() */
	struct backtrace *bt;              /* -b; owned by the record, freed by bindlog_done() */
};

/* privbind: pid=812 tid=813 comm=python3 fd=3 family=inet opts=reuseaddr proto=tcp
 *   addr=127.0.0.1:80 decision=granted result=OK reason=allowed time=... (one line)
 * err: the errno the program got, 0 for success. */
void log_bind(const struct bindlog *l, int err);

/* Let go of what the record holds (its backtrace). */
void bindlog_done(struct bindlog *l);

enum proc_event { PEV_FORK, PEV_EXEC, PEV_EXIT };

struct proclog {
	enum proc_event kind;
	pid_t pid, tid;
	const char *comm;
	pid_t child;                       /* PEV_FORK: the new process */
	const char *exe;                   /* PEV_EXEC: /proc/PID/exe, or NULL */
	int status;                        /* PEV_EXIT: the wait status */
};

/* privbind: pid=812 tid=812 comm=sh event=fork child=813 time=... */
void log_proc(const struct proclog *e);

#endif
