// SPDX-License-Identifier: GPL-2.0-or-later
/* summary.c - counting binds by what they were and what became of them. A row is one
 * (protocol, address, decision, reason, result); a server that binds the same address again
 * and again makes one row. The rows are bounded, so a program binding ever new addresses
 * cannot make the tracer grow without end. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "summary.h"
#include "util.h"

static struct summary sum;

/* Count `name` (a static string), or errno `err` when name is NULL. */
static void count(struct summary_count *v, size_t *n, const char *name, int err)
{
	size_t i;

	for (i = 0; i < *n; i++) {
		if (name ? v[i].name && strcmp(v[i].name, name) == 0 : v[i].err == err) {
			v[i].count++;
			return;
		}
	}
	if (*n < SUMMARY_NAMES) {
		v[*n].name = name;
		v[*n].err = err;
		v[(*n)++].count = 1;
	}
}

static struct summary_row *row_of(const struct bindlog *l, int err)
{
	struct summary_row *r;
	size_t i;

	for (i = 0; i < sum.nrows; i++) {
		r = &sum.rows[i];
		if (r->err == err && strcmp(r->decision, l->decision) == 0 &&
		    strcmp(r->reason, l->reason) == 0 && strcmp(r->proto, l->proto) == 0 &&
		    strcmp(r->addr, l->addr) == 0)
			return r;
	}
	if (sum.nrows == SUMMARY_ROWS)
		return NULL;
	if (!sum.rows && !(sum.rows = calloc(SUMMARY_ROWS, sizeof *sum.rows)))
		return NULL;
	r = &sum.rows[sum.nrows++];
	snprintf(r->proto, sizeof r->proto, "%s", l->proto);
	snprintf(r->addr, sizeof r->addr, "%s", l->addr);
	r->rawlen = l->rawlen;
	if (l->rawlen > 0)
		memcpy(r->raw, l->raw, (size_t)l->rawlen);
	r->port = l->port;
	r->decision = l->decision;
	r->reason = l->reason;
	r->err = err;
	return r;
}

void summary_add(const struct bindlog *l, int err)
{
	struct summary_row *r;

	if (!l->decision || !l->reason)
		return;
	sum.binds++;
	count(sum.decisions, &sum.ndecisions, l->decision, 0);
	count(sum.reasons, &sum.nreasons, l->reason, 0);
	count(sum.results, &sum.nresults, NULL, err);
	r = row_of(l, err);
	if (r)
		r->count++;
	else
		sum.other++;
}

const struct summary *summary_get(void)
{
	return &sum;
}

struct buf {
	char *p;
	size_t n, cap;
};

__attribute__((format(printf, 2, 3)))
static void put(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (!b->p)
		return;
	for (;;) {
		va_start(ap, fmt);
		k = vsnprintf(b->p + b->n, b->cap - b->n, fmt, ap);
		va_end(ap);
		if (k < 0) {
			free(b->p);
			b->p = NULL;
			return;
		}
		if ((size_t)k < b->cap - b->n) {
			b->n += (size_t)k;
			return;
		}
		char *p = realloc(b->p, b->cap * 2 + (size_t)k);
		if (!p) {
			free(b->p);
			b->p = NULL;
			return;
		}
		b->p = p;
		b->cap = b->cap * 2 + (size_t)k;
	}
}

static int widest(int w, const char *s)
{
	int n = (int)strlen(s);

	return n > w ? n : w;
}

/* privbind: binds by address and protocol
 *   count proto address        decision      reason         result
 *  ------ ----- -------------- ------------- -------------- ------
 *       2 tcp   127.0.0.1:80   granted       allowed        OK
 *  ------
 *       2 total: granted 2; OK 2 */
char *summary_table(void)
{
	int wp = 5, wa = 7, wd = 8, wr = 6;
	struct buf b = { .p = malloc(4096), .cap = 4096 };
	size_t i;

	for (i = 0; i < sum.nrows; i++) {
		wp = widest(wp, sum.rows[i].proto);
		wa = widest(wa, sum.rows[i].addr);
		wd = widest(wd, sum.rows[i].decision);
		wr = widest(wr, sum.rows[i].reason);
	}
	put(&b, "privbind: binds by address and protocol\n");
	put(&b, "%7s %-*s %-*s %-*s %-*s %s\n", "count", wp, "proto", wa, "address", wd, "decision",
	    wr, "reason", "result");
	put(&b, "%7s %-*.*s %-*.*s %-*.*s %-*.*s %s\n", "------", wp, wp, "----------", wa, wa,
	    "------------------------------------------------------------", wd, wd,
	    "--------------------", wr, wr, "--------------------", "------");
	for (i = 0; i < sum.nrows; i++) {
		const struct summary_row *r = &sum.rows[i];

		put(&b, "%7lu %-*s %-*s %-*s %-*s %s\n", r->count, wp, r->proto, wa, r->addr, wd,
		    r->decision, wr, r->reason, errno_name(r->err));
	}
	if (sum.other)
		put(&b, "%7lu (at other addresses: more than %d rows)\n", sum.other, SUMMARY_ROWS);
	put(&b, "%7s\n%7lu total", "------", sum.binds);
	for (i = 0; i < sum.ndecisions; i++)
		put(&b, "%s %s %lu", i ? "," : ":", sum.decisions[i].name, sum.decisions[i].count);
	for (i = 0; i < sum.nresults; i++)
		put(&b, "%s %s %lu", i ? "," : ";", errno_name(sum.results[i].err), sum.results[i].count);
	put(&b, "\n");
	return b.p;
}
