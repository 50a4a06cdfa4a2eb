// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * pbnamed: binds from functions with names a backtrace must show (for -b).
 *
 *   pbnamed PORT...   for each PORT: a TCP socket bound to 127.0.0.1:PORT by
 *                     pbnamed_inner_binder(), called by pbnamed_outer_caller(); prints
 *                     OK or the errno's name, one line per port
 *
 * Built with symbols (automake's -g); noinline and the empty asm keep both frames real.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "compat.h"

int pbnamed_inner_binder(int fd, int port);
int pbnamed_outer_caller(int port);

__attribute__((noinline)) int pbnamed_inner_binder(int fd, int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port) };
	int r;

	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	r = bind(fd, (struct sockaddr *)&sin, sizeof sin) < 0 ? errno : 0;
	__asm__ volatile("" ::: "memory");    /* no tail call: this frame stays on the stack */
	return r;
}

__attribute__((noinline)) int pbnamed_outer_caller(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0), r;

	if (fd < 0)
		return errno;
	r = pbnamed_inner_binder(fd, port);
	__asm__ volatile("" ::: "memory");
	close(fd);
	return r;
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		int r = pbnamed_outer_caller(atoi(argv[i]));
		const char *name = r ? strerrorname_np(r) : "OK";

		printf("%s\n", name ? name : "E?");
	}
	return 0;
}
