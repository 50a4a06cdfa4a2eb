// SPDX-License-Identifier: GPL-2.0-or-later
/* backtrace-unwind.c - the helper process of -b: one stack, walked with the program's rights.
 *
 * Forked by the tracer at a bind stop (backtrace.c). Before it touches anything the program
 * chose, it keeps only its pipe and the /proc/TID/mem fd the tracer opened, becomes the
 * thread's own user (uids, gids, groups and capability sets as /proc/TID/status lists them:
 * never more than the program has), makes itself undumpable and sets its limits. Then
 * libunwind walks the stack: registers from the tracer's copy, memory through the mem fd,
 * and _UPT_'s file side (it maps the program's files by the paths in /proc/TID/maps and
 * calls no ptrace) to find the unwind tables and name the frames. Each frame goes to the
 * pipe as soon as it is named, so a helper killed at its deadline has sent what it had.
 *
 * The tracer itself is stopped by nothing here: an open that blocks, a walk that spins or
 * crashes, all of it happens in this process, with the program's rights, until the tracer's
 * deadline SIGKILLs it (alarm() and RLIMIT_CPU end it too should the tracer be gone). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <libunwind-ptrace.h>
#include <linux/capability.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "arch.h"
#include "backtrace-unwind.h"
#include "compat.h"

#define BT_OUT 3    /* where the pipe and the mem fd end up, all else closed */
#define BT_MEM 4
#define BT_ALARM_S 3

static const struct user_regs_struct *saved;

/* ---- the process ------------------------------------------------------------------------ */

/* 0..2 on /dev/null, the pipe on BT_OUT, mem on BT_MEM, nothing else: the tracer holds the
 * log, other programs' sockets and pidfds, none of them this process's business. */
static bool keep_only(int out, int mem)
{
	int null = open("/dev/null", O_RDWR | O_CLOEXEC), i;

	/* Move both above every number they will take, so no dup2 overwrites the other. */
	out = fcntl(out, F_DUPFD, BT_MEM + 1);
	mem = fcntl(mem, F_DUPFD, BT_MEM + 1);
	if (null < 0 || out < 0 || mem < 0)
		return false;
	for (i = 0; i <= 2; i++)
		if (dup2(null, i) < 0)
			return false;
	if (dup2(out, BT_OUT) < 0 || dup2(mem, BT_MEM) < 0)
		return false;
	if (syscall(SYS_close_range, BT_MEM + 1U, ~0U, 0U) < 0) {
		/* Before close_range (5.9): as far as the limit on descriptors goes. */
		struct rlimit nofile;
		long fd;

		if (getrlimit(RLIMIT_NOFILE, &nofile) < 0 || nofile.rlim_cur > 1L << 20)
			return false;
		for (fd = BT_MEM + 1; fd < (long)nofile.rlim_cur; fd++)
			close((int)fd);
	}
	return fcntl(BT_OUT, F_SETFL, 0) == 0;    /* the tracer reads without blocking; we write so */
}

/* `n` numbers after "Field:" in /proc/TID/status (Uid, Gid: real, effective, saved, fs). */
static bool status_ids(const char *status, const char *field, unsigned long v[4])
{
	const char *p = strstr(status, field);

	return p && sscanf(p + strlen(field), "%lu %lu %lu %lu", &v[0], &v[1], &v[2], &v[3]) == 4;
}

static bool status_caps(const char *status, const char *field, unsigned long long *v)
{
	const char *p = strstr(status, field);

	return p && sscanf(p + strlen(field), "%llx", v) == 1;
}

/* The thread's groups, at most `max`; false if unreadable or more (no half identity). */
static bool status_groups(const char *status, gid_t *g, int max, int *n)
{
	const char *p = strstr(status, "\nGroups:"), *eol;
	char *end;

	if (!p)
		return false;
	p += strlen("\nGroups:");
	eol = strchr(p, '\n');
	if (!eol)
		return false;
	for (*n = 0;; (*n)++) {
		while (p < eol && (*p == ' ' || *p == '\t'))
			p++;
		if (p == eol)
			return true;
		if (*n == max || *p < '0' || *p > '9')
			return false;
		g[*n] = (gid_t)strtoul(p, &end, 10);
		p = end;
	}
}

/* Become thread `tid`'s user exactly. A tracer that is not root (--observe, or after -n)
 * cannot, and need not: it is the user already, and has no capability to lose. */
static bool become_thread(pid_t tid)
{
	struct __user_cap_header_struct hdr = { .version = _LINUX_CAPABILITY_VERSION_3 };
	struct __user_cap_data_struct caps[2] = { { 0 } };
	unsigned long long eff = 0, prm = 0, inh = 0;
	unsigned long uid[4], gid[4];
	char path[64], status[8192];
	gid_t groups[256];
	int fd, ngroups;
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/status", (int)tid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	n = read(fd, status, sizeof status - 1);
	close(fd);
	if (n <= 0)
		return false;
	status[n] = 0;
	if (!status_ids(status, "\nUid:", uid) || !status_ids(status, "\nGid:", gid) ||
	    !status_caps(status, "\nCapInh:", &inh) || !status_caps(status, "\nCapPrm:", &prm) ||
	    !status_caps(status, "\nCapEff:", &eff) ||
	    !status_groups(status, groups, (int)(sizeof groups / sizeof groups[0]), &ngroups))
		return false;
	/* Before the ids change: nothing of the helper ever runs as the user without it. */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		return false;
	if (geteuid() == 0) {
		if (setgroups((size_t)ngroups, groups) < 0 ||
		    setresgid((gid_t)gid[0], (gid_t)gid[1], (gid_t)gid[2]) < 0 ||
		    setresuid((uid_t)uid[0], (uid_t)uid[1], (uid_t)uid[2]) < 0)
			return false;
	} else {
		eff = prm = inh = 0;
	}
	caps[0].effective = (unsigned)eff;
	caps[1].effective = (unsigned)(eff >> 32);
	caps[0].permitted = (unsigned)prm;
	caps[1].permitted = (unsigned)(prm >> 32);
	caps[0].inheritable = (unsigned)inh;
	caps[1].inheritable = (unsigned)(inh >> 32);
	if (syscall(SYS_capset, &hdr, caps) < 0)
		return false;
	/* A user program cannot regain root here: its uids are not 0, and root's were given up. */
	if (uid[0] && uid[1] && uid[2] && (setresuid(0, 0, 0) == 0 || setresgid(0, 0, 0) == 0))
		return false;
	/* commit_creds() set dumpable from fs.suid_dumpable: the user must not trace or read
	 * this process, which holds the mem fd. */
	return prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
}

/* AddressSanitizer (gcc says __SANITIZE_ADDRESS__, clang __has_feature) maps terabytes of
 * shadow: an address-space limit would starve the helper of every allocation. */
#if defined(__SANITIZE_ADDRESS__)
#define PB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PB_ASAN 1
#endif
#endif
#ifndef PB_ASAN
#define PB_ASAN 0
#endif

static void limits(void)
{
	static const int sigs[] = { SIGALRM, SIGXCPU, SIGSEGV, SIGBUS, SIGPIPE };
	struct rlimit none = { 0, 0 }, cpu = { 1, 2 };
	sigset_t all;
	size_t i;

	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	setrlimit(RLIMIT_CORE, &none);
	setrlimit(RLIMIT_FSIZE, &none);
	setrlimit(RLIMIT_CPU, &cpu);
#if !PB_ASAN
	{
		/* libunwind maps whole files; bound what a crafted size can make it allocate. */
		struct rlimit as = { 4UL << 30, 4UL << 30 };

		setrlimit(RLIMIT_AS, &as);
	}
#endif
	alarm(BT_ALARM_S);
}

/* ---- libunwind's view of the thread ------------------------------------------------------ */

static int mem_access(unw_addr_space_t as, unw_word_t addr, unw_word_t *val, int write, void *arg)
{
	(void)as;
	(void)arg;
	if (write)
		return -UNW_EREADONLYREG;
	if (pread(BT_MEM, val, sizeof *val, (off_t)addr) != (ssize_t)sizeof *val)
		return -UNW_EINVAL;
	return 0;
}

static int reg_access(unw_addr_space_t as, unw_regnum_t reg, unw_word_t *val, int write, void *arg)
{
	const struct user_regs_struct *r = saved;

	(void)as;
	(void)arg;
	if (write)
		return -UNW_EREADONLYREG;
	if (arch_unwind_reg(r, (int)reg, val) < 0)
		return -UNW_EBADREG;
	return 0;
}

/* Floating-point registers take no part in finding a caller. */
static int fpreg_access(unw_addr_space_t as, unw_regnum_t reg, unw_fpreg_t *val, int write,
			void *arg)
{
	(void)as, (void)reg, (void)val, (void)write, (void)arg;
	return -UNW_EBADREG;
}

/* Tables registered at run time (_U_dyn_register) are not looked for: the list's address
 * would come from the program's memory, to be trusted no further than the rest. */
static int no_dyn_list(unw_addr_space_t as, unw_word_t *addr, void *arg)
{
	(void)as, (void)addr, (void)arg;
	return -UNW_ENOINFO;
}

static int no_resume(unw_addr_space_t as, unw_cursor_t *c, void *arg)
{
	(void)as, (void)c, (void)arg;
	return -UNW_EINVAL;
}

/* ---- module names ------------------------------------------------------------------------ */

struct mapping {
	unsigned long start, end, offset;
	char path[256];
};

struct maps {
	struct mapping *v;
	size_t n;
};

/* The file-backed mappings of tid, as /proc/TID/maps lists them, read once per stack. */
static void maps_read(pid_t tid, struct maps *m)
{
	char path[64], line[512 + 256];
	size_t cap = 0;
	FILE *f;

	m->v = NULL;
	m->n = 0;
	snprintf(path, sizeof path, "/proc/%d/maps", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		struct mapping mp;
		int name = 0;
		size_t len;

		if (sscanf(line, "%lx-%lx %*s %lx %*s %*s %n", &mp.start, &mp.end, &mp.offset, &name) < 3 ||
		    name == 0 || line[name] != '/')
			continue;     /* anonymous, [stack], [vdso] ... */
		len = strcspn(line + name, "\n");
		if (len >= sizeof mp.path)
			len = sizeof mp.path - 1;
		memcpy(mp.path, line + name, len);
		mp.path[len] = 0;
		if (m->n == cap) {
			struct mapping *v = realloc(m->v, (cap = cap ? cap * 2 : 64) * sizeof *v);

			if (!v)
				break;
			m->v = v;
		}
		m->v[m->n++] = mp;
	}
	fclose(f);
}

static void frame_module(const struct maps *m, struct frame *fr)
{
	/* A return address may point just past its call, at the start of the next mapping. */
	unsigned long at = fr->ip - (fr->ip > 0);
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (at >= m->v[i].start && at < m->v[i].end) {
			memcpy(fr->module, m->v[i].path, sizeof fr->module);
			fr->module_offset = fr->ip - m->v[i].start + m->v[i].offset;
			return;
		}
	}
}

/* ---- the walk ---------------------------------------------------------------------------- */

static bool send_msg(const struct bt_msg *m)
{
	return write(BT_OUT, m, sizeof *m) == (ssize_t)sizeof *m;
}

static void walk(pid_t tid)
{
	unw_accessors_t acc = {
		.find_proc_info = _UPT_find_proc_info,
		.put_unwind_info = _UPT_put_unwind_info,
		.get_dyn_info_list_addr = no_dyn_list,
		.access_mem = mem_access,
		.access_reg = reg_access,
		.access_fpreg = fpreg_access,
		.resume = no_resume,
		.get_proc_name = _UPT_get_proc_name,
	};
	unw_addr_space_t as = unw_create_addr_space(&acc, 0);
	void *upt = _UPT_create(tid);     /* only the pid, for _UPT_'s file side */
	struct maps maps;
	struct bt_msg m;
	unw_cursor_t cur;
	int n = 0, step = 1;

	if (!as || !upt || unw_init_remote(&cur, as, upt) < 0)
		return;
	maps_read(tid, &maps);
	while (step > 0 && n < BT_FRAMES) {
		unw_word_t ip, off = 0;
		int r;

		memset(&m, 0, sizeof m);
		if (unw_get_reg(&cur, UNW_REG_IP, &ip) < 0 || ip == 0)
			break;
		m.f.ip = (unsigned long)ip;
		frame_module(&maps, &m.f);
		/* -UNW_ENOMEM: the name was cut to fit, which is still a name. */
		r = unw_get_proc_name(&cur, m.f.function, sizeof m.f.function, &off);
		if (r == 0 || r == -UNW_ENOMEM)
			m.f.offset = (unsigned long)off;
		else
			m.f.function[0] = 0;
		if (!send_msg(&m))
			break;             /* the tracer stopped listening */
		n++;
		step = unw_step(&cur);
	}
	free(maps.v);
	memset(&m, 0, sizeof m);
	m.end = true;
	m.truncated = n == BT_FRAMES && step > 0;
	send_msg(&m);
}

void bt_unwind_run(pid_t tid, const struct user_regs_struct *regs, int mem, int out)
{
	saved = regs;
	limits();
	if (keep_only(out, mem) && become_thread(tid))
		walk(tid);
	_exit(0);
}
