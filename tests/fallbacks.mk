# SPDX-License-Identifier: GPL-2.0-or-later
# tests/fallbacks.mk: the whole bats suite on each of privbind's kernel paths (included from
# Makefile.am). oldkernel makes the newer interfaces fail as an older kernel does, so the
# start-up probes find them missing for real:
#
#   no-pidfd             5.0-like: pidfd_getfd and friends missing -> syscall injection; the
#                        hostile suites too (but the soak and valgrind), since injection
#                        lets the program run code while privbind waits on it
#   no-seccomp           seccomp forbidden (a container) -> stop at every syscall
#   oldest               both, and no PTRACE_GET_SYSCALL_INFO -> registers alone
#
#   make check-fallbacks                      all three, one after the other
#   make check-fallbacks FALLBACKS=no-pidfd   one

check_PROGRAMS += tests/helpers/oldkernel
tests_helpers_oldkernel_SOURCES = tests/helpers/oldkernel.c

FALLBACKS = no-pidfd no-seccomp oldest
fallback_flags_no_pidfd = --no-pidfd
fallback_flags_no_seccomp = --no-seccomp
fallback_flags_oldest = --no-pidfd --no-seccomp --no-syscall-info

# The whole test run, bats and every tool it starts included, runs on the simulated kernel.
check-fallbacks: privbind $(check_PROGRAMS) $(check_SCRIPTS)
	@failed=; for f in $(FALLBACKS); do \
		case $$f in \
		no-pidfd) flags='$(fallback_flags_no_pidfd)' ;; \
		no-seccomp) flags='$(fallback_flags_no_seccomp)' ;; \
		oldest) flags='$(fallback_flags_oldest)' ;; \
		*) echo "check-fallbacks: unknown path $$f" >&2; exit 1 ;; \
		esac; \
		extra=; test $$f != no-pidfd || extra='$(fallback_hostile_tests)'; \
		echo "== the bats suite on the $$f path (oldkernel $$flags)"; \
		tests/helpers/oldkernel $$flags -- $(MAKE) $(AM_MAKEFLAGS) check-TESTS \
			TESTS="$(bats_tests) $(fallback_bats_tests) $$extra" \
			TEST_SUITE_LOG=test-suite-$$f.log || failed="$$failed $$f"; \
	done; \
	test -z "$$failed" || { echo "check-fallbacks: failed on:$$failed" >&2; exit 1; }

fallback_hostile_tests = $(hostile_path_tests)

CLEANFILES += test-suite-no-pidfd.log test-suite-no-seccomp.log test-suite-oldest.log
.PHONY: check-fallbacks

fallback_bats_tests = tests/170-fallbacks.bats
TESTS += $(fallback_bats_tests)
EXTRA_DIST += $(fallback_bats_tests)

# pbinject: checks that syscall injection leaves no trace (x86_64: its registers are asm)
if ARCH_X86_64
check_PROGRAMS += tests/helpers/pbinject
tests_helpers_pbinject_SOURCES = tests/helpers/pbinject.c
endif
