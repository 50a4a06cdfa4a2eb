#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# A hostile program rewrites the address while it binds: privbind must judge and bind the
# same bytes (it copies them once). Another thread keeps rewriting a sockaddr_in, word by
# word, between 127.0.0.1:80 (allowed) and 0.0.0.0:81 (not), so torn mixtures (127.0.0.1:81,
# 0.0.0.0:80) occur too. Every socket that binds stays open until the test has looked at
# the namespace with ss: the kernel's view, not privbind's log nor the program's.

load test_helper
load hostile_helper

# race PROTO ROUNDS PER_ROUND: run pbhostile race under privbind -p 127.0.0.1:80 and check
# each round with ss (SS_FLAGS: which sockets)
race() {
	local proto=$1 rounds=$2 per=$3 ss_flags
	[[ $proto == tcp ]] && ss_flags=-Htln || ss_flags=-Huan
	bg_start cmd nsrun "$PRIVBIND" -u nobody -p 127.0.0.1:80 -- \
		"$HOSTILE" race "$rounds" "$per" "$proto" 127.0.0.1 80 0.0.0.0 81
	local r ok eacces other total_ok=0 total_eacces=0 locals bad n
	for ((r = 1; r <= rounds; r++)); do
		bg_expect cmd '^round '
		[[ $BG_LINE =~ ^round\ $r\ ok=([0-9]+)\ EACCES=([0-9]+)\ other=([0-9]+)$ ]]
		ok=${BASH_REMATCH[1]} eacces=${BASH_REMATCH[2]} other=${BASH_REMATCH[3]}
		bg_expect cmd '^waiting$'
		is "$other" 0 "round $r: errors other than EACCES"
		locals=$(nsrun ss $ss_flags | awk '{print $4}')
		n=$(grep -c . <<<"$locals" || true)
		bad=$(grep -v -x -e '127\.0\.0\.1:80' -e '' <<<"$locals" | sort | uniq -c || true)
		is "$bad" "" "round $r: $proto sockets bound anywhere but 127.0.0.1:80"
		is "$n" "$ok" "round $r: $proto sockets the kernel shows on 127.0.0.1:80 vs binds that succeeded"
		total_ok=$((total_ok + ok)) total_eacces=$((total_eacces + eacces))
		bg_send cmd go
	done
	bg_expect cmd '^race '
	is "$BG_LINE" "race ok=$total_ok EACCES=$total_eacces other=0"
	is "$((total_ok + total_eacces))" $((rounds * per)) "binds made"
	# the rewriting did happen under the binds: both outcomes were seen
	[[ $total_ok -gt 0 && $total_eacces -gt 0 ]]
	report "race $proto: $((rounds * per)) binds, $total_ok granted at 127.0.0.1:80, $total_eacces EACCES, none elsewhere"
	bg_wait cmd
	is "$BG_STATUS" 0
}

@test "TCP: a sockaddr rewritten during 100,000 binds never gets a bind outside -p (ss)" {
	race tcp 10 10000
}

@test "UDP: a sockaddr rewritten during 20,000 binds never gets a bind outside -p (ss)" {
	race udp 4 5000
}
