// SPDX-License-Identifier: GPL-2.0-or-later
/* pbabi - bind through each system call ABI the x86_64 kernel runs, and print the result.
 *
 * Built twice: as an ia32 program (i686-linux-gnu-gcc), where it binds through glibc's bind()
 * (socketcall on i386), socketcall(SYS_BIND) and the direct i386 bind (361); and as a 64-bit
 * program, where it makes the ia32 calls with int $0x80 and the x32 call with bit 30 set.
 *
 *   pbabi MODE PORT      print OK or the errno name of binding 127.0.0.1:PORT (tcp)
 *   pbabi int80-geteuid  print the result of i386 syscall 49 (geteuid), made with int $0x80
 *   pbabi abi            print ia32 or x86_64: what this build is. An ia32 build that prints
 *                        nothing did not run (a kernel without ia32 emulation: ENOEXEC)
 *   pbabi int80-probe    print OK if int $0x80 getpid answers in a child, else how it failed
 *                        (such a kernel kills the caller of int $0x80 with SIGSEGV)
 *
 * Addresses handed to int $0x80 live in static storage: a non-PIE program keeps it below 4 GiB,
 * where 32-bit pointers reach. */
#ifndef _GNU_SOURCE
#include "config.h"
#endif
#include <arpa/inet.h>
#include <errno.h>
#include <linux/net.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compat.h"

static struct sockaddr_in addr4;
static unsigned int words[3];

static void result(long r)
{
	if (r < 0 && r > -4096) {
		errno = (int)-r;
		r = -1;
	}
	puts(r == 0 ? "OK" : strerrorname_np(errno));
}

#if defined(__i386__)
static long do_bind(const char *mode, int fd)
{
	if (strcmp(mode, "libc") == 0)
		return bind(fd, (struct sockaddr *)&addr4, sizeof addr4) < 0 ? -errno : 0;
	if (strcmp(mode, "socketcall") == 0) {
		words[0] = (unsigned)fd;
		words[1] = (unsigned)(unsigned long)&addr4;
		words[2] = sizeof addr4;
		return syscall(102, SYS_BIND, words) < 0 ? -errno : 0;
	}
	if (strcmp(mode, "direct") == 0)
		return syscall(361, fd, &addr4, sizeof addr4) < 0 ? -errno : 0;
	fprintf(stderr, "pbabi: unknown ia32 mode %s\n", mode);
	exit(2);
}
#elif defined(__x86_64__)
static long int80(long nr, long a, long b, long c)
{
	long ret;

	__asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a), "c"(b), "d"(c) : "memory");
	return ret;
}

static long do_bind(const char *mode, int fd)
{
	if (strcmp(mode, "int80") == 0)
		return int80(361, fd, (long)&addr4, sizeof addr4);
	if (strcmp(mode, "int80-socketcall") == 0) {
		words[0] = (unsigned)fd;
		words[1] = (unsigned)(unsigned long)&addr4;
		words[2] = sizeof addr4;
		return int80(102, SYS_BIND, (long)words, 0);
	}
	if (strcmp(mode, "x32") == 0)
		return syscall(0x40000000 | SYS_bind, fd, &addr4, sizeof addr4) < 0 ? -errno : 0;
	fprintf(stderr, "pbabi: unknown x86_64 mode %s\n", mode);
	exit(2);
}

/* In a child: a kernel that runs no ia32 code kills it, which the tests must survive to skip. */
static int int80_probe(void)
{
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		perror("pbabi: fork");
		return 2;
	}
	if (pid == 0)
		_exit(int80(20, 0, 0, 0) == (long)getpid() ? 0 : 1);	/* i386 getpid */
	if (waitpid(pid, &status, 0) < 0) {
		perror("pbabi: waitpid");
		return 2;
	}
	if (WIFSIGNALED(status))
		printf("int $0x80 killed the caller with signal %d (%s)\n", WTERMSIG(status),
		       strsignal(WTERMSIG(status)));
	else if (WEXITSTATUS(status) != 0)
		printf("int $0x80 getpid did not return the caller's pid\n");
	else
		puts("OK");
	return 0;
}
#else
#error "pbabi is for x86 only"
#endif

int main(int argc, char **argv)
{
	int fd;

	if (argc == 2 && strcmp(argv[1], "abi") == 0) {
		puts(sizeof(long) == 4 ? "ia32" : "x86_64");
		return 0;
	}
#if defined(__x86_64__)
	if (argc == 2 && strcmp(argv[1], "int80-geteuid") == 0) {
		printf("%ld\n", int80(49, 0, 0, 0));
		return 0;
	}
	if (argc == 2 && strcmp(argv[1], "int80-probe") == 0)
		return int80_probe();
#endif
	if (argc != 3) {
		fprintf(stderr, "usage: pbabi MODE PORT | pbabi abi | pbabi int80-geteuid | pbabi int80-probe\n");
		return 2;
	}
	addr4.sin_family = AF_INET;
	addr4.sin_port = htons((unsigned short)atoi(argv[2]));
	addr4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0) {
		perror("pbabi: socket");
		return 2;
	}
	result(do_bind(argv[1], fd));
	return 0;
}
