/* log.h - the -v line: one per bind, written whole. */
#ifndef PRIVBIND_LOG_H
#define PRIVBIND_LOG_H

#include <sys/types.h>

#include "sockaddr.h"

struct bindlog {
	pid_t pid, tid;
	int fd;
	const char *proto;                 /* "tcp", "udp", ... or "-" when unknown */
	char addr[SOCKADDR_DESCLEN];
	const char *decision;              /* verdict_name() */
};

/* privbind: pid=812 tid=813 fd=3 proto=tcp addr=127.0.0.1:80 decision=granted result=OK */
void log_bind(const struct bindlog *l, int err);

#endif
