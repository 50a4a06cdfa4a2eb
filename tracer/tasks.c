// SPDX-License-Identifier: GPL-2.0-or-later
/* tasks.c - an open-addressing table of threads keyed by thread id.
 *
 * Most threads never need an entry (in seccomp mode only binds do); a thread with nothing to
 * remember is removed again, so the table stays as small as the set of threads in the middle
 * of something. Deletion moves later entries of the probe run back (no tombstones). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tasks.h"

static struct task *table;
static size_t cap, used;     /* cap is 0 or a power of two */

static size_t slot_of(pid_t tid)
{
	return ((size_t)tid * 2654435761u) & (cap - 1);
}

static bool grow(void)
{
	size_t old_cap = cap, i;
	struct task *old = table;

	cap = cap ? cap * 2 : 64;
	table = calloc(cap, sizeof *table);
	if (!table) {
		table = old;
		cap = old_cap;
		return false;
	}
	for (i = 0; i < old_cap; i++) {
		if (old[i].tid) {
			size_t j = slot_of(old[i].tid);

			while (table[j].tid)
				j = (j + 1) & (cap - 1);
			table[j] = old[i];
		}
	}
	free(old);
	return true;
}

struct task *task_find(pid_t tid)
{
	size_t i;

	if (!cap)
		return NULL;
	for (i = slot_of(tid); table[i].tid; i = (i + 1) & (cap - 1))
		if (table[i].tid == tid)
			return &table[i];
	return NULL;
}

struct task *task_get(pid_t tid)
{
	struct task *t = task_find(tid);
	size_t i;

	if (t)
		return t;
	if ((used + 1) * 4 > cap * 3 && !grow())
		return NULL;
	for (i = slot_of(tid); table[i].tid; i = (i + 1) & (cap - 1))
		;
	memset(&table[i], 0, sizeof table[i]);
	table[i].tid = tid;
	used++;
	return &table[i];
}

void task_forget(pid_t tid)
{
	struct task *t = task_find(tid);
	size_t i, j, home;

	if (!t)
		return;
	i = (size_t)(t - table);
	t->tid = 0;
	used--;
	/* Close the gap: move back every later entry of the run that would no longer be found. */
	for (j = (i + 1) & (cap - 1); table[j].tid; j = (j + 1) & (cap - 1)) {
		home = slot_of(table[j].tid);
		if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
			table[i] = table[j];
			table[j].tid = 0;
			i = j;
		}
	}
}

void task_each(void (*fn)(pid_t tid))
{
	size_t i;

	for (i = 0; i < cap; i++)
		if (table[i].tid)
			fn(table[i].tid);
}
