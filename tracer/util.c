// SPDX-License-Identifier: GPL-2.0-or-later
/* util.c - messages in one voice: "privbind: what failed: why". */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compat.h"
#include "util.h"

__attribute__((format(printf, 1, 0)))
static void vmessage(const char *fmt, va_list ap, int err)
{
	char buf[1024];
	int n = snprintf(buf, sizeof buf, "privbind: ");

	n += vsnprintf(buf + n, sizeof buf - n, fmt, ap);
	if (n < (int)sizeof buf && err)
		n += snprintf(buf + n, sizeof buf - n, ": %s", strerror(err));
	if (n >= (int)sizeof buf - 1)
		n = sizeof buf - 2;
	buf[n++] = '\n';
	/* One write, so lines from the tracer and the command never interleave mid-line. */
	if (write(STDERR_FILENO, buf, n) < 0) {
		/* Nowhere left to report to. */
	}
}

void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap, 0);
	va_end(ap);
	_exit(EXIT_SETUP);
}

void die_errno(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap, err);
	va_end(ap);
	_exit(EXIT_SETUP);
}

void warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap, 0);
	va_end(ap);
}

void warn_errno(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	va_start(ap, fmt);
	vmessage(fmt, ap, err);
	va_end(ap);
}

const char *errno_name(int err)
{
	static char buf[16];
	const char *name = err ? strerrorname_np(err) : "OK";

	if (name)
		return name;
	snprintf(buf, sizeof buf, "E%d", err);
	return buf;
}
