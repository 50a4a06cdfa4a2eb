# tests/hostile.mk: hostile programs and faults (included from Makefile.am). pbhostile tries
# to trick or wear down privbind's tracer; the 3xx suites run it. PB_SOAK=1 makes the soak
# suite run its full length (CI does).

check_PROGRAMS += tests/helpers/pbhostile
tests_helpers_pbhostile_SOURCES = tests/helpers/pbhostile.c
tests_helpers_pbhostile_LDADD = -lpthread

hostile_tests = \
	tests/300-hostile-race.bats \
	tests/310-hostile-addr.bats \
	tests/320-hostile-fd.bats \
	tests/330-hostile-procs.bats \
	tests/340-hostile-tracer.bats \
	tests/350-hostile-reuseport.bats \
	tests/360-hostile-soak.bats \
	tests/370-faults.bats
TESTS += $(hostile_tests)
EXTRA_DIST += $(hostile_tests) tests/hostile_helper.bash
