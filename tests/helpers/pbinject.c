// SPDX-License-Identifier: GPL-2.0-or-later
/* pbinject - bind with every register, the unused stack below the stack pointer, the fd table
 * and the signal state under watch, to show that privbind's syscall injection (its way of
 * getting the socket on kernels without pidfd_getfd) leaves no trace. x86_64.
 *
 *   pbinject PORT...   for each port: "PORT RESULT intact", or "PORT RESULT changed: WHAT" */
#include "config.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "compat.h"

#define PATTERN 0xa5
#define FILL (16 * 1024)
#define CHECK_FROM 256       /* below the stack pointer: past the red zone */
#define CHECK_TO (12 * 1024)

struct regs {
	unsigned long rbx, rdx, rsi, rdi, r8, r9, r10, r12, r13, r14, r15;
};

/* Leave FILL bytes of pattern in the stack the next call at this depth will not use. */
__attribute__((noinline)) static void fill(void)
{
	unsigned char buf[FILL];

	memset(buf, PATTERN, sizeof buf);
	__asm__ volatile("" : : "r"(buf) : "memory");
}

/* The signals the kernel knows, compared one by one: sigset_t has room for more, and what the
 * calls leave of it is nobody's. */
static int same_sigs(const sigset_t *a, const sigset_t *b)
{
	int sig;

	for (sig = 1; sig <= SIGRTMAX; sig++)
		if (sigismember(a, sig) != sigismember(b, sig))
			return 0;
	return 1;
}

static const char *fds(void)
{
	static char list[1024];
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;
	size_t n = 0;

	list[0] = 0;
	while (d && (e = readdir(d)) && n < sizeof list - 16)
		n += (size_t)snprintf(list + n, sizeof list - n, "%s ", e->d_name);
	if (d)
		closedir(d);
	return list;
}

/* The bind, made by hand, with known values in every register the kernel must preserve; then
 * the stack below the stack pointer is checked before anything else can touch it. */
__attribute__((noinline)) static long bind_watched(int fd, const struct sockaddr_in *a,
						   struct regs *after, int *stack_ok)
{
	register unsigned long rdi __asm__("rdi") = (unsigned long)fd;
	register unsigned long rsi __asm__("rsi") = (unsigned long)a;
	register unsigned long rdx __asm__("rdx") = sizeof *a;
	register unsigned long r8 __asm__("r8") = 0x0808080808080808UL;
	register unsigned long r9 __asm__("r9") = 0x0909090909090909UL;
	register unsigned long r10 __asm__("r10") = 0x1010101010101010UL;
	register unsigned long r12 __asm__("r12") = 0x1212121212121212UL;
	register unsigned long r13 __asm__("r13") = 0x1313131313131313UL;
	register unsigned long r14 __asm__("r14") = 0x1414141414141414UL;
	register unsigned long r15 __asm__("r15") = 0x1515151515151515UL;
	unsigned long rbx = 0x0b0b0b0b0b0b0b0bUL, sp, i;
	long ret = SYS_bind;

	__asm__ volatile("xchg %%rbx, %[b]\n\tsyscall\n\txchg %%rbx, %[b]\n\tmov %%rsp, %[sp]"
			 : "+a"(ret), [b] "+r"(rbx), [sp] "=r"(sp), "+r"(rdi), "+r"(rsi), "+r"(rdx),
			   "+r"(r8), "+r"(r9), "+r"(r10), "+r"(r12), "+r"(r13), "+r"(r14), "+r"(r15)
			 :
			 : "rcx", "r11", "memory");
	*stack_ok = 1;
	for (i = CHECK_FROM; i < CHECK_TO; i++)
		if (((volatile unsigned char *)sp)[-(long)i] != PATTERN)
			*stack_ok = 0;
	*after = (struct regs){ rbx, rdx, rsi, rdi, r8, r9, r10, r12, r13, r14, r15 };
	return ret;
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((unsigned short)atoi(argv[i])) };
		sigset_t block, mask_before, mask_after, pend_before, pend_after;
		char fds_before[1024], what[256] = "";
		struct regs r;
		int fd, stack_ok;
		long ret;

		a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		sigemptyset(&block);
		sigaddset(&block, SIGUSR1);
		sigaddset(&block, SIGUSR2);
		sigprocmask(SIG_BLOCK, &block, NULL);
		raise(SIGUSR2);                       /* pending, blocked */
		fd = socket(AF_INET, SOCK_STREAM, 0);
		sigprocmask(SIG_BLOCK, NULL, &mask_before);
		sigpending(&pend_before);
		snprintf(fds_before, sizeof fds_before, "%s", fds());

		fill();
		ret = bind_watched(fd, &a, &r, &stack_ok);

		sigprocmask(SIG_BLOCK, NULL, &mask_after);
		sigpending(&pend_after);
		if (!stack_ok)
			strcat(what, " stack");
		if (r.rbx != 0x0b0b0b0b0b0b0b0bUL || r.r8 != 0x0808080808080808UL ||
		    r.r9 != 0x0909090909090909UL || r.r10 != 0x1010101010101010UL ||
		    r.r12 != 0x1212121212121212UL || r.r13 != 0x1313131313131313UL ||
		    r.r14 != 0x1414141414141414UL || r.r15 != 0x1515151515151515UL ||
		    r.rdi != (unsigned long)fd || r.rsi != (unsigned long)&a || r.rdx != sizeof a)
			strcat(what, " registers");
		if (!same_sigs(&mask_before, &mask_after))
			strcat(what, " sigmask");
		if (!same_sigs(&pend_before, &pend_after))
			strcat(what, " pending-signals");
		if (strcmp(fds_before, fds()))
			strcat(what, " fds");
		printf("%s %s %s%s\n", argv[i], ret == 0 ? "OK" : ret < 0 ? strerrorname_np((int)-ret) : "RET>0",
		       what[0] ? "changed:" : "intact", what);
		close(fd);
		/* take the pending SIGUSR2 away before the next round */
		{
			int sig;
			sigset_t only;

			sigemptyset(&only);
			sigaddset(&only, SIGUSR2);
			sigwait(&only, &sig);
		}
	}
	return 0;
}
