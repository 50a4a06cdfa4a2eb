#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# -n NUM: at most NUM successful privileged binds across the whole process tree; after
# that privileged binds fail with EACCES, unprivileged ones keep working, and no process
# of privbind's keeps root.

load test_helper

@test "-n 1: the second privileged bind fails with EACCES; port 0 and 8080 still work" {
	run_privbind -0 -u nobody -n 1 "$PBTEST" -c bind tcp 127.0.0.1 80 tcp 127.0.0.1 81 \
		tcp 127.0.0.1 80 udp ::1 53 tcp 127.0.0.1 0 udp ::1 8080 tcp :: 1024
	is "$(joined)" "OK EACCES EACCES EACCES OK OK OK"
}

@test "-n 1: once the budget is spent no process of privbind's keeps root" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody -n 1 "$PBTEST" bind pid \
		tcp 127.0.0.1 80 listen tcp 127.0.0.1 81 wait tcp 127.0.0.1 0 udp 127.0.0.1 8080 tcp ::1 82 wait
	bg_expect cmd '^pid='
	local pid=${BG_LINE#pid=} tracer
	bg_expect cmd '^waiting$'
	is "${PBT_BG_LOG[cmd]}" $'pid='"$pid"$'\nOK\nEACCES\nwaiting\n' "binds of 80 and 81"
	tracer=$(tracer_of "$pid")
	is "$(proc_field "$tracer" Uid)" "65534 65534 65534 65534" "tracer's uids"
	is "$(proc_field "$tracer" Gid)" "65534 65534 65534 65534" "tracer's gids"
	is "$(proc_field "$tracer" CapEff)" 0000000000000000 "tracer's CapEff"
	is "$(proc_field "$tracer" CapPrm)" 0000000000000000 "tracer's CapPrm"
	assert_no_root_process_in_ns
	# the dropped tracer still lets unprivileged binds through, and denies the rest
	bg_send cmd go
	bg_expect cmd '^waiting$'
	is "${PBT_BG_LOG[cmd]}" $'pid='"$pid"$'\nOK\nEACCES\nwaiting\nOK\nOK\nEACCES\nwaiting\n' "binds after the drop"
	run -0 nsrun ss -Htln 'sport = :80'
	is "${#lines[@]}" 1 "the granted listener on :80 is still there"
	bg_wait cmd
	is "$BG_STATUS" 0
}

@test "a granted bind that fails with EADDRINUSE does not use the budget" {
	bg_start holder nsrun "$PBTEST" bind tcp 127.0.0.1 80 listen wait	# root holds :80
	bg_expect holder '^waiting$'
	is "${PBT_BG_LOG[holder]}" $'OK\nwaiting\n' "root holder"
	run_privbind -0 -u nobody -n 1 "$PBTEST" -c bind tcp 127.0.0.1 80 tcp 127.0.0.1 81 tcp 127.0.0.1 82
	is "$(joined)" "EADDRINUSE OK EACCES"
}

@test "binds denied by -p do not use the budget" {
	run_privbind -0 -u nobody -n 1 -p 80 "$PBTEST" -c bind tcp 127.0.0.1 81 tcp 127.0.0.1 80 tcp 127.0.0.1 80
	is "$(joined)" "EACCES OK EACCES"
}

@test "-n 3 grants three binds over TCP, UDP, IPv4 and IPv6, then no more" {
	run_privbind -0 -u nobody -n 3 "$PBTEST" bind udp ::1 53 tcp 127.0.0.1 80 tcp :: 443 tcp 127.0.0.1 22 udp 127.0.0.1 53
	is "$(joined)" "OK OK OK EACCES EACCES"
}

@test "the budget is shared by the whole process tree" {
	run_privbind -0 -u nobody -n 2 "$PBTEST" tree tcp 127.0.0.1 80 81 82
	is "$(joined)" "parent OK child OK grandchild EACCES"
}

@test "threads binding at once share the budget: -n 2 grants exactly 2 of 8" {
	run_privbind -0 -u nobody -n 2 "$PBTEST" threads 8 tcp 127.0.0.1 80
	is "${#lines[@]}" 8 "result lines"
	local ok=0 eacces=0 l
	for l in "${lines[@]}"; do
		case $l in
		*" OK") ok=$((ok + 1)) ;;
		*" EACCES") eacces=$((eacces + 1)) ;;
		esac
	done
	is "$ok $eacces" "2 6" "granted and denied binds"
}

@test "ports at or above the namespace's ip_unprivileged_port_start use no budget" {
	nsrun sh -c 'echo 500 >/proc/sys/net/ipv4/ip_unprivileged_port_start'
	is "$(nsrun cat /proc/sys/net/ipv4/ip_unprivileged_port_start)" 500
	run_privbind -0 --separate-stderr -v -u nobody -n 1 "$PBTEST" -c bind \
		tcp 127.0.0.1 600 tcp 127.0.0.1 500 tcp 127.0.0.1 400 tcp 127.0.0.1 499 udp ::1 1000
	is "$(joined)" "OK OK OK EACCES OK"
	local l decisions=()
	for l in "${stderr_lines[@]}"; do
		[[ $l =~ decision=([^ ]+) ]] && decisions+=("${BASH_REMATCH[1]}")
	done
	is "${decisions[*]}" "passed passed granted denied:num passed" "-v decisions"
}

@test "the threshold changes while privbind runs: each bind is judged by the sysctl as it is then" {
	bg_start cmd nsrun "$PRIVBIND" -v -u nobody -n 5 "$PBTEST" bind \
		tcp 127.0.0.1 2000 wait tcp 127.0.0.1 2001 wait tcp 127.0.0.1 900
	bg_expect cmd '^waiting$'
	nsrun sh -c 'echo 3000 >/proc/sys/net/ipv4/ip_unprivileged_port_start'
	run -0 as_nobody "$PBTEST" bind tcp 127.0.0.1 2002
	is "$output" EACCES "the kernel's word for nobody alone: port 2002 is privileged now"
	# privbind may pass a bind on a threshold it read up to a millisecond before (netns.c)
	sleep 0.1
	bg_send cmd go
	bg_expect cmd '^waiting$'
	nsrun sh -c 'echo 800 >/proc/sys/net/ipv4/ip_unprivileged_port_start'
	run -0 as_nobody "$PBTEST" bind tcp 127.0.0.1 900
	is "$output" OK "the kernel's word for nobody alone: port 900 is not privileged now"
	sleep 0.1
	bg_wait cmd
	is "$BG_STATUS" 0 "exit status"
	is "${PBT_BG_LOG[cmd]}" $'OK\nwaiting\nOK\nwaiting\nOK\n' "binds of 2000, 2001, 900"
	local decisions
	decisions=$(grep -o 'decision=[a-z:]*' "$BATS_TEST_TMPDIR/cmd.err" | tr '\n' ' ')
	is "$decisions" "decision=passed decision=granted decision=passed " "-v decisions"
}
