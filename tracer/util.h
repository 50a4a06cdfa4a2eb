// SPDX-License-Identifier: GPL-2.0-or-later
/* util.h - messages, exit codes and small helpers shared by every part of privbind. */
#ifndef PRIVBIND_UTIL_H
#define PRIVBIND_UTIL_H

#include <stdbool.h>
#include <stddef.h>

/* privbind's own exit codes (as env(1), nohup(1), chroot(1)). */
enum {
	EXIT_SETUP = 125,        /* bad usage, unknown user, not root, setup failed */
	EXIT_CANNOT_RUN = 126,   /* COMMAND found but not executable */
	EXIT_NOT_FOUND = 127,    /* COMMAND not found */
};

__attribute__((format(printf, 1, 2), noreturn)) void die(const char *fmt, ...);
/* As die(), followed by ": " and strerror(errno). */
__attribute__((format(printf, 1, 2), noreturn)) void die_errno(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void warn(const char *fmt, ...);
__attribute__((format(printf, 1, 2))) void warn_errno(const char *fmt, ...);

/* "EACCES" for EACCES; "E123" for what libc does not name. */
const char *errno_name(int err);


#endif
