#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# privbind's tracer must not leak: 20,000 granted binds leave its fd table as it was.

load test_helper

@test "20,000 socket+bind 80+close cycles leave privbind's tracer with the same number of fds" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody "$PBTEST" bind pid \
		tcp 127.0.0.1 80 close wait loop 20000 tcp 127.0.0.1 80 wait
	bg_expect cmd '^pid='
	local pid=${BG_LINE#pid=} tracer before after
	bg_expect cmd '^waiting$'		# one bind done: lazily opened things are open
	tracer=$(tracer_of "$pid")
	before=$(fd_count "$tracer")
	[[ $before -gt 0 ]]
	bg_send cmd go
	bg_expect cmd '^loop '
	is "$BG_LINE" "loop ok=20000 fail=0 first=-" "the command's 20,000 binds"
	bg_expect cmd '^waiting$'
	is "$(tracer_of "$pid")" "$tracer" "tracer after the loop"
	after=$(fd_count "$tracer")
	if [[ $after != "$before" ]]; then
		ls -l /proc/"$tracer"/fd | sed 's/^/# /' >&2
	fi
	is "$after" "$before" "tracer's fd count after vs before"
	bg_wait cmd
	is "$BG_STATUS" 0
}

@test "privbind's tracer keeps no copy of the command's socket after granting its bind" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody "$PBTEST" bind pid tcp 127.0.0.1 80 listen wait
	bg_expect cmd '^pid='
	local pid=${BG_LINE#pid=} tracer sock f
	bg_expect cmd '^waiting$'
	sock=$(readlink /proc/"$pid"/fd/3)
	like "$sock" '^socket:\[[0-9]+\]$' "the command's fd 3"
	tracer=$(tracer_of "$pid")
	for f in /proc/"$tracer"/fd/*; do
		[[ $(readlink "$f") != "$sock" ]] || { echo "# tracer holds $sock as $f" >&2; false; }
	done
	bg_wait cmd
}
