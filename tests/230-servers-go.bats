#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Go: a statically linked binary (CGO_ENABLED=0) that binds with raw system calls, no libc,
# the case LD_PRELOAD tools such as authbind and privbind 1.x cannot serve. Run as a
# numeric uid that has no entry in the password database.

load test_helper

setup_file() {
	pbt_setup_file
	is_root || return 0
	command -v go >/dev/null || return 0
	# built once, into a directory everyone can read; Go's caches in a temporary directory
	PBT_GO=$(mktemp -d /tmp/pbt-go.XXXXXX)
	chmod 755 "$PBT_GO"
	cp "$PB_SRCDIR/tests/servers/server.go" "$PBT_GO/"
	(cd "$PBT_GO" && GOCACHE=$PBT_GO/cache GOPATH=$PBT_GO/gopath GO111MODULE=off GOFLAGS= \
		CGO_ENABLED=0 go build -o server server.go)
	chmod 755 "$PBT_GO/server"
	export PBT_GO
}

teardown_file() {
	if [[ -n ${PBT_GO:-} && $PBT_GO == /tmp/pbt-go.* ]]; then
		chmod -R u+w "$PBT_GO"		# Go's module cache is read-only
		rm -rf "$PBT_GO"
	fi
	pbt_teardown_file
}

setup() {
	command -v go >/dev/null || skip "go not installed (Debian package golang-go)"
	pbt_setup
	SERVER=$PBT_GO/server
}

@test "the Go server is a static executable" {
	run -0 file -b "$SERVER"
	like "$output" 'statically linked' "file(1) on the server"
	run -0 readelf -lW "$SERVER"
	[[ $output != *INTERP* ]] || { echo "# the Go server has an ELF interpreter" >&2; false; }
}

@test "without privbind, the Go server as uid 4242 cannot bind port 80 (control)" {
	run -1 nsrun setpriv --reuid=4242 --regid=4242 --clear-groups timeout "$PBT_TIMEOUT" "$SERVER" :80
	like "$output" 'listen tcp :80: bind: permission denied' "Go's error"
}

@test "the static Go server as uid 4242 on port 80 answers curl over IPv4 and IPv6" {
	bg_start go nsrun "$PRIVBIND" -u 4242 -g 4242 -p 80/tcp -- "$SERVER" :80
	bg_expect go '^listening on \[::\]:80$'
	run -0 nsrun curl -sS --max-time "$PBT_TIMEOUT" http://127.0.0.1/
	is "$output" "go uid=4242" "answer over IPv4"
	run -0 nsrun curl -sS -g --max-time "$PBT_TIMEOUT" 'http://[::1]/'
	is "$output" "go uid=4242" "answer over IPv6"
	local pid=${PBT_BG_PID[go]}
	run -0 nsrun ss -Htlnp 'sport = :80'
	like "$output" "\"server\",pid=$pid," "listener of :80"
	is "$(proc_field "$pid" Uid)" "4242 4242 4242 4242" "server's uids"
	is "$(proc_field "$pid" Gid)" "4242 4242 4242 4242" "server's gids"
	tracer_of "$pid" >/dev/null
	# every thread of Go's runtime is traced, by the same tracer
	local tid
	for tid in /proc/"$pid"/task/*; do
		is "$(proc_field "$pid" TracerPid)" "$(proc_field "${tid#/proc/"$pid"/task/}" TracerPid)" "tracer of thread $tid"
	done
}
