#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Every task of the command's tree is traced: forked children, exec'd grandchildren,
# vfork'ed children, threads.

load test_helper

@test "a forked child and an exec'd grandchild get their binds granted" {
	run_privbind -0 -u nobody "$PBTEST" tree tcp 127.0.0.1 80 81 82
	is "$(joined)" "parent OK child OK grandchild OK"
	run -0 as_nobody "$PBTEST" tree tcp 127.0.0.1 80 81 82
	is "$(joined)" "parent EACCES child EACCES grandchild EACCES" "control without privbind"
}

@test "the static binary's forked child and exec'd grandchild get their binds granted" {
	run_privbind -0 -u nobody "$PBT_BIN/pbtest-static" tree udp ::1 53 54 55
	is "$(joined)" "parent OK child OK grandchild OK"
}

@test "a child started with vfork+exec (python3 subprocess) gets its bind granted" {
	run_privbind -0 -u nobody $PY -c '
import subprocess, sys
subprocess.run([sys.argv[1], "bind", "tcp", "127.0.0.1", "80"], check=True)
subprocess.run(["/bin/sh", "-c", "exec \"$0\" bind udp ::1 53", sys.argv[1]], check=True)
' "$PBTEST"
	is "$(joined)" "OK OK"
}

@test "16 threads binding 16 ports at once all get their binds granted" {
	run_privbind -0 --separate-stderr -u nobody -v "$PBTEST" threads 16 tcp 127.0.0.1 81
	local i expected=()
	for ((i = 81; i <= 96; i++)); do
		expected+=("$i OK")
	done
	is "$(joined)" "${expected[*]}" "threads' results"
	# one granted -v line per thread, from 16 different threads of one process
	is "${#stderr_lines[@]}" 16 "-v lines"
	local l pids=() tids=()
	for l in "${stderr_lines[@]}"; do
		like "$l" "^privbind: pid=([0-9]+) tid=([0-9]+) comm=pbtest fd=[0-9]+ family=inet opts=- proto=tcp addr=127\.0\.0\.1:(8[1-9]|9[0-6]) decision=granted result=OK reason=allowed ppid=[0-9]+ uid=65534 euid=65534 exe=[^ ]+ time=[^ ]+$" "-v line"
		[[ $l =~ pid=([0-9]+)\ tid=([0-9]+) ]]
		pids+=("${BASH_REMATCH[1]}")
		tids+=("${BASH_REMATCH[2]}")
	done
	is "$(printf '%s\n' "${pids[@]}" | sort -u | wc -l)" 1 "distinct pids"
	is "$(printf '%s\n' "${tids[@]}" | sort -u | wc -l)" 16 "distinct tids"
}

@test "a thread that execs keeps being traced" {
	run_privbind -0 -u nobody $PY -c '
import os, sys, threading
def run():
    os.execv(sys.argv[1], [sys.argv[1], "bind", "tcp", "127.0.0.1", "80"])
t = threading.Thread(target=run)
t.start()
t.join()
' "$PBTEST"
	is "$output" "OK"
}
