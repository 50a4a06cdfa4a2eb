#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Daemons and standard streams: privbind holds none of the caller's stdio, data flows
# through unchanged, and a daemon that cut every tie is still served.

load test_helper

@test "a daemon that double-forks, setsid()s and closes every fd still binds port 80; privbind returns at once with 0" {
	mkfifo -m 0666 "$PBT_DIR/report"
	# privbind must hold none of the caller's stdout, or this would not return until
	# the daemon exits (and then the daemon would no longer be there to answer)
	local out
	out=$(nsrun timeout -k 5 "$PBT_TIMEOUT" "$PRIVBIND" -u nobody "$PBTEST" daemon "$PBT_DIR/report" 127.0.0.1 80 3>&-)
	is "$?" 0 "privbind's status"
	is "$out" "" "privbind's output"
	local report pid
	report=$(timeout "$PBT_TIMEOUT" cat "$PBT_DIR/report")
	like "$report" '^pid=[0-9]+ result=OK$' "daemon's report"
	pid=${report#pid=}
	pid=${pid%% *}
	is "$(proc_field "$pid" Uid)" "65534 65534 65534 65534" "daemon's uids"
	tracer_of "$pid" >/dev/null
	run -0 nsrun ss -Htlnp 'sport = :80'
	like "$output" "127\.0\.0\.1:80 .*pid=$pid,fd=0\)" "daemon's listener (fd 0: it closed everything)"
	run -0 nsrun timeout "$PBT_TIMEOUT" "$PBTEST" connect 127.0.0.1 80
	is "$output" "pbtest-daemon pid=$pid" "what the daemon said"
	# its job done, the daemon exits, and privbind's tracer with it
	wait_until "the namespace to be empty" ns_is_empty
}

@test "no process of privbind's keeps the caller's stdout, stderr or other fds open" {
	mkfifo -m 0666 "$PBT_DIR/report"
	nsrun timeout -k 5 "$PBT_TIMEOUT" "$PRIVBIND" -u nobody "$PBTEST" daemon "$PBT_DIR/report" 127.0.0.1 80 \
		>"$PBT_DIR/stdout" 2>"$PBT_DIR/stderr" 9>"$PBT_DIR/fd9" 3>&-
	timeout "$PBT_TIMEOUT" cat "$PBT_DIR/report" >/dev/null	# the daemon is up
	local pid fd target seen=0
	for pid in $(ip netns pids "$PBT_NS"); do
		for fd in /proc/"$pid"/fd/*; do
			target=$(readlink "$fd") || continue
			seen=$((seen + 1))
			if [[ $target == "$PBT_DIR/"@(stdout|stderr|fd9) ]]; then
				echo "# pid $pid ($(cat /proc/$pid/comm)) holds the caller's $target as $fd" >&2
				false
			fi
		done
	done
	[[ $seen -gt 0 ]] || { echo "# no open fd found in the namespace's processes" >&2; false; }
	run -0 nsrun timeout "$PBT_TIMEOUT" "$PBTEST" connect 127.0.0.1 80
}

@test "data piped into the command comes out of it unchanged" {
	local expected
	expected=$(seq 1 300000 | sha256sum)
	run -0 bash -c 'seq 1 300000 | ip netns exec "$1" timeout "$2" "$3" -u nobody cat | sha256sum' \
		_ "$PBT_NS" "$PBT_TIMEOUT" "$PRIVBIND"
	is "$output" "$expected" "checksum of what came out"
}

@test "stdout and stderr reach the caller separately and privbind adds nothing without -v" {
	run_privbind -0 --separate-stderr -u nobody sh -c 'echo to-stdout; echo to-stderr >&2'
	is "$output" "to-stdout" "stdout"
	is "$stderr" "to-stderr" "stderr"
}

@test "the command reads stdin to EOF and its exit status comes back" {
	run -3 bash -c 'printf "a\nb\nc\n" | ip netns exec "$1" timeout "$2" "$3" -u nobody sh -c "wc -l; exit 3"' \
		_ "$PBT_NS" "$PBT_TIMEOUT" "$PRIVBIND"
	is "$output" "3"
}

@test "the command gets exactly the caller's file descriptors, no more" {
	run -0 as_nobody "$PBTEST" fds 5</dev/null 7>/dev/null
	local direct=$output
	like "$direct" "^fds=0 1 2 .*5 7" "fds without privbind"
	run_privbind -0 -u nobody "$PBTEST" fds 5</dev/null 7>/dev/null
	is "$output" "$direct" "fds under privbind vs without"
}
