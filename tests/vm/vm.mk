# tests/vm/vm.mk: included from Makefile.am. privbind inside real Debian kernels under QEMU.
#
#   make check-aarch64      aarch64 guest, Debian 12 (bookworm, 6.1) kernel
#   make check-vm-x86_64    x86_64 guest (TCG), Debian 12 kernel
#   make check-vm VM_ARCH=aarch64 VM_SUITE=bullseye    any other pair (bullseye: 5.10)
#   make check-vms          both architectures, Debian 12 and 11 kernels (CI)
#
# Not part of `make check`; needs network access to a Debian mirror, not root. Downloads (kernel, busybox) are cached in
# vm-cache/ until `make distclean`; builds, initramfs and console logs go to vm-build/.
# The cross build is made from a `make distdir` copy of the sources, so it works from an
# in-tree build too (configure refuses a second build of a source tree configured in place).
# Host packages: see the top of tests/vm/run-vm.

vm_files = tests/vm/run-vm tests/vm/init.sh tests/vm/cases.sh
EXTRA_DIST += $(vm_files) tests/vm/vm.mk tests/helpers/pbtest.c tests/helpers/pbcommon.h

VM_ARCH = aarch64
VM_SUITE = bookworm
VM_SRC = $(abs_top_builddir)/vm-build/src
VM_RUN = $(SHELL) $(abs_top_srcdir)/tests/vm/run-vm -s '$(VM_SRC)' \
	-c '$(abs_top_builddir)/vm-cache' -w '$(abs_top_builddir)/vm-build'

vm-src:
	@mkdir -p $(abs_top_builddir)/vm-build
	$(AM_V_GEN)$(MAKE) $(AM_MAKEFLAGS) distdir distdir='$(VM_SRC)' >/dev/null

check-vm: vm-src
	$(VM_RUN) $(VM_ARCH) $(VM_SUITE)

check-aarch64: vm-src
	$(VM_RUN) aarch64 bookworm

check-vm-x86_64: vm-src
	$(VM_RUN) x86_64 bookworm

# Debian 12 (6.1) and 11 (5.10) kernels on both architectures: what CI runs
check-vms: vm-src
	$(VM_RUN) aarch64 bookworm
	$(VM_RUN) aarch64 bullseye
	$(VM_RUN) x86_64 bookworm
	$(VM_RUN) x86_64 bullseye

clean-local: vm-clean
vm-clean:
	-rm -rf vm-build

distclean-local: vm-distclean
vm-distclean:
	-rm -rf vm-cache

.PHONY: vm-src check-vm check-aarch64 check-vm-x86_64 check-vms vm-clean vm-distclean
