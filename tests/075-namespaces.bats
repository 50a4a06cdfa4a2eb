#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Sockets privbind meets in odd places: a thread with a file table of its own, and a socket
# of another network namespace, whose own ip_unprivileged_port_start is what the kernel
# applies to it.

load test_helper

@test "a thread with a file table of its own (unshare CLONE_FILES) gets its bind" {
	run -0 as_nobody "$PBTEST" bind unshared 127.0.0.1 80
	is "$output" EACCES "nobody alone"
	run_privbind -0 --separate-stderr -v -u nobody -p 80 -- "$PBTEST" bind unshared 127.0.0.1 80
	is "$output" OK "($PBT_MECHANISM, $(uname -r))"
	like "$stderr" 'decision=granted result=OK' "the log"
}

@test "the same thread before PIDFD_THREAD (6.9): it hands its socket over itself" {
	[[ -x $PB_HELPERS/oldkernel ]] || skip "oldkernel not built"
	"$PB_HELPERS/oldkernel" -- true 2>/dev/null || skip "no seccomp here to simulate with"
	local mech
	mech=$(pbt_mechanism)
	[[ $mech == *pidfd* ]] || skip "$mech: no pidfd_getfd here to simulate its limit for"
	# pidfd_open(PIDFD_THREAD) fails as on Debian 12's 6.1; the QEMU guests run 6.1 and 5.10
	run -0 --separate-stderr nsrun timeout -k 5 "$PBT_TIMEOUT" "$PB_HELPERS/oldkernel" \
		--no-pidfd-thread -- "$PRIVBIND" -v -u nobody -p 80 -- "$PBTEST" bind unshared 127.0.0.1 80
	is "$output" OK "the thread's bind"
	like "$stderr" 'mechanism=seccomp\+pidfd' "the mechanism"
	like "$stderr" 'decision=granted result=OK' "the log"
}

# other_ns THRESHOLD: a second network namespace, its lo up, with that threshold; its name in
# $OTHER_NS (removed by teardown)
other_ns() {
	OTHER_NS=$PBT_NS-b
	ip netns add "$OTHER_NS"
	ip netns exec "$OTHER_NS" ip link set lo up
	ip netns exec "$OTHER_NS" sh -c "echo $1 >/proc/sys/net/ipv4/ip_unprivileged_port_start"
}

teardown() {
	[[ -z ${OTHER_NS:-} ]] || ip netns del "$OTHER_NS" 2>/dev/null || true
	pbt_teardown
}

# from_other_ns CMD...: CMD runs in the test's namespace with fd 3 a TCP socket made in
# $OTHER_NS (root makes it there; the command inherits it)
from_other_ns() {
	ip netns exec "$OTHER_NS" $PY -c '
import os, socket, sys
s = socket.socket()
os.dup2(s.fileno(), 3)
os.execvp("ip", ["ip", "netns", "exec", sys.argv[1]] + sys.argv[2:])' "$PBT_NS" "$@"
}

@test "a socket of another namespace is judged by that namespace's threshold (lower than ours)" {
	other_ns 100
	# the kernel's word, for nobody alone: 80 is privileged there, 200 is not
	run -0 from_other_ns setpriv --reuid=nobody --regid=nogroup --clear-groups "$PBTEST" bind fd=3 127.0.0.1 200
	is "$output" OK "nobody alone, port 200 there"
	run -0 from_other_ns setpriv --reuid=nobody --regid=nogroup --clear-groups "$PBTEST" bind fd=3 127.0.0.1 80
	is "$output" EACCES "nobody alone, port 80 there"
	run -0 --separate-stderr from_other_ns timeout -k 5 "$PBT_TIMEOUT" "$PRIVBIND" -v -u nobody -n 1 -p 80 -- \
		"$PBTEST" bind fd=3 127.0.0.1 80
	is "$output" OK "under privbind -p 80, port 80 there"
	run -0 --separate-stderr from_other_ns timeout -k 5 "$PBT_TIMEOUT" "$PRIVBIND" -v -u nobody -n 1 -p 80 -- \
		"$PBTEST" bind fd=3 127.0.0.1 200 tcp 127.0.0.1 80
	is "$(joined)" "OK OK" "port 200 there needs no grant: -n 1 is left for port 80 here"
	like "$stderr" "addr=127\.0\.0\.1:200 decision=passed result=OK reason=unprivileged-port" "log"
}
