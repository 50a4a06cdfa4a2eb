#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# errno parity: a bind privbind performs returns exactly what the same bind returns to
# root.  Each case runs pbtest directly as root (the reference, which must be what the
# case names) and then as nobody under privbind, in the test's fresh namespace.

load test_helper

# parity EXPECTED BIND-ACTIONS...: root's results are EXPECTED, privbind's the same
parity() {
	local expected=$1; shift
	run -0 nsrun "$PBTEST" bind "$@"
	is "$(joined)" "$expected" "root's results for: $*"
	run_privbind -0 -u nobody "$PBTEST" bind "$@"
	is "$(joined)" "$expected" "privbind's results for: $*"
}

@test "a port in use gives EADDRINUSE, as for root (TCP, UDP, IPv4, IPv6, dual-stack)" {
	parity "OK EADDRINUSE" tcp 127.0.0.1 80 tcp 127.0.0.1 80
	parity "OK EADDRINUSE" udp ::1 53 udp ::1 53
	parity "OK EADDRINUSE" tcp :: 443 tcp 0.0.0.0 443
	parity "OK EADDRINUSE" tcp 0.0.0.0 22 tcp6 ::ffff:127.0.0.1 22
}

@test "binding an already bound socket to port 80 gives EINVAL, as for root" {
	parity "OK EINVAL" tcp 127.0.0.1 0 again 127.0.0.1 80
	parity "OK EINVAL" udp ::1 8080 again ::1 80
	parity "OK EINVAL" tcp 127.0.0.1 81 again 127.0.0.1 80
	# without privbind nobody would have got EACCES here: this is privbind's doing
	run -0 as_nobody "$PBTEST" bind tcp 127.0.0.1 0 again 127.0.0.1 80
	is "$(joined)" "OK EACCES" "nobody without privbind"
}

@test "an address that is not local gives EADDRNOTAVAIL, as for root" {
	parity "EADDRNOTAVAIL" tcp 192.0.2.1 80
	parity "EADDRNOTAVAIL" udp 2001:db8::1 53
}

@test "a bad address pointer gives EFAULT, as for root" {
	parity "EFAULT" tcp badptr 80
	parity "EFAULT" udp badptr 53
}

@test "a regular file's fd gives ENOTSOCK, as for root" {
	parity "ENOTSOCK" file 127.0.0.1 80
}

@test "a closed fd gives EBADF, as for root" {
	parity "EBADF" badfd 127.0.0.1 80
}

@test "an IPv6 address on an IPv4 socket gives EAFNOSUPPORT, as for root" {
	parity "EAFNOSUPPORT" tcp4 ::1 80
}

@test "an address length too short or too long gives EINVAL, as for root" {
	parity "EINVAL" tcp short:127.0.0.1 80
	parity "EINVAL" tcp short:::1 80
	parity "EINVAL" udp long:127.0.0.1 53
}

@test "AF_UNSPEC binds behave as for root: 0.0.0.0 on an AF_INET socket, errors otherwise" {
	parity "OK OK" tcp unspec 80 udp unspec 53
	parity "EAFNOSUPPORT" tcp unspec-lo 80
	parity "EINVAL" tcp6 unspec 80
}

@test "a granted bind's EADDRINUSE leaves the program able to bind elsewhere" {
	parity "OK EADDRINUSE OK" tcp 127.0.0.1 80 tcp 127.0.0.1 80 tcp 127.0.0.1 81
}

# user_parity PRIVBIND-FLAGS -- BIND-ACTIONS...: what privbind does not grant (denied, passed)
# is the user's own call: privbind's results are nobody's own, whatever they are
user_parity() {
	local -a flags=()
	while [[ $1 != -- ]]; do flags+=("$1"); shift; done
	shift
	run -0 as_nobody "$PBTEST" bind "$@"
	local alone
	alone=$(joined)
	run_privbind -0 -u nobody "${flags[@]}" "$PBTEST" bind "$@"
	is "$(joined)" "$alone" "privbind ${flags[*]} against nobody alone, for: $*"
}

@test "a denied or passed bind answers what the user's own call answers, non-local addresses too" {
	# denied by -p: EACCES on a local address, but EADDRNOTAVAIL on one that is not (the
	# kernel checks the address first), EFAULT for a bad pointer, EINVAL on a bound socket
	user_parity -p 80 -- tcp 192.0.2.1 81 udp 2001:db8::1 53 tcp 127.0.0.1 81 tcp ::1 81 \
		tcp badptr 81 tcp 127.0.0.1 0 again 127.0.0.1 81 tcp unspec 81
	# denied by -n: the same
	user_parity -p 80 -n 0 -- tcp 192.0.2.1 80 tcp 127.0.0.1 80 udp 2001:db8::1 80
	# passed (unprivileged ports, port 0): whatever the kernel says
	user_parity -p 80 -- tcp 192.0.2.1 8080 tcp 127.0.0.1 8080 tcp 127.0.0.1 8080 udp 2001:db8::1 0
	# and the user's answers really differ from one case to the next
	run -0 as_nobody "$PBTEST" bind tcp 192.0.2.1 81 tcp 127.0.0.1 81
	is "$(joined)" "EADDRNOTAVAIL EACCES" "nobody alone"
}
