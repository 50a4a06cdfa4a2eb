/* log.c - one write(2) per line, so lines never interleave with the program's own stderr
 * output mid-line; a failed write is dropped: logging never stops the program. */
#include <stdio.h>
#include <unistd.h>

#include "log.h"
#include "util.h"

void log_bind(const struct bindlog *l, int err)
{
	char line[1024];
	int n = snprintf(line, sizeof line,
			 "privbind: pid=%d tid=%d fd=%d proto=%s addr=%s decision=%s result=%s\n",
			 (int)l->pid, (int)l->tid, l->fd, l->proto, l->addr, l->decision,
			 errno_name(err));

	if (n >= (int)sizeof line) {
		n = sizeof line;
		line[n - 1] = '\n';
	}
	if (write(STDERR_FILENO, line, (size_t)n) < 0) {
		/* A closed or full log never stops the program. */
	}
}
