# SPDX-License-Identifier: GPL-2.0-or-later
# tests/ecosystem.mk: included from Makefile.am (owned by the test suite)
#
# privbind among the things an administrator runs: real servers on reserved ports, each
# started under privbind as an unprivileged user in the test's network namespace and asked
# by a real client; the service-manager examples of contrib/; the capabilities root needs;
# the man page; the bash completion and the logrotate example. A test whose server, client
# or tool is not installed skips and says which package it wants; .ci/run installs them all.

ecosystem_tests = \
	tests/200-servers-nginx.bats \
	tests/210-servers-java.bats \
	tests/220-servers-node.bats \
	tests/230-servers-go.bats \
	tests/240-servers-dns.bats \
	tests/250-servers-ssh.bats \
	tests/260-contrib-sysvinit.bats \
	tests/270-contrib-systemd.bats \
	tests/280-capabilities.bats \
	tests/290-docs.bats \
	tests/295-completion.bats \
	tests/296-logrotate.bats
TESTS += $(ecosystem_tests)
EXTRA_DIST += $(ecosystem_tests) \
	tests/servers/Server.java \
	tests/servers/server.go \
	tests/servers/server.js
