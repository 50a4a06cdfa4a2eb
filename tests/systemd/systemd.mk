# SPDX-License-Identifier: GPL-2.0-or-later
# tests/systemd/systemd.mk: included from Makefile.am. The contrib/ examples under a real
# systemd (process 1 of a Debian 12 guest under QEMU, TCG) and its start-stop-daemon:
#
#   make check-systemd                      builds the .deb from this tree, then the guest
#   make check-systemd PRIVBIND_DEB=FILE    tests that .deb (.ci/run passes the one it built)
#
# Not part of `make check`: needs root (mmdebstrap, for the guest image), the host's Debian
# mirror (only to build the image) and mmdebstrap qemu-system-x86 e2fsprogs; the .deb build
# needs dpkg-dev and the build dependencies of debian/control. The guest image (about 650 MB)
# is cached in vm-cache/ until `make distclean`; the .deb, the payload disk and the console
# log go to vm-build/systemd/. What is checked: tests/systemd/cases.sh.

EXTRA_DIST += tests/systemd/systemd.mk tests/systemd/run-systemd-vm tests/systemd/cases.sh

PRIVBIND_DEB =
SYSTEMD_VM_WORK = $(abs_top_builddir)/vm-build/systemd

# The package as .ci/run builds it: dpkg-buildpackage -b in a copy of the release's sources
# (here `make distdir`, the tree the tarball holds)
systemd-deb:
	@rm -rf '$(SYSTEMD_VM_WORK)/deb' && mkdir -p '$(SYSTEMD_VM_WORK)/deb'
	$(AM_V_GEN)$(MAKE) $(AM_MAKEFLAGS) distdir distdir='$(SYSTEMD_VM_WORK)/deb/$(PACKAGE)-$(VERSION)' >/dev/null
	@echo "  DEB      $(SYSTEMD_VM_WORK)/deb/$(PACKAGE)_$(VERSION)_*.deb (log: $(SYSTEMD_VM_WORK)/deb/build.log)"
	@cd '$(SYSTEMD_VM_WORK)/deb/$(PACKAGE)-$(VERSION)' && \
	if ! dpkg-buildpackage -us -uc -b >../build.log 2>&1; then \
		tail -n 40 ../build.log; \
		echo "check-systemd: dpkg-buildpackage failed (its build dependencies: apt-get build-dep ./ in the tree; or give PRIVBIND_DEB=FILE)" >&2; \
		exit 1; \
	fi

# The guest image alone, built (or found in vm-cache/) ahead of check-systemd
systemd-image:
	bash '$(abs_top_srcdir)/tests/systemd/run-systemd-vm' -i \
		-c '$(abs_top_builddir)/vm-cache' -w '$(SYSTEMD_VM_WORK)'

check-systemd:
	@deb='$(PRIVBIND_DEB)'; \
	if test -z "$$deb"; then \
		$(MAKE) $(AM_MAKEFLAGS) systemd-deb || exit 1; \
		deb='$(SYSTEMD_VM_WORK)'/deb/$(PACKAGE)_$(VERSION)_$$(dpkg --print-architecture).deb; \
	fi; \
	bash '$(abs_top_srcdir)/tests/systemd/run-systemd-vm' -d "$$deb" -s '$(abs_top_srcdir)' \
		-c '$(abs_top_builddir)/vm-cache' -w '$(SYSTEMD_VM_WORK)'

.PHONY: systemd-deb systemd-image check-systemd
