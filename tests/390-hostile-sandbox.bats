#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# A program that shuts itself in (Landlock, no_new_privs, a user namespace of its own) gets
# no bind from privbind that its sandbox would refuse it: the granted bind runs in the
# tracer, where the program's LSM domain does not reach. The oracle is the kernel: root
# itself, sandboxed the same way, gets EACCES.

load test_helper
load hostile_helper

# sandbox_case KIND ROOT: the oracle (root alone, sandboxed, gets ROOT; nobody alone gets
# EACCES), then privbind -n 1 -p 80,81: the sandboxed bind of 80 fails as the user's own and
# spends nothing, so 81 is granted after
sandbox_case() {
	run -0 nsrun "$HOSTILE" sandbox "$1" 127.0.0.1 80
	[[ $output != "sandbox unsupported"* ]] || skip "$1: this kernel has none ($output)"
	is "$output" "sandbox $2" "root alone, sandboxed ($1)"
	run -0 nsrun su -s /bin/sh -c "$HOSTILE sandbox $1 127.0.0.1 80" nobody
	is "$output" "sandbox EACCES" "nobody alone, sandboxed ($1)"
	run_privbind -0 --separate-stderr -v -u nobody -n 1 -p 80,81 -- sh -c \
		'"$1" sandbox "$2" 127.0.0.1 80 && exec "$3" bind tcp 127.0.0.1 81' sh \
		"$HOSTILE" "$1" "$PBTEST"
	is "$(joined)" "sandbox EACCES OK" "under privbind ($1)"
	like "$stderr" "addr=127\.0\.0\.1:80 decision=denied:sandbox result=EACCES reason=sandboxed" "log"
}

@test "Landlock: a program that forbade itself TCP binds is not granted port 80" {
	sandbox_case landlock EACCES
}

# no_new_privs alone forbids root nothing; but privbind cannot see a Landlock domain, and a
# program without capabilities cannot make one without no_new_privs: that is the sign.
@test "no_new_privs set by the program (what Landlock and its own filters need): no grant" {
	sandbox_case nnp OK
}

@test "a program in a user namespace of its own: no grant" {
	sandbox_case userns EACCES
}

@test "no_new_privs from privbind's caller (NoNewPrivileges=yes): binds are granted as usual" {
	command -v setpriv >/dev/null || skip "setpriv (util-linux) not installed"
	run -0 nsrun setpriv --no-new-privs timeout -k 5 "$PBT_TIMEOUT" "$PRIVBIND" -u nobody -p 80 \
		-- "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" OK
}
