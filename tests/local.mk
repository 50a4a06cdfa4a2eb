# tests/local.mk: included from Makefile.am (owned by the test suite)
