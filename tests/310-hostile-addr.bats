#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Addresses a careless or hostile program passes to bind(2): lengths 0 to 1 MiB and
# negative, families that are not the socket's or nobody's, unmapped, NULL, read-only,
# partially mapped and beyond-end-of-file buffers, descriptors that are not inet sockets.
# Each result under privbind is root's (errno parity): pbhostile badaddr prints one line
# per case, run as root without privbind (the reference) and as nobody under privbind.

load test_helper
load hostile_helper

@test "odd lengths, families, buffers and descriptors: every result is root's" {
	run -0 nsrun "$HOSTILE" badaddr
	local root=$output
	# the reference is what the cases are named for
	like "$root" $'(^|\n)inet-len=16 OK\n' "root: a plain bind"
	like "$root" $'(^|\n)inet6-len=24 OK\n' "root: the 24-byte RFC 2133 sockaddr_in6"
	like "$root" $'(^|\n)inet-len=128 OK\ninet6-len=128 OK\ninet-len=129 EINVAL\n' "root: 128 is the most"
	like "$root" $'(^|\n)inet-len=1048576 EINVAL\n' "root: 1 MiB"
	like "$root" $'(^|\n)inet-len=-1 EINVAL\n' "root: negative"
	like "$root" $'(^|\n)inet-family=65535 EAFNOSUPPORT\n' "root: garbage family"
	like "$root" $'(^|\n)unmapped EFAULT\n' "root: unmapped"
	like "$root" $'(^|\n)read-only OK\n' "root: read-only"
	like "$root" $'(^|\n)partial-8-of-16 EFAULT\n' "root: partially mapped"
	like "$root" $'(^|\n)beyond-eof EFAULT\n' "root: beyond end of file"
	like "$root" $'(^|\n)fd=pipe ENOTSOCK\n' "root: a pipe"

	run_privbind -0 -u nobody "$HOSTILE" badaddr
	is "$output" "$root" "privbind's results vs root's"

	# and privbind did the granting: nobody alone gets EACCES where root gets OK
	run -0 as_nobody "$HOSTILE" badaddr
	like "$output" $'(^|\n)inet-len=16 EACCES\n' "nobody without privbind"
	like "$output" $'(^|\n)read-only EACCES\n' "nobody without privbind"
}

@test "the same cases under -p 443 (every privileged one denied) fail as they do for nobody alone" {
	run -0 as_nobody "$HOSTILE" badaddr
	local nobody=$output
	like "$nobody" $'(^|\n)inet-len=16 EACCES\n'
	run_privbind -0 -u nobody -p 443 "$HOSTILE" badaddr
	is "$output" "$nobody" "privbind -p 443 vs nobody without privbind"
}
