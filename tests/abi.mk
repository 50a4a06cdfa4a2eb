# SPDX-License-Identifier: GPL-2.0-or-later
# tests/abi.mk: programs that bind through every system call ABI of x86_64 (included from
# Makefile.am). pbabi is 64-bit and makes ia32 calls with int $0x80 and x32 calls; it is
# static and not PIE so that its data lies below 4 GiB, where 32-bit pointers reach.
# pbabi32 is the same source built as an ia32 program.

if ARCH_X86_64
check_PROGRAMS += tests/helpers/pbabi
tests_helpers_pbabi_SOURCES = tests/helpers/pbabi.c
tests_helpers_pbabi_LDFLAGS = -static -no-pie

if HAVE_CC_IA32
check_SCRIPTS += tests/helpers/pbabi32
CLEANFILES += tests/helpers/pbabi32
tests/helpers/pbabi32: tests/helpers/pbabi.c tracer/compat.h
	@$(MKDIR_P) tests/helpers
	$(AM_V_CC)$(CC_IA32) -std=gnu11 -O2 -Wall -Wextra $(WERROR_CFLAGS) $(DEFS) $(DEFAULT_INCLUDES) \
		-I$(srcdir)/tracer -static -o $@ $(srcdir)/tests/helpers/pbabi.c
endif
endif

TESTS += tests/130-abi.bats
EXTRA_DIST += tests/130-abi.bats
