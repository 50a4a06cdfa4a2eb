#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Many processes and threads: 1,000 processes binding at once (with and without a budget
# they compete for), and threads created and exited as fast as possible while binding.

load test_helper
load hostile_helper

@test "1,000 processes bind 1,000 privileged ports at once: all granted, all theirs (ss)" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody -p 1-1000/tcp -- "$HOSTILE" forks 1000 tcp 127.0.0.1 1
	bg_expect cmd '^forks '
	is "$BG_LINE" "forks ok=1000 EACCES=0 other=0" "the children's binds"
	bg_expect cmd '^waiting$'
	# the kernel's view: 1,000 listeners owned by nobody, on ports 1..1000 (ss -e complains
	# on stderr that it finds no cgroup2 mount)
	run -0 --separate-stderr nsrun ss -Htlne
	is "${#lines[@]}" 1000 "TCP listeners in the namespace"
	is "$(grep -c ' uid:65534 ' <<<"$output")" 1000 "listeners owned by nobody"
	is "$(awk '{print $4}' <<<"$output" | sed 's/.*://' | sort -n | uniq | tr '\n' ' ' | awk '{print $1, $NF, NF}')" "1 1000 1000" \
		"first port, last port, distinct ports"
	report "forks: 1,000 processes, 1,000 binds granted"
	bg_wait cmd
	like "${PBT_BG_LOG[cmd]}" $'reaped 1000 status=0\n$' "children's exits"
	is "$BG_STATUS" 0 "exit status"
	wait_until "the namespace to be empty" ns_is_empty
}

@test "1,000 processes racing for a budget of 300 (-n 300): exactly 300 granted" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody -n 300 -- "$HOSTILE" forks 1000 tcp 127.0.0.1 1
	bg_expect cmd '^forks '
	is "$BG_LINE" "forks ok=300 EACCES=700 other=0" "the children's binds"
	bg_expect cmd '^waiting$'
	run -0 nsrun ss -Htln
	is "${#lines[@]}" 300 "TCP listeners in the namespace"
	# the budget is spent: the tracer is nobody now
	local tracer
	tracer=$(tracer_of "${PBT_BG_PID[cmd]}")
	like "$(proc_field "$tracer" Uid)" '^65534 65534 65534 65534$' "tracer's uids"
	bg_wait cmd
	like "${PBT_BG_LOG[cmd]}" $'reaped 1000 status=0\n$' "children's exits"
	is "$BG_STATUS" 0 "exit status"
}

@test "threads created and exited as fast as possible while binding: every bind granted" {
	run_privbind -0 -u nobody -p 80 "$HOSTILE" churn 5000 127.0.0.1 80
	like "$output" '^churn ok=5000 fail=0 first=- threads=[0-9]+$'
	[[ $output =~ threads=([0-9]+) ]]
	local threads=${BASH_REMATCH[1]}
	[[ $threads -gt 100 ]] || { echo "# only $threads threads came and went" >&2; false; }
	report "churn: 5,000 binds while $threads threads were created, bound port 0 and exited"
	wait_until "the namespace to be empty" ns_is_empty
}
