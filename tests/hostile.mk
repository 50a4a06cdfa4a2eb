# SPDX-License-Identifier: GPL-2.0-or-later
# tests/hostile.mk: hostile programs and faults (included from Makefile.am). pbhostile tries
# to trick or wear down privbind's tracer; the 3xx suites run it. PB_SOAK=1 makes the soak
# suite run its full length (CI does).

check_PROGRAMS += tests/helpers/pbhostile
tests_helpers_pbhostile_SOURCES = tests/helpers/pbhostile.c tests/helpers/pbcommon.h
tests_helpers_pbhostile_LDADD = -lpthread

# pbelf: a program whose own files turn hostile to -b's unwinder (tests/385-hostile-backtrace.bats)
check_PROGRAMS += tests/helpers/pbelf
tests_helpers_pbelf_SOURCES = tests/helpers/pbelf.c tests/helpers/pbcommon.h

# The suites that run on every kernel path (make check-fallbacks runs them on the injection
# path too); the soak and valgrind run once, on the default one.
hostile_path_tests = \
	tests/300-hostile-race.bats \
	tests/310-hostile-addr.bats \
	tests/315-hostile-protocols.bats \
	tests/320-hostile-fd.bats \
	tests/330-hostile-procs.bats \
	tests/340-hostile-tracer.bats \
	tests/345-hostile-inject.bats \
	tests/350-hostile-reuseport.bats \
	tests/370-faults.bats \
	tests/385-hostile-backtrace.bats \
	tests/390-hostile-sandbox.bats
hostile_tests = $(hostile_path_tests) tests/360-hostile-soak.bats tests/380-valgrind.bats
TESTS += $(hostile_tests)
EXTRA_DIST += $(hostile_tests) tests/hostile_helper.bash

# pbtracer: privbind's tracer loop alone, for valgrind (tests/380-valgrind.bats), built from
# privbind's own sources, never with sanitizers (not libpure.a: valgrind and ASan exclude
# each other)
check_PROGRAMS += tests/helpers/pbtracer
tests_helpers_pbtracer_SOURCES = tests/helpers/pbtracer.c \
	tracer/tracer.c tracer/bindcall.c tracer/fdgrab.c tracer/sockinfo.c tracer/netns.c tracer/log.c \
	tracer/util.c tracer/identity.c tracer/filter.c tracer/tasks.c tracer/inject.c \
	tracer/number.c tracer/policy.c tracer/sockaddr.c tracer/decide.c tracer/escape.c \
	tracer/sockopts.c tracer/procfs.c tracer/sandbox.c tracer/strangers.c tracer/proclog.c tracer/backtrace-none.c
if ARCH_X86_64
tests_helpers_pbtracer_SOURCES += arch/x86_64/regs.c arch/x86_64/calls.c
endif
if ARCH_AARCH64
tests_helpers_pbtracer_SOURCES += arch/aarch64/regs.c arch/aarch64/calls.c
endif
tests_helpers_pbtracer_LDADD = -ldl
# valgrind 3.19 cannot read clang 14's DWARF 5
tests_helpers_pbtracer_CFLAGS = $(AM_CFLAGS) -gdwarf-4
