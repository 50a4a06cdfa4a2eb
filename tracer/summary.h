// SPDX-License-Identifier: GPL-2.0-or-later
/* summary.h - what a run's binds added up to: counts by decision, reason and result, and
 * rows by address, protocol, decision and result (-c, and the log's end record). Kept only
 * when a log or -c is asked for. */
#ifndef PRIVBIND_SUMMARY_H
#define PRIVBIND_SUMMARY_H

#include <stddef.h>

#include "log.h"

/* Distinct rows kept; binds beyond them are counted in summary.other. */
#define SUMMARY_ROWS 512
#define SUMMARY_NAMES 32

struct summary_row {
	char proto[8];                     /* "tcp", ... or "-" */
	char addr[SOCKADDR_DESCLEN];       /* the text log's form */
	unsigned char raw[SOCKADDR_MAX];   /* the bytes, for JSON (as in the bind record) */
	int rawlen;
	int port;
	const char *decision, *reason;     /* static names */
	int err;
	unsigned long count;
};

struct summary_count {
	const char *name;                  /* static: a decision or reason name; NULL for results */
	int err;                           /* results: the errno, 0 for success */
	unsigned long count;
};

struct summary {
	unsigned long binds;               /* every bind counted */
	unsigned long other;               /* of them, those past SUMMARY_ROWS distinct rows */
	struct summary_row *rows;
	size_t nrows;
	struct summary_count decisions[SUMMARY_NAMES], reasons[SUMMARY_NAMES], results[SUMMARY_NAMES];
	size_t ndecisions, nreasons, nresults;
};

/* Count one bind, with the errno the program got (0: success). */
void summary_add(const struct bindlog *l, int err);

/* The counts so far. */
const struct summary *summary_get(void);

/* -c's table, as strace -c prints one: a heap string the caller frees, NULL when out of
 * memory. */
char *summary_table(void);

#endif
