// SPDX-License-Identifier: GPL-2.0-or-later
/* log.c - one record per event, built whole in a buffer of at most PIPE_BUF bytes and written
 * with one write(2) (send(2) to a socket), so records never interleave with each other or
 * with the program's own output on a shared pipe.
 *
 * The log never stops or slows the program: the tracer writes without blocking, on a
 * descriptor of its own (a full pipe or terminal: EAGAIN), ignores SIGPIPE (a closed reader:
 * EPIPE), and a record that cannot be written at once is dropped. The caller's standard error
 * is COMMAND's too, so its open file description is never made non-blocking: for a pipe or
 * terminal the tracer opens a description of its own on the same file; to a socket (the
 * journal) it sends with MSG_DONTWAIT. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "backtrace.h"
#include "compat.h"
#include "escape.h"
#include "log.h"
#include "policy.h"
#include "policyfmt.h"
#include "summary.h"
#include "util.h"

#define LOG_MAX PIPE_BUF        /* the most one write(2) to a pipe keeps whole */
#define LOG_FIELD 256           /* the most bytes of one program-chosen string logged */

static struct {
	int fd;
	bool sock;                  /* send(MSG_DONTWAIT) rather than write */
	enum log_format format;
} dst = { .fd = STDERR_FILENO };

/* Standard error, writable without blocking and without touching the caller's description. */
static void open_stderr(void)
{
	struct stat st;
	int fd;

	if (fstat(STDERR_FILENO, &st) < 0)
		return;
	if (S_ISSOCK(st.st_mode)) {
		dst.sock = true;
		return;
	}
	if (!S_ISFIFO(st.st_mode) && !isatty(STDERR_FILENO))
		return;     /* a file: writes do not wait for a reader */
	/* O_NOCTTY: the tracer leads a session of its own and must not gain a terminal. */
	fd = open("/proc/self/fd/2", O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd >= 0)
		dst.fd = fd;
	/* else (no reader left: ENXIO) stderr as it is: its writes fail (EPIPE) anyway */
}

void log_open(const char *path, enum log_format format)
{
	int fd;

	dst.format = format;
	if (!path) {
		open_stderr();
		return;
	}
	/* As the shell's 2>>FILE would, and a FIFO waits for its reader here, once. */
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOCTTY, 0666);
	if (fd < 0)
		die_errno("cannot open the log file '%s'", path);
	if (fcntl(fd, F_SETFL, O_APPEND | O_NONBLOCK) < 0)
		die_errno("cannot make the log file '%s' non-blocking", path);
	dst.fd = fd;
}

static void emit(const char *buf, size_t n)
{
	ssize_t r;

	if (dst.sock)
		r = send(dst.fd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL);
	else
		r = write(dst.fd, buf, n);
	if (r < 0) {
		/* Full, closed or gone: the record is dropped, the program goes on. */
	}
}

/* A record under construction. Once something does not fit, nothing more is added: the
 * caller ends the record within the room it kept. */
struct rec {
	char *b;
	size_t cap, n;
	bool full;
};

/* A record of at most LOG_MAX bytes, on the stack. */
#define REC(r) char r##_buf[LOG_MAX]; struct rec r = { .b = r##_buf, .cap = sizeof r##_buf }

__attribute__((format(printf, 2, 3)))
static void add(struct rec *r, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (r->full)
		return;
	va_start(ap, fmt);
	k = vsnprintf(r->b + r->n, r->cap - r->n, fmt, ap);
	va_end(ap);
	if (k < 0 || (size_t)k >= r->cap - r->n) {
		r->full = true;
		r->b[r->n] = 0;
		return;
	}
	r->n += (size_t)k;
}

/* A string the program chose, as a text value ("-" when empty) or a JSON string. */
static void add_str(struct rec *r, const void *s, size_t n)
{
	char e[6 * LOG_FIELD + 1];

	if (n > LOG_FIELD)
		n = LOG_FIELD;
	if (dst.format == LOG_JSON) {
		escape_json(e, sizeof e, s, n);
		add(r, "\"%s\"", e);
	} else {
		escape_text(e, sizeof e, s, n);
		add(r, "%s", n ? e : "-");
	}
}

static void add_cstr(struct rec *r, const char *s)
{
	if (dst.format == LOG_JSON && !*s)
		add(r, "null");
	else
		add_str(r, s, strlen(s));
}

/* 2026-11-26T14:03:07.123456+01:00: local time, with its offset so that it is unambiguous. */
static void add_time(struct rec *r, const struct timespec *ts)
{
	char date[32], zone[8] = "";
	struct tm tm;

	if (!localtime_r(&ts->tv_sec, &tm) || !strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm)) {
		add(r, dst.format == LOG_JSON ? "null" : "-");
		return;
	}
	if (strftime(zone, sizeof zone, "%z", &tm) == 5)
		memmove(zone + 4, zone + 3, 3);   /* +0100 -> +01:00 */
	if (zone[0])
		zone[3] = ':';
	add(r, dst.format == LOG_JSON ? "\"%s.%06ld%s\"" : "%s.%06ld%s", date, ts->tv_nsec / 1000, zone);
}

static const char *family_name(int family)
{
	static char other[16];

	switch (family) {
	case AF_INET:
		return "inet";
	case AF_INET6:
		return "inet6";
	case AF_UNIX:
		return "unix";
	case AF_NETLINK:
		return "netlink";
	case AF_PACKET:
		return "packet";
	case AF_VSOCK:
		return "vsock";
	default:
		break;
	}
	if (family <= 0)
		return NULL;
	snprintf(other, sizeof other, "%d", family);
	return other;
}

/* A word privbind chose (no escaping needed): "word" in JSON; NULL is null or "-". */
static void add_word(struct rec *r, const char *w)
{
	if (!w)
		add(r, dst.format == LOG_JSON ? "null" : "-");
	else
		add(r, dst.format == LOG_JSON ? "\"%s\"" : "%s", w);
}

/* reuseaddr,v6only,bindtodevice:eth0 or ["reuseaddr","v6only","bindtodevice:eth0"]; each
 * through add_str(): a device name is the program's to choose. */
static void add_opts(struct rec *r, const struct bindlog *l)
{
	char dev[sizeof "bindtodevice:" + sizeof l->opts.device];
	bool first = true;
	unsigned bit;
	int n;

	if (!l->have_opts) {
		add_word(r, NULL);
		return;
	}
	if (dst.format == LOG_JSON)
		add(r, "[");
	for (bit = 1; bit <= SOCKOPT_TRANSPARENT; bit <<= 1) {
		if (!(l->opts.flags & bit))
			continue;
		if (!first)
			add(r, ",");
		add_word(r, sockopt_name(bit));
		first = false;
	}
	if (l->opts.device[0]) {
		n = snprintf(dev, sizeof dev, "bindtodevice:%s", l->opts.device);
		if (!first)
			add(r, ",");
		add_str(r, dev, (size_t)n);
		first = false;
	}
	if (dst.format == LOG_JSON)
		add(r, "]");
	else if (first)
		add(r, "-");
}

static void add_addr(struct rec *r, const struct bindlog *l)
{
	const unsigned char *name;
	size_t n;
	bool abstract;

	if (dst.format != LOG_JSON) {
		add(r, "%s", l->addr);
	} else if (l->rawlen < 0) {
		add(r, "null");
	} else if (sockaddr_unix_name(l->raw, l->rawlen, &name, &n, &abstract)) {
		/* The raw name, escaped for JSON: the text form has \xHH escapes. */
		char e[6 * sizeof l->raw + 1];

		escape_json(e, sizeof e, name, n);
		add(r, "\"unix:%s%s\"", abstract ? "@" : "", e);
	} else {
		add(r, "\"%s\"", l->addr);    /* inet, family=N, len=N: ASCII without quotes */
	}
}

/* Start a record: the fields every event has. */
static void add_head(struct rec *r, const struct timespec *when, const char *event, pid_t pid,
		     pid_t tid, const char *comm)
{
	if (dst.format == LOG_JSON) {
		add(r, "{\"time\":");
		add_time(r, when);
		add(r, ",\"event\":\"%s\",\"pid\":%d,\"tid\":%d,\"comm\":", event, (int)pid, (int)tid);
		add_cstr(r, comm);
	} else {
		add(r, "privbind: pid=%d tid=%d comm=", (int)pid, (int)tid);
		add_cstr(r, comm);
	}
}

/* Room kept, after the frames that fit, to end a record: "],...":true}\n or "... (more frames)". */
#define TAIL_ROOM 64

/* #0  0x00007f3c1b2e4a7b bind+0xb (/usr/lib/x86_64-linux-gnu/libc.so.6+0x1107ab)
 * {"ip":"0x7f3c1b2e4a7b","function":"bind","offset":11,"module":"...","module_offset":1115051} */
static void add_frame(struct rec *r, int i, const struct frame *f)
{
	if (dst.format == LOG_JSON) {
		add(r, "%s{\"ip\":\"0x%lx\",\"function\":", i ? "," : "", f->ip);
		add_cstr(r, f->function);
		if (f->function[0])
			add(r, ",\"offset\":%lu,\"module\":", f->offset);
		else
			add(r, ",\"offset\":null,\"module\":");
		add_cstr(r, f->module);
		if (f->module[0])
			add(r, ",\"module_offset\":%lu}", f->module_offset);
		else
			add(r, ",\"module_offset\":null}");
		return;
	}
	add(r, "privbind:   #%-2d 0x%016lx ", i, f->ip);
	if (f->function[0]) {
		add_cstr(r, f->function);
		add(r, "+0x%lx", f->offset);
	} else {
		add(r, "?");
	}
	if (f->module[0]) {
		add(r, " (");
		add_cstr(r, f->module);
		add(r, "+0x%lx)\n", f->module_offset);
	} else {
		add(r, " (?)\n");
	}
}

/* The frames that fit the record, each whole, keeping TAIL_ROOM. */
static void add_backtrace(struct rec *r, const struct backtrace *bt)
{
	bool cut = bt->truncated;
	int i;

	if (dst.format == LOG_JSON)
		add(r, ",\"backtrace\":[");
	for (i = 0; i < bt->n && !r->full; i++) {
		REC(f);

		add_frame(&f, i, &bt->f[i]);
		if (f.full || r->n + f.n + TAIL_ROOM >= r->cap) {
			cut = true;
			break;
		}
		memcpy(r->b + r->n, f.b, f.n + 1);
		r->n += f.n;
	}
	if (dst.format == LOG_JSON)
		add(r, "],\"backtrace_truncated\":%s", cut ? "true" : "false");
	else if (cut)
		add(r, "privbind:   ... (more frames)\n");
}

/* One argument of argv in the text form: escaped, and its commas too (they join the list). */
static void add_arg(struct rec *r, const char *a)
{
	char e[4 * LOG_FIELD + 1];
	size_t n = strlen(a), i;

	if (n > LOG_FIELD)
		n = LOG_FIELD;
	escape_text(e, sizeof e, a, n);
	for (i = 0; e[i]; i++)
		add(r, e[i] == ',' ? "\\x2c" : "%c", e[i]);
}

/* The signal that ended a process: "status":null,"signal":"SIGTERM" or signal=SIGTERM. */
static void add_signal(struct rec *r, bool json, int signo)
{
	const char *sig = sigabbrev_np(signo);

	add(r, json ? ",\"status\":null,\"signal\":" : " signal=");
	if (sig)
		add(r, json ? "\"SIG%s\"" : "SIG%s", sig);
	else
		add(r, json ? "\"%d\"" : "%d", signo);
}

/* The -p list: items in -p's syntax, or "any" / null for no -p. */
static void add_ports(struct rec *r, const struct policy *p)
{
	char item[POLICY_ITEM_LEN];
	size_t i;

	if (!p->restricted) {
		add_word(r, dst.format == LOG_JSON ? NULL : "any");
		return;
	}
	if (dst.format == LOG_JSON)
		add(r, "[");
	for (i = 0; i < p->n; i++) {
		policy_item_format(&p->items[i], item, sizeof item);
		add(r, dst.format == LOG_JSON ? "%s\"%s\"" : "%s%s", i ? "," : "", item);
	}
	if (dst.format == LOG_JSON)
		add(r, "]");
}

void log_start(const struct startlog *s)
{
	bool json = dst.format == LOG_JSON;
	struct timespec now;
	REC(r);
	int i;

	clock_gettime(CLOCK_REALTIME, &now);
	add_head(&r, &now, "start", s->pid, s->pid, "privbind");
	add(&r, json ? ",\"version\":\"%s\",\"mechanism\":\"%s\",\"tracer\":%d,\"user\":" :
	    " event=start version=%s mechanism=%s tracer=%d user=", PACKAGE_VERSION, s->mechanism,
	    (int)s->tracer);
	add_cstr(&r, s->user ? s->user : "");
	add(&r, json ? ",\"uid\":%u,\"gid\":%u,\"groups\":[" : " uid=%u gid=%u groups=",
	    (unsigned)s->uid, (unsigned)s->gid);
	for (i = 0; i < s->ngroups; i++)
		add(&r, "%s%u", i ? "," : "", (unsigned)s->groups[i]);
	if (json)
		add(&r, "]");
	else if (!s->ngroups)
		add(&r, "-");
	add(&r, json ? ",\"ports\":" : " ports=");
	add_ports(&r, s->policy);
	if (s->budget >= 0)
		add(&r, json ? ",\"num\":%ld" : " num=%ld", s->budget);
	else
		add(&r, json ? ",\"num\":null" : " num=-");
	add(&r, json ? ",\"threshold\":%u,\"argv\":[" : " threshold=%u argv=", s->threshold);
	/* The arguments that fit, each whole, keeping room to end the record. */
	for (i = 0; s->argv && s->argv[i]; i++) {
		REC(a);

		if (json)
			add_cstr(&a, s->argv[i]);
		else
			add_arg(&a, s->argv[i]);
		if (a.full || r.n + a.n + TAIL_ROOM >= r.cap)
			break;
		add(&r, "%s%s", i ? "," : "", a.b);
	}
	if (json) {
		add(&r, "]}\n");
	} else {
		add(&r, " time=");
		add_time(&r, &now);
		add(&r, "\n");
	}
	emit(r.b, r.n);
}

void log_drop(const struct droplog *d)
{
	bool json = dst.format == LOG_JSON;
	struct timespec now;
	REC(r);

	clock_gettime(CLOCK_REALTIME, &now);
	add_head(&r, &now, "drop", d->pid, d->tid, d->comm);
	add(&r, json ? ",\"uid\":%u,\"gid\":%u,\"granted\":%ld,\"released\":%zu}\n" :
	    " event=drop uid=%u gid=%u granted=%ld released=%zu time=", (unsigned)d->uid,
	    (unsigned)d->gid, d->granted, d->released);
	if (!json) {
		add_time(&r, &now);
		add(&r, "\n");
	}
	emit(r.b, r.n);
}

/* EADDRINUSE: who holds the address. holder=812/nginx, holder=unknown, holder=other-netns;
 * JSON {"pid":812,"comm":"nginx"}, "unknown", "other-netns", or null for another result. */
static void add_holder(struct rec *r, const struct holder *h)
{
	bool json = dst.format == LOG_JSON;

	switch (h->kind) {
	case HOLDER_PROC:
		add(r, json ? ",\"holder\":{\"pid\":%d,\"comm\":" : " holder=%d/", (int)h->pid);
		add_cstr(r, h->comm);
		if (json)
			add(r, "}");
		break;
	case HOLDER_UNKNOWN:
		add(r, json ? ",\"holder\":\"unknown\"" : " holder=unknown");
		break;
	case HOLDER_OTHER_NETNS:
		add(r, json ? ",\"holder\":\"other-netns\"" : " holder=other-netns");
		break;
	case HOLDER_NONE:
	default:
		if (json)
			add(r, ",\"holder\":null");
		break;
	}
}

/* Who the binding thread is: its parent, ids and executable; its socket's namespace when
 * not COMMAND's. */
static void add_ids(struct rec *r, const struct bindlog *l)
{
	bool json = dst.format == LOG_JSON;

	if (!l->have_ids) {
		if (json)
			add(r, ",\"ppid\":null,\"uid\":null,\"euid\":null,\"exe\":null,\"netns\":null");
		return;
	}
	add(r, json ? ",\"ppid\":%d,\"uid\":%u,\"euid\":%u,\"exe\":" : " ppid=%d uid=%u euid=%u exe=",
	    (int)l->ppid, (unsigned)l->uid, (unsigned)l->euid);
	add_cstr(r, l->exe);
	if (l->netns)
		add(r, json ? ",\"netns\":%lu" : " netns=%lu", l->netns);
	else if (json)
		add(r, ",\"netns\":null");
}

void log_bind(const struct bindlog *l, int err)
{
	bool json = dst.format == LOG_JSON;
	REC(r);

	add_head(&r, &l->when, "bind", l->pid, l->tid, l->comm);
	add(&r, json ? ",\"fd\":%d,\"family\":" : " fd=%d family=", l->fd);
	add_word(&r, family_name(l->family));
	add(&r, json ? ",\"opts\":" : " opts=");
	add_opts(&r, l);
	add(&r, json ? ",\"proto\":" : " proto=");
	add_word(&r, strcmp(l->proto, "-") ? l->proto : NULL);
	add(&r, json ? ",\"addr\":" : " addr=");
	add_addr(&r, l);
	if (json) {
		add(&r, ",\"port\":");
		if (l->port >= 0)
			add(&r, "%d", l->port);
		else
			add(&r, "null");
	}
	/* decision, result, reason: after proto and addr, so that "proto=tcp addr=A decision=D
	 * result=R" reads as it did before the other fields came. */
	add(&r, json ? ",\"decision\":\"%s\",\"result\":\"%s\",\"reason\":\"%s\"" :
	    " decision=%s result=%s reason=%s", l->decision, errno_name(err), l->reason);
	add_holder(&r, &l->holder);
	add_ids(&r, l);
	if (!json)
		add(&r, " time=");
	if (json) {
		if (l->bt)
			add_backtrace(&r, l->bt);
		add(&r, "}\n");
	} else {
		add_time(&r, &l->when);
		add(&r, "\n");
		if (l->bt)
			add_backtrace(&r, l->bt);
	}
	emit(r.b, r.n);
}

void bindlog_done(struct bindlog *l)
{
	backtrace_free(l->bt);
	l->bt = NULL;
}

void log_proc(const struct proclog *e)
{
	static const char *const names[] = { [PEV_FORK] = "fork", [PEV_EXEC] = "exec", [PEV_EXIT] = "exit" };
	bool json = dst.format == LOG_JSON;
	REC(r);
	struct timespec now;

	clock_gettime(CLOCK_REALTIME, &now);
	add_head(&r, &now, names[e->kind], e->pid, e->tid, e->comm);
	if (!json)
		add(&r, " event=%s", names[e->kind]);
	switch (e->kind) {
	case PEV_FORK:
		add(&r, json ? ",\"child\":%d" : " child=%d", (int)e->child);
		break;
	case PEV_EXEC:
		add(&r, json ? ",\"exe\":" : " exe=");
		add_cstr(&r, e->exe ? e->exe : "");
		break;
	case PEV_EXIT:
		if (WIFSIGNALED(e->status)) {
			add_signal(&r, json, WTERMSIG(e->status));
		} else {
			add(&r, json ? ",\"status\":%d,\"signal\":null" : " status=%d", WEXITSTATUS(e->status));
		}
		break;
	default:
		break;
	}
	if (json) {
		add(&r, "}\n");
	} else {
		add(&r, " time=");
		add_time(&r, &now);
		add(&r, "\n");
	}
	emit(r.b, r.n);
}

/* Write all of buf, waiting for room at most `ms` milliseconds in all: for the records that
 * come when COMMAND has ended (the end record, -c's table), which may be longer than one
 * write keeps whole. A reader that does not make room in time loses the rest. */
static void emit_all(int fd, bool sock, const char *buf, size_t n, int ms)
{
	struct timespec start, now;
	struct pollfd p = { .fd = fd, .events = POLLOUT };
	ssize_t k;
	long left;

	clock_gettime(CLOCK_MONOTONIC, &start);
	while (n) {
		k = sock ? send(fd, buf, n, MSG_DONTWAIT | MSG_NOSIGNAL) : write(fd, buf, n);
		if (k > 0) {
			buf += k;
			n -= (size_t)k;
			continue;
		}
		if (k < 0 && errno != EAGAIN && errno != EINTR)
			return;
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = ms - ((now.tv_sec - start.tv_sec) * 1000 + (now.tv_nsec - start.tv_nsec) / 1000000);
		if (left <= 0 || (poll(&p, 1, (int)left) < 0 && errno != EINTR))
			return;
	}
}

#define END_WAIT_MS 1000

/* "granted":2,"passed":1 or granted:2,passed:1 */
static void add_counts(struct rec *r, const char *key, const struct summary_count *v, size_t n)
{
	bool json = dst.format == LOG_JSON;
	size_t i;

	add(r, json ? ",\"%s\":{" : " %s=", key);
	for (i = 0; i < n; i++)
		add(r, json ? "%s\"%s\":%lu" : "%s%s:%lu", i ? "," : "",
		    v[i].name ? v[i].name : errno_name(v[i].err), v[i].count);
	if (json)
		add(r, "}");
	else if (!n)
		add(r, "-");
}

/* The summary's rows, in JSON: the numbers of -c's table. */
static void add_rows(struct rec *r, const struct summary *sum)
{
	size_t i;

	add(r, ",\"summary\":[");
	for (i = 0; i < sum->nrows; i++) {
		const struct summary_row *row = &sum->rows[i];
		struct bindlog l = { .rawlen = row->rawlen };

		memcpy(l.addr, row->addr, sizeof l.addr);
		if (row->rawlen > 0)
			memcpy(l.raw, row->raw, (size_t)row->rawlen);
		add(r, "%s{\"proto\":", i ? "," : "");
		add_word(r, strcmp(row->proto, "-") ? row->proto : NULL);
		add(r, ",\"addr\":");
		add_addr(r, &l);
		if (row->port >= 0)
			add(r, ",\"port\":%d", row->port);
		else
			add(r, ",\"port\":null");
		add(r, ",\"decision\":\"%s\",\"reason\":\"%s\",\"result\":\"%s\",\"count\":%lu}",
		    row->decision, row->reason, errno_name(row->err), row->count);
	}
	add(r, "],\"other\":%lu", sum->other);
}

void log_end(const struct endlog *e)
{
	const struct summary *sum = summary_get();
	bool json = dst.format == LOG_JSON;
	struct timespec now;
	struct rec r = { .n = 0 };

	r.cap = LOG_MAX + (json ? sum->nrows * (6 * SOCKADDR_DESCLEN + 256) : 0);
	r.b = malloc(r.cap);
	if (!r.b)
		return;
	clock_gettime(CLOCK_REALTIME, &now);
	add_head(&r, &now, "end", e->pid, e->pid, e->comm);
	if (!json)
		add(&r, " event=end");
	if (!e->have_status) {
		add(&r, json ? ",\"status\":null,\"signal\":null,\"core\":null" : " status=-");
	} else if (WIFSIGNALED(e->status)) {
		add_signal(&r, json, WTERMSIG(e->status));
		add(&r, json ? ",\"core\":%s" : " core=%s", WCOREDUMP(e->status) ? "true" : "false");
	} else {
		add(&r, json ? ",\"status\":%d,\"signal\":null,\"core\":false" : " status=%d",
		    WEXITSTATUS(e->status));
	}
	add(&r, json ? ",\"runtime\":%ld.%06ld,\"binds\":%lu" : " runtime=%ld.%06ld binds=%lu",
	    (long)e->runtime.tv_sec, e->runtime.tv_nsec / 1000, sum->binds);
	add_counts(&r, "decisions", sum->decisions, sum->ndecisions);
	add_counts(&r, "reasons", sum->reasons, sum->nreasons);
	add_counts(&r, "results", sum->results, sum->nresults);
	if (json) {
		add_rows(&r, sum);
		add(&r, "}\n");
	} else {
		add(&r, " time=");
		add_time(&r, &now);
		add(&r, "\n");
	}
	if (!r.full)
		emit_all(dst.fd, dst.sock, r.b, r.n, END_WAIT_MS);
	free(r.b);
}

static struct {
	int fd;
	bool sock;
} table = { .fd = -1 };

void log_table_open(void)
{
	struct stat st;

	table.fd = STDERR_FILENO;
	if (fstat(STDERR_FILENO, &st) < 0) {
		table.fd = -1;
		return;
	}
	if (S_ISSOCK(st.st_mode)) {
		table.sock = true;
		return;
	}
	if (!S_ISFIFO(st.st_mode) && !isatty(STDERR_FILENO))
		return;
	/* As for the log: never make COMMAND's own description non-blocking. */
	table.fd = open("/proc/self/fd/2", O_WRONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
}

void log_table(const char *text)
{
	if (table.fd >= 0 && text)
		emit_all(table.fd, table.sock, text, strlen(text), END_WAIT_MS);
}
