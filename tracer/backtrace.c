/* backtrace.c - -b: libunwind's remote unwinder over ptrace (libunwind-ptrace, _UPT_*).
 *
 * The thread is stopped at its bind's seccomp stop, so its registers and memory hold still
 * while libunwind walks the frames (DWARF CFI from the mapped files' .eh_frame) and names them
 * from their symbol tables. Module names come from /proc/TID/maps, read once per stack. All
 * of it runs only with -b: the cost (file reads, a few hundred ptrace peeks) is the price of
 * asking. An address space is made for each stack: the program may have exec'd or mapped new
 * code since the last one, and a stale cache would name the wrong functions. */
#include <libunwind-ptrace.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "backtrace.h"

bool backtrace_supported(void)
{
	return true;
}

struct mapping {
	unsigned long start, end, offset;
	char path[256];
};

struct maps {
	struct mapping *v;
	size_t n;
};

/* The file-backed mappings of tid, as /proc/TID/maps lists them. */
static void maps_read(pid_t tid, struct maps *m)
{
	char path[64], line[512 + 256];
	size_t cap = 0;
	FILE *f;

	m->v = NULL;
	m->n = 0;
	snprintf(path, sizeof path, "/proc/%d/maps", (int)tid);
	f = fopen(path, "re");
	if (!f)
		return;
	while (fgets(line, sizeof line, f)) {
		struct mapping mp;
		int name = 0;
		size_t len;

		if (sscanf(line, "%lx-%lx %*s %lx %*s %*s %n", &mp.start, &mp.end, &mp.offset, &name) < 3 ||
		    name == 0 || line[name] != '/')
			continue;     /* anonymous, [stack], [vdso] ... */
		len = strcspn(line + name, "\n");
		if (len >= sizeof mp.path)
			len = sizeof mp.path - 1;
		memcpy(mp.path, line + name, len);
		mp.path[len] = 0;
		if (m->n == cap) {
			struct mapping *v = realloc(m->v, (cap = cap ? cap * 2 : 64) * sizeof *v);

			if (!v)
				break;
			m->v = v;
		}
		m->v[m->n++] = mp;
	}
	fclose(f);
}

static void frame_module(const struct maps *m, struct frame *fr)
{
	/* A return address may point just past its call, at the start of the next mapping. */
	unsigned long at = fr->ip - (fr->ip > 0);
	size_t i;

	for (i = 0; i < m->n; i++) {
		if (at >= m->v[i].start && at < m->v[i].end) {
			memcpy(fr->module, m->v[i].path, sizeof fr->module);
			fr->module_offset = fr->ip - m->v[i].start + m->v[i].offset;
			return;
		}
	}
}

struct backtrace *backtrace_capture(pid_t tid)
{
	struct backtrace *bt;
	unw_addr_space_t as;
	unw_cursor_t cur;
	struct maps maps;
	void *upt;
	int step = 1;

	as = unw_create_addr_space(&_UPT_accessors, 0);
	if (!as)
		return NULL;
	upt = _UPT_create(tid);
	bt = calloc(1, sizeof *bt);
	if (!upt || !bt || unw_init_remote(&cur, as, upt) < 0) {
		free(bt);
		bt = NULL;
		goto out;
	}
	maps_read(tid, &maps);
	while (step > 0 && bt->n < BT_FRAMES) {
		struct frame *fr = &bt->f[bt->n];
		unw_word_t ip, off = 0;
		int r;

		if (unw_get_reg(&cur, UNW_REG_IP, &ip) < 0 || ip == 0)
			break;
		fr->ip = (unsigned long)ip;
		/* -UNW_ENOMEM: the name was cut to fit, which is still a name. */
		r = unw_get_proc_name(&cur, fr->function, sizeof fr->function, &off);
		if (r == 0 || r == -UNW_ENOMEM)
			fr->offset = (unsigned long)off;
		else
			fr->function[0] = 0;
		frame_module(&maps, fr);
		bt->n++;
		step = unw_step(&cur);
	}
	bt->truncated = bt->n == BT_FRAMES && step > 0;
	free(maps.v);
out:
	if (upt)
		_UPT_destroy(upt);
	unw_destroy_addr_space(as);
	return bt;
}

void backtrace_free(struct backtrace *bt)
{
	free(bt);
}
