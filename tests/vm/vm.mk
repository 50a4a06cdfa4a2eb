# SPDX-License-Identifier: GPL-2.0-or-later
# tests/vm/vm.mk: included from Makefile.am. privbind inside real kernels under QEMU.
#
#   make check-aarch64      aarch64 guest, Debian 12 (bookworm, 6.1) kernel
#   make check-vm-x86_64    x86_64 guest (TCG), Debian 12 kernel
#   make check-vm VM_ARCH=aarch64 VM_SUITE=bullseye    any other pair (bullseye: 5.10;
#                           local:VERSION: a kernel from VM_KERNELS, e.g. local:4.9.154)
#   make check-vms          what CI runs: Debian 12 and 11 kernels on both architectures, then
#                           the upstream kernels in VM_KERNELS (VM_LOCAL_X86_64, VM_LOCAL_AARCH64),
#                           every guest with the release binary of its architecture (make
#                           release, release.mk; run-vm -p), whose SHA-256 the guest prints
#
# Not part of `make check`; needs network access to a Debian mirror, not root. Downloads (kernel, busybox) are cached in
# vm-cache/ until `make distclean`; builds, initramfs and console logs go to vm-build/.
# The cross build is made from a `make distdir` copy of the sources, so it works from an
# in-tree build too (configure refuses a second build of a source tree configured in place).
# Host packages: see the top of tests/vm/run-vm.
#
# VM_KERNELS: the directory of kernels built from upstream sources (bzImage-VERSION-x86_64,
# Image-VERSION-arm64; how: BUILD.md there). Default: shared/kernels beside the source tree
# (CI clones the repository with a copy of shared/ beside it), else /work/shared/kernels.
# Without it, or without one of its kernels, check-vms skips those guests, saying so; in CI
# (CI=true) that is a failure.

vm_files = tests/vm/run-vm tests/vm/init.sh tests/vm/cases.sh tests/vm/cases-abi.sh
EXTRA_DIST += $(vm_files) tests/vm/vm.mk tests/helpers/pbtest.c tests/helpers/pbcommon.h

VM_ARCH = aarch64
VM_SUITE = bookworm
VM_KERNELS =
VM_SRC = $(abs_top_builddir)/vm-build/src
VM_RUN = $(SHELL) $(abs_top_srcdir)/tests/vm/run-vm -s '$(VM_SRC)' \
	-c '$(abs_top_builddir)/vm-cache' -w '$(abs_top_builddir)/vm-build'

# The guests of check-vms, ARCH:KERNEL[:MODES] (MODES: run-vm -m; default all four). Every
# kernel runs every mechanism: on the 4.x kernels no-pidfd is what auto picks and oldest what
# no-seccomp does, but each costs only a few seconds there (8-12 s a guest for all four).
VM_DEBIAN = aarch64:bookworm aarch64:bullseye x86_64:bookworm x86_64:bullseye
VM_LOCAL_X86_64 = 5.4.286 4.19.72 4.14.177 4.9.154 4.4.178
VM_LOCAL_AARCH64 = 4.19.72

vm-src:
	@mkdir -p $(abs_top_builddir)/vm-build
	$(AM_V_GEN)$(MAKE) $(AM_MAKEFLAGS) distdir distdir='$(VM_SRC)' >/dev/null

# the kernel directory: VM_KERNELS, else shared/kernels beside the sources, else /work's
vm_kernels = kdir='$(VM_KERNELS)'; \
	if test -z "$$kdir"; then \
		kdir='$(abs_top_srcdir)/../shared/kernels'; \
		test -d "$$kdir" || kdir=/work/shared/kernels; \
	fi

check-vm: vm-src
	@$(vm_kernels); $(VM_RUN) -k "$$kdir" $(VM_ARCH) $(VM_SUITE)

check-aarch64: vm-src
	$(VM_RUN) aarch64 bookworm

check-vm-x86_64: vm-src
	$(VM_RUN) x86_64 bookworm

# Every guest, even after one fails; then one line per guest with its time and result.
check-vms: vm-src $(RELEASE_DEP)
	@$(vm_kernels); \
	guests='$(VM_DEBIAN)'; missing=; \
	for g in $(VM_LOCAL_X86_64:%=x86_64:local:%) $(VM_LOCAL_AARCH64:%=aarch64:local:%); do \
		a=$${g%%:*}; v=$${g#*:local:}; v=$${v%%:*}; \
		case $$a in x86_64) f=bzImage-$$v-x86_64 ;; *) f=Image-$$v-arm64 ;; esac; \
		if test -s "$$kdir/$$f"; then guests="$$guests $$g"; else missing="$$missing $$kdir/$$f"; fi; \
	done; \
	if test -n "$$missing"; then \
		if test "$$CI" = true; then \
			echo "check-vms: FAIL: missing kernel images:$$missing. CI needs shared/kernels beside the repository (or VM_KERNELS=DIR)" >&2; \
			exit 1; \
		fi; \
		echo "check-vms: SKIP the guests of these missing kernel images:$$missing (give their directory with VM_KERNELS=DIR; how to build them: BUILD.md there)"; \
	fi; \
	summary=; failed=; all=$$(date +%s); \
	for g in $$guests; do \
		a=$${g%%:*}; k=$${g#*:}; m=; \
		case $$k in local:*:*) m=$${k##*:}; k=$${k%:*} ;; esac; \
		start=$$(date +%s); \
		if $(VM_RUN) -k "$$kdir" -p '$(release_dir)'/privbind-$(VERSION)-$$a $${m:+-m $$m} $$a $$k; then r=passed; else r=FAILED; failed="$$failed $$a/$$k"; fi; \
		summary="$$summary$$(printf '\n  %-8s %-16s %-28s %4s s  %s' $$a $$k "$${m:-all modes}" $$(($$(date +%s) - start)) $$r)"; \
	done; \
	echo "== check-vms: each guest (build, boot and cases), with the release binaries:$$summary"; \
	sed 's/^/  /' '$(release_dir)/SHA256SUMS'; \
	echo "== check-vms: $$(($$(date +%s) - all)) s in all"; \
	test -z "$$failed" || { echo "check-vms: failed:$$failed (each guest's console log is in vm-build/ARCH-KERNEL/console.log)" >&2; exit 1; }

clean-local: vm-clean
vm-clean:
	-rm -rf vm-build

distclean-local: vm-distclean
vm-distclean:
	-rm -rf vm-cache

.PHONY: vm-src check-vm check-aarch64 check-vm-x86_64 check-vms vm-clean vm-distclean
