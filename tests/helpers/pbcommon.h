// SPDX-License-Identifier: GPL-2.0-or-later
/* pbcommon.h - what the test programs share: dying with a message, naming errnos, reading
 * numbers from the command line. Each program sets pb_prog first thing in main(). */
#ifndef PBCOMMON_H
#define PBCOMMON_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compat.h"

static const char *pb_prog = "pbtest";

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "%s: ", pb_prog);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* "EACCES" for EACCES */
static inline const char *errname(int e)
{
	const char *n = strerrorname_np(e);

	return n ? n : "E?";
}

/* "OK" for 0, else the errno's name */
static inline const char *res(int err)
{
	return err ? errname(err) : "OK";
}

/* A whole number in [lo, hi], or die naming it */
static inline long num(const char *s, long lo, long hi)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < lo || v > hi)
		die("bad number '%s'", s);
	return v;
}

static inline int parse_int(const char *s, long lo, long hi)
{
	return (int)num(s, lo, hi);
}

#endif
