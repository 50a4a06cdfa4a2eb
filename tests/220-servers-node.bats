#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Node.js, another interpreter that cannot drop root by itself: an http server on port 80
# as nobody, under privbind.

load test_helper

setup() {
	command -v node >/dev/null || skip "node not installed (Debian package nodejs)"
	pbt_setup
	NODE=$(command -v node)
	# nobody reads the script: a copy where it can (the source tree may be mode 0700)
	SERVER=$PBT_DIR/server.js
	install -m 0644 "$PB_SRCDIR/tests/servers/server.js" "$SERVER"
}

@test "without privbind, node as nobody cannot bind port 80 (control)" {
	run -1 as_nobody timeout "$PBT_TIMEOUT" "$NODE" "$SERVER" 127.0.0.1 80
	like "$output" 'server\.js: listen EACCES: permission denied 127\.0\.0\.1:80' "node's complaint"
}

@test "a Node.js http server as nobody on port 80 answers curl over IPv4 and IPv6" {
	bg_start node nsrun "$PRIVBIND" -u nobody -p 80 -- "$NODE" "$SERVER" :: 80
	bg_expect node '^listening on :: port 80$'
	run -0 nsrun curl -sS --max-time "$PBT_TIMEOUT" http://127.0.0.1/v4
	is "$output" "node uid=65534 url=/v4" "answer over IPv4"
	run -0 nsrun curl -sS -g --max-time "$PBT_TIMEOUT" 'http://[::1]:80/v6'
	is "$output" "node uid=65534 url=/v6" "answer over IPv6"
	local pid=${PBT_BG_PID[node]}
	run -0 nsrun ss -Htlnp 'sport = :80'
	like "$output" "\"node\",pid=$pid," "listener of :80"
	is "$(proc_field "$pid" Uid)" "65534 65534 65534 65534" "node's uids"
	tracer_of "$pid" >/dev/null
	kill -TERM "$pid"
	bg_wait node
	is "$BG_STATUS" 143 "node's exit status after SIGTERM"
}

@test "node allowed 443 only fails on port 80 with EACCES, as without privbind" {
	run_privbind -1 -u nobody -p 443 -- "$NODE" "$SERVER" 127.0.0.1 80
	like "$output" 'server\.js: listen EACCES: permission denied 127\.0\.0\.1:80' "node's complaint"
}
