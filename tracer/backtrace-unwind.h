// SPDX-License-Identifier: GPL-2.0-or-later
/* backtrace-unwind.h - between the tracer (backtrace.c) and the helper process that walks a
 * stack for it (backtrace-unwind.c). */
#ifndef PRIVBIND_BACKTRACE_UNWIND_H
#define PRIVBIND_BACKTRACE_UNWIND_H

#include <stdbool.h>
#include <sys/types.h>
#include <sys/user.h>

#include "backtrace.h"

/* One message on the helper's pipe: a frame as soon as it is named, then one with `end` set.
 * A frame is a fixed-size record, so what a killed helper managed to send is still whole
 * frames. Both ends are the same binary: no layout to agree on. */
struct bt_msg {
	bool end;
	bool truncated;              /* with end: the stack went on past BT_FRAMES */
	struct frame f;
};

/* In the forked child: become thread `tid`'s own user, unwind from `regs` (read by the
 * tracer at the stop), reading memory through `mem` (the tracer's /proc/TID/mem), and send
 * bt_msgs to `out`. Never returns. */
__attribute__((noreturn))
void bt_unwind_run(pid_t tid, const struct user_regs_struct *regs, int mem, int out);

#endif
