#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The main job: a real server on a reserved port as an unprivileged user.

load test_helper

@test "without privbind, nobody cannot bind port 80 in a test namespace (control)" {
	run -0 as_nobody "$PBTEST" bind tcp 127.0.0.1 80 tcp 127.0.0.1 8080
	is "$(joined)" "EACCES OK" "nobody's binds of 80 and 8080 without privbind"
}

@test "python3 http.server on 127.0.0.1:80 as nobody answers curl with the file's content" {
	echo "served by nobody through privbind ($BATS_TEST_NUMBER)" >"$PBT_DIR/index.html"
	bg_start web nsrun "$PRIVBIND" -u nobody -p 80 -- \
		$PY -u -m http.server 80 --bind 127.0.0.1 --directory "$PBT_DIR"
	bg_expect web "Serving HTTP on 127.0.0.1 port 80"
	run -0 nsrun curl -sS --max-time "$PBT_TIMEOUT" http://127.0.0.1/index.html
	is "$output" "served by nobody through privbind ($BATS_TEST_NUMBER)" "page from curl"
	# the server that answered is the command itself, as nobody, under privbind's tracer
	run -0 nsrun ss -Htlnp 'sport = :80'
	like "$output" "pid=${PBT_BG_PID[web]}," "listener of :80 belongs to the command"
	is "$(proc_field "${PBT_BG_PID[web]}" Uid)" "65534 65534 65534 65534" "server's uids"
	tracer_of "${PBT_BG_PID[web]}" >/dev/null
}

@test "python3 http.server on [::1]:80 as nobody answers curl over IPv6" {
	echo "IPv6 page" >"$PBT_DIR/index.html"
	bg_start web nsrun "$PRIVBIND" -u nobody -- \
		$PY -u -m http.server 80 --bind ::1 --directory "$PBT_DIR"
	bg_expect web "Serving HTTP on ::1 port 80"
	run -0 nsrun curl -sS -g --max-time "$PBT_TIMEOUT" 'http://[::1]:80/index.html'
	is "$output" "IPv6 page" "page from curl over IPv6"
}

@test "a static C binary run as nobody binds port 80" {
	run -0 readelf -lW "$PBT_BIN/pbtest-static"
	[[ $output != *INTERP* ]] || { echo "# pbtest-static has an ELF interpreter: not static" >&2; false; }
	run_privbind -0 -u nobody "$PBT_BIN/pbtest-static" bind tcp 127.0.0.1 80 udp ::1 53
	is "$(joined)" "OK OK" "static binary's binds"
}

@test "the command keeps privbind's pid, runs as nobody and is traced by another process" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody "$PBTEST" bind pid wait
	bg_expect cmd '^pid='
	local pid=${BG_LINE#pid=}
	is "$pid" "${PBT_BG_PID[cmd]}" "command's pid vs the pid the caller started"
	is "$(proc_field "$pid" Uid)" "65534 65534 65534 65534" "command's uids"
	local tracer
	tracer=$(tracer_of "$pid")
	[[ $tracer != "$pid" ]]
	bg_expect cmd '^waiting$'
	bg_wait cmd
	is "$BG_STATUS" 0 "exit status"
}
