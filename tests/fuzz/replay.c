// SPDX-License-Identifier: GPL-2.0-or-later
/* replay.c - run a fuzz target over its seed corpus, as a TAP test (make check), with any
 * compiler: the properties hold for the inputs we know, and the targets keep building.
 *
 * Usage: replay-NAME [FILE|DIR...]; with no argument, $PB_SRCDIR/tests/fuzz/corpus/NAME. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

/* The build names the corpus (-DFUZZ_NAME='"policy"'); without it, no corpus is found. */
#ifndef FUZZ_NAME
#define FUZZ_NAME "(built without -DFUZZ_NAME)"
#endif

static int count;

static void run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	size_t n = 0, cap = 0, r;

	if (!f) {
		printf("not ok %d - %s: %s\n", ++count, path, strerror(errno));
		return;
	}
	do {
		if (n == cap) {
			uint8_t *more = realloc(buf, cap = cap ? cap * 2 : 4096);

			CHECK(more);
			buf = more;
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0);
	fclose(f);
	/* an exact-size copy, as libFuzzer passes its inputs */
	{
		uint8_t *exact = malloc(n ? n : 1);

		CHECK(exact);
		if (n)
			memcpy(exact, buf, n);
		LLVMFuzzerTestOneInput(exact, n);
		free(exact);
	}
	free(buf);
	printf("ok %d - %s (%zu bytes)\n", ++count, path, n);
	fflush(stdout);
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void run_path(const char *path)
{
	struct dirent **names;
	struct stat st;
	char sub[4096];
	int i, n;

	if (stat(path, &st) < 0 || !S_ISDIR(st.st_mode)) {
		run_file(path);
		return;
	}
	n = scandir(path, &names, NULL, by_name);
	if (n < 0) {
		printf("not ok %d - %s: %s\n", ++count, path, strerror(errno));
		return;
	}
	for (i = 0; i < n; i++) {
		if (names[i]->d_name[0] != '.') {
			snprintf(sub, sizeof sub, "%s/%s", path, names[i]->d_name);
			run_file(sub);
		}
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	const char *src = getenv("PB_SRCDIR");
	char dir[4096];
	int i;

	if (argc > 1) {
		for (i = 1; i < argc; i++)
			run_path(argv[i]);
	} else {
		snprintf(dir, sizeof dir, "%s/tests/fuzz/corpus/%s", src ? src : ".", FUZZ_NAME);
		run_path(dir);
	}
	if (count == 0)
		printf("not ok 1 - no corpus found\n"), count = 1;
	printf("1..%d\n", count);
	return 0;
}
