# SPDX-License-Identifier: GPL-2.0-or-later
# tests/fuzz.mk: libFuzzer targets of the pure logic (included from Makefile.am).
#
#   make fuzz                  build with clang (-fsanitize=fuzzer,address,undefined) and run
#                              each target FUZZ_SECONDS seconds from the seed corpus
#   make fuzz FUZZ_SECONDS=60  what CI runs
#
# make check replays the seed corpus through the same targets with the configured compiler
# (tests/fuzz/replay.c), so the targets always build and their properties hold for the seeds.
# tests/fuzz/seeds.py wrote the seeds.

fuzz_names = policy sockaddr decide
fuzz_pure = $(srcdir)/tracer/number.c $(srcdir)/tracer/policy.c \
	$(srcdir)/tracer/sockaddr.c $(srcdir)/tracer/decide.c $(srcdir)/tracer/escape.c
FUZZ_SECONDS = 10
FUZZ_CFLAGS = -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer -std=gnu11 -Wall -Wextra
FUZZ_RUNFLAGS = -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1

fuzz:
	@if test "$(HAVE_FUZZ)" != yes; then \
		echo "make fuzz: needs clang with libFuzzer (-fsanitize=fuzzer), which configure did not find."; \
		echo "  On Debian: apt-get install clang libclang-rt-14-dev, then run configure again"; \
		echo "  (or name the compiler: ./configure FUZZ_CC=clang-14)."; \
		exit 1; \
	fi
	@$(MKDIR_P) tests/fuzz
	@for n in $(fuzz_names); do \
		echo "  FUZZCC   tests/fuzz/fuzz-$$n"; \
		$(FUZZ_CC) $(FUZZ_CFLAGS) $(DEFS) $(DEFAULT_INCLUDES) $(AM_CPPFLAGS) $(CPPFLAGS) -I$(srcdir)/tests/fuzz \
			-o tests/fuzz/fuzz-$$n $(srcdir)/tests/fuzz/fuzz-$$n.c $(srcdir)/tests/fuzz/ref.c $(srcdir)/tests/fuzz/kernel.c \
			$(fuzz_pure) || exit 1; \
	done
	@rm -f tests/fuzz/summary
	@for n in $(fuzz_names); do \
		work=tests/fuzz/corpus-$$n; rm -rf $$work; $(MKDIR_P) $$work; \
		cp $(srcdir)/tests/fuzz/corpus/$$n/* $$work/; \
		echo "  FUZZ     fuzz-$$n for $(FUZZ_SECONDS) s (log: tests/fuzz/fuzz-$$n.log)"; \
		if ! tests/fuzz/fuzz-$$n $(FUZZ_RUNFLAGS) -artifact_prefix=tests/fuzz/crash-$$n- \
			$$work >tests/fuzz/fuzz-$$n.log 2>&1; then \
			tail -n 60 tests/fuzz/fuzz-$$n.log; \
			echo "make fuzz: fuzz-$$n failed; the input is tests/fuzz/crash-$$n-*"; \
			echo "  (replay it: tests/fuzz/fuzz-$$n FILE, or tests/fuzz/replay-$$n FILE)"; \
			exit 1; \
		fi; \
		runs=`sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 executions in \2 s/p' tests/fuzz/fuzz-$$n.log`; \
		cov=`sed -n 's/^stat::new_units_added: *//p' tests/fuzz/fuzz-$$n.log`; \
		echo "fuzz-$$n: $$runs, no failure ($$cov new corpus units)" | tee -a tests/fuzz/summary; \
	done

clean-local: clean-fuzz
clean-fuzz:
	rm -rf tests/fuzz/corpus-policy tests/fuzz/corpus-sockaddr tests/fuzz/corpus-decide \
		tests/fuzz/fuzz-policy tests/fuzz/fuzz-sockaddr tests/fuzz/fuzz-decide \
		tests/fuzz/*.log tests/fuzz/summary tests/fuzz/crash-*

.PHONY: fuzz clean-fuzz

# The replay of the seed corpus, in make check
fuzz_replays = tests/fuzz/replay-policy tests/fuzz/replay-sockaddr tests/fuzz/replay-decide
check_PROGRAMS += $(fuzz_replays)
TESTS += $(fuzz_replays)
fuzz_replay_sources = tests/fuzz/replay.c tests/fuzz/ref.c tests/fuzz/kernel.c tests/fuzz/fuzz.h
fuzz_replay_cflags = $(AM_CFLAGS) $(SANITIZER_CFLAGS) -I$(srcdir)/tests/fuzz
tests_fuzz_replay_policy_SOURCES = tests/fuzz/fuzz-policy.c $(fuzz_replay_sources)
tests_fuzz_replay_policy_CFLAGS = $(fuzz_replay_cflags) -DFUZZ_NAME='"policy"'
tests_fuzz_replay_policy_LDFLAGS = $(SANITIZER_CFLAGS)
tests_fuzz_replay_policy_LDADD = libpure.a
tests_fuzz_replay_sockaddr_SOURCES = tests/fuzz/fuzz-sockaddr.c $(fuzz_replay_sources)
tests_fuzz_replay_sockaddr_CFLAGS = $(fuzz_replay_cflags) -DFUZZ_NAME='"sockaddr"'
tests_fuzz_replay_sockaddr_LDFLAGS = $(SANITIZER_CFLAGS)
tests_fuzz_replay_sockaddr_LDADD = libpure.a
tests_fuzz_replay_decide_SOURCES = tests/fuzz/fuzz-decide.c $(fuzz_replay_sources)
tests_fuzz_replay_decide_CFLAGS = $(fuzz_replay_cflags) -DFUZZ_NAME='"decide"'
tests_fuzz_replay_decide_LDFLAGS = $(SANITIZER_CFLAGS)
tests_fuzz_replay_decide_LDADD = libpure.a
EXTRA_DIST += tests/fuzz/seeds.py tests/fuzz/corpus
