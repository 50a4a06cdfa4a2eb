// SPDX-License-Identifier: GPL-2.0-or-later
/* bindcall.c - what privbind does at a bind stop, in three steps:
 *
 *   read_req  the syscall, its ABI and arguments, the address bytes: copied once
 *   judge     needs no privilege (by the bytes alone)? budget spent? sandboxed? then a copy of
 *             the program's socket: a protocol with guarded ports? decode for its family;
 *             decide against -p, -n and the socket's namespace's threshold
 *   grant     bind the copy as root with the copied bytes, skip the program's call, hand it
 *             the result
 *   pass      (deny, or no privilege needed) the program's own call runs; the kernel answers
 *             as it would without privbind
 * Nothing is read from the program after the copy: what is judged is what is bound. */
#include "config.h"

#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <linux/net.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "arch.h"
#include "backtrace.h"
#include "bindcall.h"
#include "decide.h"
#include "fdgrab.h"
#include "filter.h"
#include "holder.h"
#include "inject.h"
#include "netns.h"
#include "sockopts.h"
#include "procfs.h"
#include "sandbox.h"
#include "sockinfo.h"
#include "strangers.h"
#include "summary.h"
#include "util.h"

#ifndef IPPROTO_MPTCP
#define IPPROTO_MPTCP 262
#endif
#ifndef SO_BINDTOIFINDEX
#define SO_BINDTOIFINDEX 62       /* 5.0 */
#endif

/* Copy exactly `len` bytes from the tracee, or fail as the kernel's copy_from_user would. */
static bool copy_addr(pid_t tid, unsigned long addr, void *buf, size_t len)
{
	struct iovec local = { .iov_base = buf, .iov_len = len };
	struct iovec remote = { .iov_base = (void *)addr, .iov_len = len };

	return process_vm_readv(tid, &local, 1, &remote, 1, 0) == (ssize_t)len;
}

static enum proto proto_of(const struct sockinfo *si)
{
	switch (si->protocol) {
	case IPPROTO_TCP:
	case IPPROTO_MPTCP:
		return PROTO_TCP;
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
		return PROTO_UDP;
	case IPPROTO_SCTP:
		return PROTO_SCTP;
	default:
		return PROTO_OTHER;
	}
}

static const char *proto_label(const struct sockinfo *si, int fd)
{
	if ((si->type ? si->type : sockinfo_type(fd)) == SOCK_RAW)
		return "raw";      /* whatever protocol it names */
	switch (si->protocol) {
	case IPPROTO_TCP:
		return "tcp";
	case IPPROTO_MPTCP:
		return "mptcp";
	case IPPROTO_UDP:
		return "udp";
	case IPPROTO_UDPLITE:
		return "udplite";
	case IPPROTO_SCTP:
		return "sctp";
	default:
		return "other";
	}
}

/* Only these protocols' binds check the port's privilege (inet_port_requires_bind_service:
 * __inet_bind, __inet6_bind, sctp_do_bind). Ping sockets bind an ICMP id, L2TP/IP a
 * connection id, raw sockets a protocol: none needs privilege, so privbind leaves them be. */
static bool has_ports(const struct sockinfo *si)
{
	if ((si->domain != AF_INET && si->domain != AF_INET6) || si->type == SOCK_RAW || si->type < 0)
		return false;
	switch (si->protocol) {
	case IPPROTO_TCP:
	case IPPROTO_MPTCP:
	case IPPROTO_UDP:
	case IPPROTO_UDPLITE:
	case IPPROTO_SCTP:
	case IPPROTO_DCCP:
		return true;
	default:
		return false;
	}
}

/* As the socket's protocol reads the bytes: SCTP on an AF_INET6 socket also takes a
 * sockaddr_in (sctp_sockaddr_af), unless the socket is IPV6_V6ONLY. */
static bool decode(int copy, const struct sockinfo *si, const unsigned char *buf, int len,
		   struct bindaddr *a)
{
	sa_family_t f = AF_UNSPEC;
	int v6only = 0;
	socklen_t optlen = sizeof v6only;

	if (len >= (int)sizeof f)
		memcpy(&f, buf, sizeof f);
	if (si->protocol == IPPROTO_SCTP && si->domain == AF_INET6 && f == AF_INET &&
	    getsockopt(copy, IPPROTO_IPV6, IPV6_V6ONLY, &v6only, &optlen) == 0 && !v6only)
		return sockaddr_decode(AF_INET, buf, len, a);
	return sockaddr_decode(si->domain, buf, len, a);
}

void bindctx_drop(struct bindctx *ctx, pid_t tid)
{
	struct droplog d = { .pid = ctx->command, .tid = tid, .comm = "" };
	char comm[17] = "";
	size_t released = 0;

	/* While /proc still answers root. At the start (-n 0) COMMAND is still root itself, on
	 * its way to become USER: nothing to let go. */
	if (tid)
		released = strangers_mark(ctx->id->uid, ctx->id->gid);
	if (ctx->verbose && tid) {
		d.pid = tgid_of(tid);
		proc_comm(tid, comm, sizeof comm);
		d.comm = comm;
	}
	fdgrab_forget_all();
	netns_close();
	identity_drop(ctx->id);
	/* commit_creds() resets dumpable from fs.suid_dumpable, which may be 1: keep the tracer
	 * out of reach of the user it now runs as. */
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	ctx->dropped = true;
	if (ctx->verbose) {
		d.uid = getuid();
		d.gid = getgid();
		d.granted = ctx->granted;
		d.released = released;
		log_drop(&d);
	}
}

void bindcall_done(struct bindlog *lg, const struct bindctx *ctx, int err)
{
	summary_add(lg, err);
	if (ctx->verbose) {
		if (err == EADDRINUSE)
			holder_find(lg);
		log_bind(lg, err);
	}
	bindlog_done(lg);
}

/* -v: who the binding thread is. /proc/TID/status: its parent and ids, in one read. */
static void note_ids(struct bindlog *lg, pid_t tid, int copy)
{
	char path[64];
	unsigned long ids[2];
	long ppid;
	ssize_t n;

	ppid = proc_status(tid, "PPid");
	if (ppid >= 0 && proc_status_ids(tid, "Uid", ids, 2) == 0) {
		lg->have_ids = true;
		lg->ppid = (pid_t)ppid;
		lg->uid = (uid_t)ids[0];
		lg->euid = (uid_t)ids[1];
	}
	snprintf(path, sizeof path, "/proc/%d/exe", (int)tid);
	n = readlink(path, lg->exe, sizeof lg->exe - 1);
	lg->exe[n > 0 ? n : 0] = 0;
	lg->netns = netns_of(copy, tid);
}

/* bind(fd, addr, len), or the 32-bit socketcall(SYS_BIND, {fd, addr, len}) whose arguments
 * are words in the program's memory: read them once, like the address. */
static bool bind_args(pid_t tid, const struct syscall_stop *sc, int *fd, unsigned long *addr,
		      int *len)
{
	uint32_t w[3];

	if (sc->abi != BIND_COMPAT_SOCKETCALL) {
		*fd = (int)sc->args[0];
		*addr = sc->args[1];
		*len = (int)sc->args[2];      /* bind(2) takes an int addrlen */
		return true;
	}
	if ((uint32_t)sc->args[0] != SYS_BIND || !copy_addr(tid, sc->args[1], w, sizeof w))
		return false;
	*fd = (int)w[0];
	*addr = w[1];
	*len = (int)w[2];
	return true;
}

/* Where the program's socket comes from: pidfd_getfd, or the program itself. */
struct grab {
	bool injected;
	struct inject_save save;
};

static int grab_injected(pid_t tid, struct syscall_stop *sc, int fd, struct grab *g)
{
	if (sc->abi != BIND_NATIVE)
		return -ENOSYS;     /* injection speaks the native ABI only */
	if (inject_init() < 0)
		return -ENOSYS;
	g->injected = true;
	return inject_fdgrab(tid, sc, fd, &g->save);
}

static int grab(pid_t tid, struct syscall_stop *sc, int fd, const struct bindctx *ctx,
		struct grab *g)
{
	g->injected = false;
	if (ctx->mech.pidfd)
		return fdgrab(tid, fd);
	return grab_injected(tid, sc, fd, g);
}

/* The address for the log, read as the kernel reads it for a socket of family `domain` (0 when
 * unknown: then as the bytes' own family says). */
static void note_addr(struct bindlog *lg, int domain, const unsigned char *buf, int len)
{
	struct bindaddr a;
	sa_family_t f = 0;

	lg->port = -1;
	lg->rawlen = len;
	if (len < 0) {
		snprintf(lg->addr, sizeof lg->addr, "?");
		return;
	}
	memcpy(lg->raw, buf, (size_t)len);
	if (len >= (int)sizeof f)
		memcpy(&f, buf, sizeof f);
	if (!domain)
		domain = f;
	/* (an SCTP AF_INET6 socket takes AF_INET bytes too) */
	if ((domain == AF_INET || domain == AF_INET6) &&
	    (sockaddr_decode(domain, buf, len, &a) || (f == AF_INET && sockaddr_decode(f, buf, len, &a)))) {
		sockaddr_format(&a, lg->addr, sizeof lg->addr);
		lg->port = a.port;
		lg->a = a;
		lg->have_a = true;
	} else {
		sockaddr_describe_other(buf, len, lg->addr, sizeof lg->addr);
	}
}

/* Why a bind that privbind let pass on its bytes alone (no privileged port to be seen). */
static enum reason pass_reason(const struct sockinfo *si, const unsigned char *buf, int len)
{
	struct bindaddr a;
	sa_family_t f;

	if (si && !has_ports(si))
		return R_NOT_INET;
	if (len < (int)sizeof f)
		return R_INVALID;
	memcpy(&f, buf, sizeof f);
	if (f != AF_INET && f != AF_INET6 && f != AF_UNSPEC)
		return R_NOT_INET;
	if (si ? !sockaddr_decode(si->domain, buf, len, &a) : len < (int)sizeof(struct sockaddr_in))
		return R_INVALID;
	return R_UNPRIVILEGED;
}

/* Everything the log says about a bind besides the decision: the process, the socket and its
 * options, the address, and why. It costs a few syscalls (/proc reads, a copy of the socket
 * if the decision needed none, getsockopt): only made when logging. That copy is taken with
 * pidfd_getfd only, never by injection: the log must not make the program run a syscall.
 * `copy`: privbind's copy of the socket, or -1. `why`: the reason, or -1 for a bind passed on
 * its bytes alone (worked out here, with the socket). */
static void note(struct bindlog *lg, const struct bindctx *ctx, pid_t tid, int copy,
		 const unsigned char *buf, int len, int why)
{
	struct sockinfo si;
	bool have_si;
	int own = -1;

	lg->pid = tgid_of(tid);
	proc_comm(tid, lg->comm, sizeof lg->comm);
	if (copy < 0 && lg->fd >= 0 && ctx->mech.pidfd)
		copy = own = fdgrab(tid, lg->fd);
	have_si = copy >= 0 && sockinfo_get(copy, &si) == 0;
	if (ctx->verbose)
		note_ids(lg, tid, copy);
	if (have_si) {
		lg->family = si.domain;
		lg->protocol = si.protocol;
		if (si.domain == AF_INET || si.domain == AF_INET6) {
			lg->proto = proto_label(&si, copy);
			sockopts_get(copy, si.domain, &lg->opts);
			lg->have_opts = true;
		}
	}
	if (own >= 0)
		fdgrab_close(own);
	note_addr(lg, have_si ? si.domain : 0, buf, len);
	if (why < 0)
		why = (int)pass_reason(have_si ? &si : NULL, buf, len);
	lg->reason = reason_name((enum reason)why);
}

/* One bind, as read from the program: once, before anything is decided. */
struct bindreq {
	struct syscall_stop sc;            /* its registers, ABI and arguments */
	int fd;
	int len;                           /* -1: bytes the kernel would refuse (length, pointer) */
	unsigned char bytes[SOCKADDR_MAX];
};

/* What privbind makes of it: a verdict, why, and what it holds meanwhile. */
struct judgement {
	enum verdict v;
	int why;                           /* an enum reason, or -1: passed on the bytes alone */
	int copy;                          /* privbind's copy of the socket, or -1 */
	struct grab g;
};

enum req { REQ_BIND, REQ_GONE, REQ_SANDBOX };

/* Read the syscall, its ABI, its arguments and the address bytes. REQ_SANDBOX: not a bind but
 * a way into a sandbox, which the filter stops at too (it runs as the program's own). */
static enum req read_req(pid_t tid, enum bind_abi abi, struct bindreq *r)
{
	unsigned long addr, data;

	memset(&r->sc, 0, sizeof r->sc);
	r->sc.abi = abi != BIND_UNKNOWN ? abi : BIND_NATIVE;
	r->fd = -1;
	r->len = -1;
	if (arch_read_syscall(tid, &r->sc) < 0)
		return REQ_GONE;           /* gone (SIGKILL) while stopped */
	if (abi == BIND_UNKNOWN) {
		/* A seccomp stop: its syscall is one the filter traps. The number says which, unless
		 * two ABIs trap the same one; then the filter's RET_DATA does. */
		r->sc.abi = filter_abi_of(r->sc.nr);
		if (r->sc.abi == BIND_UNKNOWN) {
			if (ptrace(PTRACE_GETEVENTMSG, tid, 0, &data) < 0)
				return REQ_GONE;
			if (data == FILTER_DATA_SANDBOX)
				return REQ_SANDBOX;
			r->sc.abi = (enum bind_abi)data;
		}
		if (r->sc.abi != BIND_NATIVE)
			arch_fill_args(&r->sc);
	}
	/* Bytes the kernel itself would refuse (bad length, unreadable) are its to refuse. */
	if (!bind_args(tid, &r->sc, &r->fd, &addr, &r->len) || r->len < 0 || r->len > SOCKADDR_MAX ||
	    (r->len > 0 && !copy_addr(tid, addr, r->bytes, (size_t)r->len)))
		r->len = -1;
	return REQ_BIND;
}

/* A link-local bind without sin6_scope_id binds to the socket's own device (SO_BINDTODEVICE),
 * if any: its index, or 0 (the kernel then refuses the bind, EINVAL). */
static uint32_t bound_ifindex(int sock)
{
	int ifindex = 0;
	socklen_t len = sizeof ifindex;

	if (getsockopt(sock, SOL_SOCKET, SO_BINDTOIFINDEX, &ifindex, &len) < 0 || ifindex < 0)
		return 0;
	return (uint32_t)ifindex;
}

/* Is `tid` sandboxed? Asked of /proc, which costs: with seccomp, only once a traced thread
 * made a way into a sandbox (the filter stops at each, before it runs); without, always. */
static bool sandbox_check(pid_t tid, const struct bindctx *ctx)
{
	return (!ctx->mech.seccomp || ctx->sandbox_seen) && sandboxed(tid);
}

/* Decide, looking at the program's socket only when the bytes ask for a privileged port.
 * false: the thread died during an injection. */
static bool judge(pid_t tid, struct bindreq *r, const struct bindctx *ctx, struct judgement *j)
{
	struct sockinfo si;
	struct bindaddr a;
	unsigned own;
	bool fresh;
	int port;

	j->v = V_PASS;
	j->why = R_INVALID;
	j->copy = -1;
	j->g.injected = false;
	if (r->len < 0)
		return true;
	/* Most binds need no privilege: the fast way out looks at the bytes alone. Only ports
	 * below privbind's own namespace's threshold are worth a look at the socket. (A socket
	 * of another namespace with a higher threshold is then not granted the ports between:
	 * they fail as without privbind.) The threshold a bind passes on may be a millisecond
	 * old (netns.c); one that may be granted is judged on the sysctl as it is now. */
	j->why = -1;
	port = sockaddr_port_hint(r->bytes, r->len);
	if (port < 0)
		return true;
	own = netns_own_threshold_kept(&fresh);
	if (port >= (int)own)
		return true;
	if (!fresh && port >= (int)(own = netns_own_threshold()))
		return true;
	if (ctx->dropped) {
		j->v = V_DENY_NUM;
		j->why = R_BUDGET_SPENT;
		return true;
	}
	/* A sandboxed program is not made to run injected calls: asked before the socket is
	 * touched there. With pidfd_getfd only a bind about to be granted is asked (/proc). */
	if (!ctx->mech.pidfd && sandbox_check(tid, ctx)) {
		j->v = V_DENY_SANDBOX;
		j->why = R_SANDBOXED;
		return true;
	}
	j->why = R_NO_SOCKET;
	j->copy = grab(tid, &r->sc, r->fd, ctx, &j->g);
	if (j->copy == -EXDEV) {
		/* A thread with a file table of its own, before PIDFD_THREAD: it hands its socket
		 * over itself, as on kernels without pidfd_getfd, and is asked about sandboxes
		 * first, as there. */
		if (sandbox_check(tid, ctx)) {
			j->v = V_DENY_SANDBOX;
			j->why = R_SANDBOXED;
			return true;
		}
		j->copy = grab_injected(tid, &r->sc, r->fd, &j->g);
	}
	if (j->copy == -ESRCH && j->g.injected)
		return false;
	if (j->copy < 0 || sockinfo_get(j->copy, &si) < 0)
		return true;               /* EBADF, ENOTSOCK and the like: the kernel says so itself */
	j->why = R_NOT_INET;
	if (!has_ports(&si))
		return true;
	/* Raw sockets say the protocol they were made for, 6 or 17 as well: asked here, where
	 * a privileged port is at stake, not on every bind. */
	si.type = sockinfo_type(j->copy);
	if (!has_ports(&si))
		return true;
	j->why = R_INVALID;
	if (!decode(j->copy, &si, r->bytes, r->len, &a))
		return true;               /* EINVAL, EAFNOSUPPORT whoever asks */
	if (a.family == AF_INET6 && !a.scope_id && sockaddr_needs_zone(a.addr))
		a.scope_id = bound_ifindex(j->copy);
	j->v = decide(&a, proto_of(&si), ctx->policy, ctx->budget, netns_threshold(j->copy, own));
	if (j->v == V_GRANT && ctx->mech.pidfd && sandbox_check(tid, ctx))
		j->v = V_DENY_SANDBOX;
	j->why = verdict_reason(j->v);
	return true;
}

/* The one thing privbind does as root: bind the program's own socket to the checked bytes,
 * then tell the program what the kernel told privbind. */
static enum resume grant(struct task *t, struct bindreq *r, struct bindctx *ctx,
			 struct judgement *j)
{
	struct bindlog *lg = &t->log;
	pid_t tid = t->tid;
	int ret;

	if (bindctx_records(ctx))   /* before: a bind changes options (v6only) */
		note(lg, ctx, tid, j->copy, r->bytes, r->len, j->why);
	ret = bind(j->copy, (const struct sockaddr *)r->bytes, (socklen_t)r->len) < 0 ? -errno : 0;
	fdgrab_close(j->copy);
	if (j->g.injected) {
		if (inject_end(tid, &r->sc, &j->g.save, false, ret) < 0)
			return RESUME_GONE;
		t->in_syscall = false;     /* injection ended at a syscall exit already */
	} else {
		/* Registers that cannot be written: the thread died, or its own call would run again
		 * on a socket now bound. Either way it must not go on as if nothing happened. */
		if (arch_skip(tid, &r->sc, ret) < 0) {
			kill(tid, SIGKILL);
			return RESUME_GONE;
		}
		t->set_result = !ctx->mech.seccomp;   /* syscall stops: write it again at exit */
		t->result = ret;
	}
	lg->decision = verdict_name(j->v);
	if (bindctx_records(ctx))
		bindcall_done(lg, ctx, -ret);
	if (ret == 0)
		ctx->granted++;
	if (ret == 0 && ctx->budget > 0 && --ctx->budget == 0)
		bindctx_drop(ctx, tid);
	return t->set_result ? RESUME_EXIT : RESUME_CONT;
}

/* The program's own call runs, and the kernel answers it as without privbind. */
static enum resume pass(struct task *t, struct bindreq *r, const struct bindctx *ctx,
			struct judgement *j)
{
	struct bindlog *lg = &t->log;

	lg->decision = ctx->observe ? verdict_name_observed(j->v) : verdict_name(j->v);
	if (bindctx_records(ctx))
		note(lg, ctx, t->tid, j->copy, r->bytes, r->len, j->why);
	if (j->copy >= 0)
		fdgrab_close(j->copy);
	t->log_pending = bindctx_records(ctx);
	if (j->g.injected) {
		/* The program's own bind runs after all: from its start, once more. */
		if (inject_end(t->tid, &r->sc, &j->g.save, true, 0) < 0)
			return RESUME_GONE;
		t->in_syscall = false;
		t->replay = true;
		return RESUME_CONT;
	}
	return t->log_pending ? RESUME_EXIT : RESUME_CONT;
}

enum resume bindcall(struct task *t, enum bind_abi abi, struct bindctx *ctx)
{
	struct bindlog *lg = &t->log;
	struct bindreq req;
	struct judgement j;

	bindlog_done(lg);
	memset(lg, 0, sizeof *lg);
	lg->tid = t->tid;
	lg->fd = -1;
	lg->proto = "-";
	lg->protocol = -1;
	if (ctx->verbose)
		clock_gettime(CLOCK_REALTIME, &lg->when);
	switch (read_req(t->tid, abi, &req)) {
	case REQ_GONE:
		return RESUME_CONT;
	case REQ_SANDBOX:
		ctx->sandbox_seen = true;
		return RESUME_CONT;
	case REQ_BIND:
	default:
		break;
	}
	lg->fd = req.fd;
	/* Now, while the registers are the program's own: an injection would change them. */
	if (ctx->backtrace)
		lg->bt = backtrace_capture(t->tid);
	if (!judge(t->tid, &req, ctx, &j))
		return RESUME_GONE;
	if (j.v == V_GRANT && !ctx->observe)
		return grant(t, &req, ctx, &j);
	if (j.v == V_GRANT && ctx->budget > 0)
		ctx->budget--;             /* --observe: nothing is granted; -n counts what would be */
	return pass(t, &req, ctx, &j);
}
