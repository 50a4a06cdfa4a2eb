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

struct policy;

/* The first record: what runs, as whom, under which rules, traced how. */
struct startlog {
	const char *mechanism;             /* mechanism_name() */
	pid_t tracer, pid;                 /* the tracer; COMMAND (privbind's own pid) */
	char *const *argv;                 /* COMMAND [ARG...]; NULL with --attach */
	const char *user;                  /* the passwd name, NULL when none (or --observe) */
	uid_t uid;
	gid_t gid;
	const gid_t *groups;               /* supplementary groups */
	int ngroups;
	const struct policy *policy;       /* -p as parsed; unrestricted: every port */
	long budget;                       /* -n, -1 without */
	unsigned threshold;                /* ip_unprivileged_port_start of COMMAND's netns */
};

/* privbind: pid=P tid=P comm=privbind event=start version=V mechanism=M tracer=T user=U
 *   uid=N gid=N groups=N,N ports=LIST num=N threshold=N argv=A,B time=... (one line);
 * JSON {"time":...,"event":"start",...} with argv, groups and ports as arrays. */
void log_start(const struct startlog *s);

/* The record of giving up root once -n is spent: after the grant by thread `tid` of `pid`,
 * or at the start (-n 0: tid 0). `released`: processes of other uids let go (strangers.c). */
struct droplog {
	pid_t pid, tid;
	const char *comm;
	uid_t uid;
	gid_t gid;
	long granted;                      /* the -n that is now spent */
	size_t released;
};
void log_drop(const struct droplog *d);

/* The last record, when COMMAND ends: how, after how long, and what the binds added up to
 * (summary.h). */
struct endlog {
	pid_t pid;
	const char *comm;
	bool have_status;                  /* false: COMMAND was let go and its end not seen */
	int status;                        /* the wait status */
	struct timespec runtime;           /* from the start record to COMMAND's end */
};
void log_end(const struct endlog *e);

/* -c: get standard error ready for the table (call before the tracer's stdio goes), then
 * write it there, waiting a bounded time for room. */
void log_table_open(void);
void log_table(const char *text);

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
	/* Only for the log (-v), not for -c alone: */
	bool have_ids;
	pid_t ppid;
	uid_t uid, euid;                   /* the binding thread's, as /proc shows them */
	char exe[257];                     /* /proc/PID/exe (as much of it as is logged), or "" */
	unsigned long netns;               /* the socket's netns inode when not COMMAND's, else 0 */
	int protocol;                      /* the socket's, -1 when unknown: to find a holder */
	bool have_a;
	struct bindaddr a;                 /* the inet address decoded, when have_a */
	struct holder {
		enum { HOLDER_NONE, HOLDER_PROC, HOLDER_UNKNOWN, HOLDER_OTHER_NETNS } kind;
		pid_t pid;
		char comm[17];
	} holder;                          /* EADDRINUSE: who has the address */
	struct backtrace *bt;              /* -b; owned by the record, freed by bindlog_done() */
};

/* privbind: pid=812 tid=813 comm=python3 fd=3 family=inet opts=reuseaddr proto=tcp
 *   addr=127.0.0.1:80 decision=granted result=OK reason=allowed [holder=PID/COMM] ppid=811
 *   uid=33 euid=33 exe=/usr/bin/python3.11 [netns=4026532300] time=... (one line)
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
