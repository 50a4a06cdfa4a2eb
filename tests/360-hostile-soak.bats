#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Soak: bind cycles (socket, bind port 80, close), each one granted by privbind's tracer,
# with the tracer's descriptors and resident memory sampled before, half-way and after:
# they stay flat. 40,000 cycles by default; PB_SOAK=1 (CI) makes it 1,000,000.

if [[ ${PB_SOAK:-0} == 1 ]]; then
	SOAK_CYCLES=1000000
	PBT_TIMEOUT=${PBT_TIMEOUT:-900}
else
	SOAK_CYCLES=40000
fi

load test_helper
load hostile_helper

# Growth allowed between samples, in kB of RssAnon: heap and stack pages touched late, not
# a leak (a leak of 16 bytes a bind would be 7,800 kB over 500,000 binds).
RSS_SLACK_KB=128

@test "bind cycles leave privbind's tracer with flat fd count and memory" {
	local half=$((SOAK_CYCLES / 2))
	bg_start cmd nsrun "$PRIVBIND" -u nobody -p 80 -- "$PBTEST" bind pid tcp 127.0.0.1 80 close wait \
		loop "$half" tcp 127.0.0.1 80 wait loop "$half" tcp 127.0.0.1 80 wait
	bg_expect cmd '^pid='
	local pid=${BG_LINE#pid=} tracer fds=() rss=() i start=$SECONDS
	bg_expect cmd '^waiting$'
	tracer=$(tracer_of "$pid")
	for i in 0 1 2; do
		fds+=("$(fd_count "$tracer")")
		rss+=("$(rss_kb "$tracer")")
		[[ $i == 2 ]] && break
		bg_send cmd go
		bg_expect cmd '^loop '
		is "$BG_LINE" "loop ok=$half fail=0 first=-" "binds, part $((i + 1))"
		bg_expect cmd '^waiting$'
		is "$(tracer_of "$pid")" "$tracer" "the same tracer"
	done
	report "soak: $SOAK_CYCLES bind cycles in $((SECONDS - start)) s; tracer fds ${fds[*]}; RssAnon ${rss[*]} kB (before, middle, after)"
	is "${fds[1]} ${fds[2]}" "${fds[0]} ${fds[0]}" "tracer's fds: middle, after vs before"
	[[ ${rss[1]} -le $((rss[0] + RSS_SLACK_KB)) && ${rss[2]} -le $((rss[1] + RSS_SLACK_KB)) ]] || {
		echo "# tracer's RssAnon grew: ${rss[*]} kB" >&2
		false
	}
	bg_wait cmd
	is "$BG_STATUS" 0
}
