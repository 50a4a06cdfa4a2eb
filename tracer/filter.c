// SPDX-License-Identifier: GPL-2.0-or-later
/* filter.c - the BPF program, built from the architecture's list of bind calls:
 *
 *	load arch
 *	for each ABI:  arch != A? skip to the next ABI
 *	               load nr; nr == bind? TRACE with the ABI as data ...; ALLOW
 *	ALLOW
 *
 * It looks at the architecture and the syscall number only, so the kernel (5.11+) proves the
 * result constant per syscall and skips the filter for every syscall but these. Two read the
 * first argument: the 32-bit socketcall(2), which multiplexes every socket call, so that only
 * socketcall(SYS_BIND) stops; and clone(2), refused with EPERM when it asks for
 * CLONE_UNTRACED (a child privbind would not follow, whose binds the filter would fail with
 * ENOSYS). clone3(2) keeps its flags in memory: ENOSYS, and C libraries use clone(2). */
#include "config.h"

#include <errno.h>
#include <linux/filter.h>
#include <linux/sched.h>
#include <linux/net.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "arch.h"
#include "filter.h"
#include "util.h"

#define MAX_INSNS 160

/* The low 32 bits of the first argument. */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ARG0_LOW (offsetof(struct seccomp_data, args[0]) + 4)
#else
#define ARG0_LOW offsetof(struct seccomp_data, args[0])
#endif

struct prog {
	struct sock_filter insn[MAX_INSNS];
	unsigned n;
};

static void emit(struct prog *p, struct sock_filter f)
{
	if (p->n == MAX_INSNS)
		die("seccomp filter too long: raise MAX_INSNS in filter.c");
	p->insn[p->n++] = f;
}

static void emit_call(struct prog *p, const struct bind_call *c)
{
	unsigned trace = SECCOMP_RET_TRACE | (unsigned)c->abi;

	if (c->abi == BIND_COMPAT_SOCKETCALL) {
		emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)c->nr, 0, 4));
		emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_LOW));
		emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_BIND, 0, 1));
		emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, trace));
		emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
	} else {
		emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)c->nr, 0, 1));
		emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, trace));
	}
}

/* nr == `nr` and the first argument has a bit of `bits`: `action`; nr == `nr` otherwise: allow */
static void emit_arg_bits(struct prog *p, int nr, unsigned bits, unsigned action)
{
	emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)nr, 0, 4));
	emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_LOW));
	emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, bits, 0, 1));
	emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, action));
	emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
}

static void emit_clones(struct prog *p, unsigned arch)
{
	const unsigned sandbox = SECCOMP_RET_TRACE | FILTER_DATA_SANDBOX;
	size_t i;

	for (i = 0; i < arch_nclone_calls; i++) {
		const struct clone_call *c = &arch_clone_calls[i];

		if (c->audit_arch != arch || !arch_abi_enabled(c->abi))
			continue;
		emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)c->clone_nr, 0, 6));
		emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_LOW));
		emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_UNTRACED, 0, 1));
		emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM));
		emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_NEWUSER, 0, 1));
		emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, sandbox));
		emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
		emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)c->clone3_nr, 0, 1));
		emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ENOSYS));
		emit_arg_bits(p, c->unshare_nr, CLONE_NEWUSER, sandbox);
		/* PR_SET_NO_NEW_PRIVS is 38: an equality, not bits */
		emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)c->prctl_nr, 0, 4));
		emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_LOW));
		emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, PR_SET_NO_NEW_PRIVS, 0, 1));
		emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, sandbox));
		emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
		emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (unsigned)c->setns_nr, 0, 1));
		emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, sandbox));
	}
}

static void build(struct prog *p)
{
	size_t i, j;

	emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch)));
	for (i = 0; i < arch_nbind_calls; i = j) {
		unsigned arch = arch_bind_calls[i].audit_arch, check = p->n;

		/* The calls of one ABI stand together in arch_bind_calls. */
		emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, arch, 0, 0));
		emit(p, (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)));
		for (j = i; j < arch_nbind_calls && arch_bind_calls[j].audit_arch == arch; j++)
			if (arch_abi_enabled(arch_bind_calls[j].abi))
				emit_call(p, &arch_bind_calls[j]);
		emit_clones(p, arch);
		emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
		/* Another ABI: jump past this block, with the arch still loaded. */
		p->insn[check].jf = (unsigned char)(p->n - check - 1);
	}
	emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
}

void filter_install(void)
{
	struct prog p = { .n = 0 };
	struct sock_fprog prog;

	build(&p);
	prog.len = (unsigned short)p.n;
	prog.filter = p.insn;
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) == 0)
		return;
	if (errno != EACCES)
		die_errno("cannot install the seccomp filter (needs CONFIG_SECCOMP_FILTER)");
	/* No CAP_SYS_ADMIN (a container, say): the kernel then insists on no_new_privs. */
	warn("no CAP_SYS_ADMIN: setting no_new_privs, so setuid programs COMMAND runs will not gain privileges");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0)
		die_errno("cannot set no_new_privs");
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) < 0)
		die_errno("cannot install the seccomp filter");
}

bool filter_match(unsigned audit_arch, long nr, unsigned long arg0, enum bind_abi *abi)
{
	size_t i;

	for (i = 0; i < arch_nbind_calls; i++) {
		const struct bind_call *c = &arch_bind_calls[i];

		if (c->audit_arch != audit_arch || c->nr != nr || !arch_abi_enabled(c->abi))
			continue;
		if (c->abi == BIND_COMPAT_SOCKETCALL && (uint32_t)arg0 != SYS_BIND)
			return false;
		*abi = c->abi;
		return true;
	}
	return false;
}

enum bind_abi filter_abi_of(long nr)
{
	enum bind_abi abi = BIND_UNKNOWN;
	size_t i;

	for (i = 0; i < arch_nclone_calls; i++) {
		const struct clone_call *c = &arch_clone_calls[i];

		if (nr == c->clone_nr || nr == c->prctl_nr || nr == c->unshare_nr || nr == c->setns_nr)
			return BIND_UNKNOWN;   /* a sandbox stop, maybe: RET_DATA tells */
	}
	for (i = 0; i < arch_nbind_calls; i++) {
		if (arch_bind_calls[i].nr != nr || !arch_abi_enabled(arch_bind_calls[i].abi))
			continue;
		if (abi)
			return BIND_UNKNOWN;   /* two ABIs trap this number: only RET_DATA can tell */
		abi = arch_bind_calls[i].abi;
	}
	return abi;
}
