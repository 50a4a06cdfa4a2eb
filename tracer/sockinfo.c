// SPDX-License-Identifier: GPL-2.0-or-later
/* sockinfo.c - SO_DOMAIN and SO_PROTOCOL (2.6.32) of a socket privbind holds, and SO_TYPE
 * for the log. */
#include "config.h"

#include <errno.h>
#include <sys/socket.h>

#include "sockinfo.h"

static int sockopt_int(int fd, int opt, int *out)
{
	socklen_t len = sizeof *out;

	return getsockopt(fd, SOL_SOCKET, opt, out, &len) < 0 ? -errno : 0;
}

int sockinfo_get(int fd, struct sockinfo *si)
{
	int err;

	si->type = 0;
	if ((err = sockopt_int(fd, SO_DOMAIN, &si->domain)) ||
	    (err = sockopt_int(fd, SO_PROTOCOL, &si->protocol)))
		return err;
	return 0;
}

int sockinfo_type(int fd)
{
	int type, err = sockopt_int(fd, SO_TYPE, &type);

	return err ? err : type;
}
