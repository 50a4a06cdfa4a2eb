# SPDX-License-Identifier: GPL-2.0-or-later
# tests/local.mk: included from Makefile.am (owned by the test suite)
#
# End-to-end bats suites: real processes, real users, real sockets, one network
# namespace per test.  They run as root; as any other user every test skips.

# pbtest: the program the suites run under privbind; pbtest-static: the same, linked
# statically (privbind must not depend on the dynamic loader, unlike LD_PRELOAD tools)
check_PROGRAMS += tests/helpers/pbtest tests/helpers/pbtest-static
tests_helpers_pbtest_SOURCES = tests/helpers/pbtest.c tests/helpers/pbcommon.h
tests_helpers_pbtest_LDADD = -lpthread
tests_helpers_pbtest_static_SOURCES = tests/helpers/pbtest.c tests/helpers/pbcommon.h
tests_helpers_pbtest_static_LDFLAGS = -static
tests_helpers_pbtest_static_LDADD = -lpthread

# pbnamed: binds from named functions, for -b (and its static twin)
check_PROGRAMS += tests/helpers/pbnamed tests/helpers/pbnamed-static
tests_helpers_pbnamed_SOURCES = tests/helpers/pbnamed.c
tests_helpers_pbnamed_static_SOURCES = tests/helpers/pbnamed.c
# gcc -static leaves out .eh_frame_hdr, the table libunwind unwinds by: a static program
# needs it for a stack past the innermost frame (see LIMITATIONS in the man page)
tests_helpers_pbnamed_static_LDFLAGS = -static -Wl,--eh-frame-hdr

bats_tests = \
	tests/001-basic.bats \
	tests/010-cli.bats \
	tests/020-identity.bats \
	tests/030-bind-grant.bats \
	tests/040-policy.bats \
	tests/050-budget.bats \
	tests/060-errno.bats \
	tests/070-process-tree.bats \
	tests/075-namespaces.bats \
	tests/080-signals-exit.bats \
	tests/090-tty-jobcontrol.bats \
	tests/100-daemon-stdio.bats \
	tests/110-fdleak.bats \
	tests/120-verbose.bats \
	tests/140-log.bats \
	tests/145-summary.bats \
	tests/150-backtrace.bats \
	tests/160-observe.bats \
	tests/165-attach.bats
TESTS += $(bats_tests)
EXTRA_DIST += $(bats_tests) tests/test_helper.bash tests/helpers/ptydrive.py
