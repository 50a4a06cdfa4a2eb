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

# pbtracer: privbind's tracer for valgrind (tests/380-valgrind.bats), linked from privbind's
# own libprivbind.a. Under --enable-sanitizers that library is ASan's, which valgrind cannot
# run beside: 380 skips there, and the plain build runs it.
check_PROGRAMS += tests/helpers/pbtracer
tests_helpers_pbtracer_SOURCES = tests/helpers/pbtracer.c
tests_helpers_pbtracer_LDADD = libprivbind.a libpure.a $(LIBUNWIND_LIBS) -ldl
tests_helpers_pbtracer_CFLAGS = $(AM_CFLAGS) $(SANITIZER_CFLAGS)
tests_helpers_pbtracer_LDFLAGS = $(SANITIZER_CFLAGS)

# pbclose: the tracer's bounded close (fdgrab_close) of a socket that lingers, on its own
# (tests/320-hostile-fd.bats)
check_PROGRAMS += tests/helpers/pbclose
tests_helpers_pbclose_SOURCES = tests/helpers/pbclose.c
tests_helpers_pbclose_LDADD = libprivbind.a libpure.a $(LIBUNWIND_LIBS) -ldl
tests_helpers_pbclose_CFLAGS = $(AM_CFLAGS) $(SANITIZER_CFLAGS)
tests_helpers_pbclose_LDFLAGS = $(SANITIZER_CFLAGS)
