# SPDX-License-Identifier: GPL-2.0-or-later
# release.mk: included from Makefile.am. The release binaries: one self-contained privbind
# per architecture, for machines with an older libc than the build machine's or none, and
# their SHA-256 sums.
#
#   make release         release/privbind-VERSION-x86_64, release/privbind-VERSION-aarch64,
#                        release/SHA256SUMS (check with: cd release && sha256sum -c SHA256SUMS)
#   make check-release   the release binary of this machine's architecture on the host:
#                        tests/001, 020 (users and groups by name) and 297 (-u NAME with
#                        no shared library and no NSS module on the machine)
#   make check-vms       boots these very files in the QEMU guests (tests/vm/vm.mk)
#
# Each binary is glibc, linked statically (--enable-static-binary; -u and -g are looked up
# by the static glibc's built-in "files" NSS: /etc/passwd, /etc/group), without -b (Debian
# has no static libunwind for every architecture), configured from a `make distdir` copy of
# the sources with the compiler of its architecture (--host=ARCH-linux-gnu; Debian 12 on
# x86_64: gcc, and gcc-aarch64-linux-gnu libc6-dev-arm64-cross), stripped, and checked to be
# static and of its architecture. RELEASE_ARCHES picks some; RELEASE_DEP= uses release/ as
# it is (CI builds it once, for check-release and check-vms).

RELEASE_ARCHES = x86_64 aarch64
RELEASE_CONFIGURE_FLAGS = --enable-werror
RELEASE_DEP = release
release_dir = $(abs_top_builddir)/release
release_build = $(abs_top_builddir)/release-build
release_bin = $(release_dir)/privbind-$(VERSION)-$(host_cpu)

EXTRA_DIST += release.mk tests/297-static.bats

release:
	@start=$$(date +%s); \
	rm -rf '$(release_build)' '$(release_dir)' && mkdir -p '$(release_build)' '$(release_dir)' || exit 1; \
	$(MAKE) $(AM_MAKEFLAGS) distdir distdir='$(release_build)/src' >/dev/null || exit 1; \
	for a in $(RELEASE_ARCHES); do \
		case $$a in \
		x86_64) machine='Advanced Micro Devices X86-64' ;; \
		aarch64) machine=AArch64 ;; \
		*) echo "make release: no release for '$$a' (x86_64, aarch64)" >&2; exit 1 ;; \
		esac; \
		t=$$a-linux-gnu; b='$(release_build)'/$$a; f='$(release_dir)'/privbind-$(VERSION)-$$a; \
		command -v $$t-gcc >/dev/null || { echo "make release: $$t-gcc not found (Debian: gcc-$$(echo $$a | tr _ -)-linux-gnu and the static libc of $$a, libc6-dev or libc6-dev-$$(case $$a in x86_64) echo amd64 ;; *) echo arm64 ;; esac)-cross)" >&2; exit 1; }; \
		echo "  RELEASE  privbind-$(VERSION)-$$a ($$t, static)"; \
		mkdir -p "$$b" && \
		(cd "$$b" && ../src/configure --quiet --host=$$t --enable-static-binary --with-libunwind=no --without-bash-completion-dir \
			$(RELEASE_CONFIGURE_FLAGS)) || { echo "make release: configure for $$t failed ($$b/config.log)" >&2; exit 1; }; \
		$(MAKE) -C "$$b" privbind >"$$b/make.log" 2>&1 || { tail -n 40 "$$b/make.log" >&2; echo "make release: the build for $$t failed" >&2; exit 1; }; \
		$$t-strip -o "$$f" "$$b/privbind" && chmod 755 "$$f" || exit 1; \
		if readelf -lW "$$f" | grep -q 'Requesting program interpreter'; then \
			echo "make release: $$f is dynamically linked" >&2; exit 1; \
		fi; \
		readelf -hW "$$f" | grep -q "Machine: *$$machine\$$" || { echo "make release: $$f is not an $$a program" >&2; exit 1; }; \
	done; \
	cd '$(release_dir)' && sha256sum privbind-$(VERSION)-* >SHA256SUMS && cat SHA256SUMS && \
	echo "make release: $(release_dir), in $$(($$(date +%s) - start)) s"

# The suites that resolve users and groups, with the release binary as PRIVBIND. 297 skips
# for a dynamically linked privbind, so here a skip is a failure.
release_host_tests = tests/001-basic.bats tests/020-identity.bats tests/297-static.bats
check-release: $(RELEASE_DEP)
	@test -x '$(release_bin)' || { echo "check-release: no $(release_bin): make release (RELEASE_ARCHES with $(host_cpu))" >&2; exit 1; }
	PRIVBIND='$(release_bin)' $(MAKE) $(AM_MAKEFLAGS) check TESTS='$(release_host_tests)'
	@if grep -h '^SKIP:' $(release_host_tests:.bats=.log); then \
		echo "check-release: the release binary's tests must not skip (above)" >&2; exit 1; \
	fi
	@echo "check-release: $(release_bin) passed $(release_host_tests)"

clean-local: release-clean
release-clean:
	-rm -rf release release-build

.PHONY: release check-release release-clean
