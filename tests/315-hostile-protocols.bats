#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Judged by protocol, as the kernel judges: only TCP, MPTCP, UDP, UDP-Lite, SCTP and DCCP
# binds check a port's privilege. A ping socket's "port" is an ICMP id that anyone may bind:
# privbind must not bind it as root, nor spend -n on it. SCTP on an AF_INET6 socket takes an
# IPv4 sockaddr_in, which root's bind accepts. The oracle is the kernel: the same binds as
# nobody alone, or as root.

load test_helper
load hostile_helper

# ping sockets for everyone in the test's namespace (net.ipv4.ping_group_range)
ping_for_all() {
	nsrun sh -c 'echo "0 2147483647" >/proc/sys/net/ipv4/ping_group_range'
}

@test "a ping socket's bind to id 80 passes as the user's own, and spends no -n" {
	ping_for_all
	run -0 nsrun su -s /bin/sh -c "$PBTEST bind ping 127.0.0.1 80 ping6 ::1 80" nobody
	is "$(joined)" "OK OK" "nobody alone (the kernel asks no privilege)"
	run_privbind -0 --separate-stderr -v -u nobody -n 1 -p 80 -- "$PBTEST" bind ping 127.0.0.1 80 \
		ping6 ::1 80 tcp 127.0.0.1 80
	is "$(joined)" "OK OK OK" "ping, ping6, then the one TCP grant -n 1 allows"
	like "$stderr" "addr=127\.0\.0\.1:80 decision=passed result=OK reason=not-inet" "ping's log"
	like "$stderr" "proto=tcp addr=127\.0\.0\.1:80 decision=granted result=OK" "tcp's log"
}

@test "a raw socket of protocol TCP (SO_PROTOCOL 6) handed down to the user passes as its own, and spends no -n" {
	# a raw socket binds an address, never a port: raw_bind asks no privilege
	local raw='import os, socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_TCP)
os.dup2(s.fileno(), 3)
os.execvp(sys.argv[1], sys.argv[1:])'
	run -0 nsrun python3 -c "$raw" setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$PBTEST" bind fd=3 127.0.0.1 80
	local alone=$output     # bound, to the address only: pbtest says so
	like "$alone" '^OK' "nobody alone"
	run -0 --separate-stderr nsrun python3 -c "$raw" "$PRIVBIND" -v -u nobody -n 1 -p 80 -- \
		"$PBTEST" bind fd=3 127.0.0.1 80 tcp 127.0.0.1 80
	is "$(joined)" "$alone OK" "the raw bind as nobody's own, then the one TCP grant -n 1 allows"
	like "$stderr" "proto=raw addr=127\.0\.0\.1:80 decision=passed result=OK reason=not-inet" "raw's log"
	like "$stderr" "proto=tcp addr=127\.0\.0\.1:80 decision=granted result=OK" "tcp's log"
}

@test "SCTP: an AF_INET6 socket bound with a sockaddr_in is granted, as root's bind succeeds" {
	run -0 nsrun "$PBTEST" bind sctp6 127.0.0.1 80 sctp6 ::1 81
	[[ $output != *socket:* ]] || skip "no SCTP in this kernel ($output); the VM guests run it"
	is "$(joined)" "OK OK" "root alone"
	run -0 nsrun su -s /bin/sh -c "$PBTEST bind sctp6 127.0.0.1 80 sctp4 127.0.0.1 81" nobody
	is "$(joined)" "EACCES EACCES" "nobody alone"
	run_privbind -0 -u nobody -p 80,81 -- "$PBTEST" bind sctp6 127.0.0.1 80 sctp6 ::1 81 \
		sctp4 127.0.0.1 81
	is "$(joined)" "OK OK OK" "under privbind"
}

@test "SCTP: -p PORT/sctp grants SCTP binds only, as the kernel guards SCTP ports too" {
	run -0 nsrun "$PBTEST" bind sctp4 127.0.0.1 80
	[[ $output != *socket:* ]] || skip "no SCTP in this kernel ($output); the VM guests run it"
	run -0 nsrun su -s /bin/sh -c "$PBTEST -c bind sctp4 127.0.0.1 80" nobody
	is "$output" EACCES "nobody alone"
	run_privbind -0 -u nobody -p 80/sctp -- "$PBTEST" -c bind sctp4 127.0.0.1 80 sctp6 ::1 80 \
		tcp 127.0.0.1 80 udp 127.0.0.1 80
	is "$(joined)" "OK OK EACCES EACCES" "under privbind -p 80/sctp"
	run_privbind -0 -u nobody -p 80/tcp -- "$PBTEST" -c bind sctp4 127.0.0.1 80
	is "$output" EACCES "/tcp does not take SCTP"
}
