#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Granted binds: IPv4 and IPv6, TCP and UDP, the program's own socket; AF_UNIX untouched.
# pbtest checks every successful bind with getsockname(), so "OK" means its own socket is
# bound to the port it asked for.

load test_helper

@test "TCP over IPv4: nobody binds 127.0.0.1:80 and 0.0.0.0:443" {
	run_privbind -0 -u nobody "$PBTEST" bind tcp 127.0.0.1 80 tcp 0.0.0.0 443
	is "$(joined)" "OK OK"
}

@test "TCP over IPv6: nobody binds [::1]:80 and [::]:443" {
	run_privbind -0 -u nobody "$PBTEST" bind tcp ::1 80 tcp :: 443
	is "$(joined)" "OK OK"
}

@test "UDP over IPv4 and IPv6: nobody binds port 53 on 127.0.0.1 and ::1" {
	run_privbind -0 -u nobody "$PBTEST" bind udp 127.0.0.1 53 udp ::1 53
	is "$(joined)" "OK OK"
}

@test "an IPv4-mapped IPv6 address on an AF_INET6 socket is granted" {
	run_privbind -0 -u nobody "$PBTEST" bind tcp6 ::ffff:127.0.0.1 80 udp6 ::ffff:127.0.0.1 80
	is "$(joined)" "OK OK"
}

@test "ports 1 and 1023, the edges of the privileged range, are granted" {
	run_privbind -0 -u nobody "$PBTEST" bind tcp 127.0.0.1 1 tcp 127.0.0.1 1023 udp ::1 1 udp ::1 1023
	is "$(joined)" "OK OK OK OK"
}

@test "unprivileged binds (port 0, 1024, 8080) still work" {
	run_privbind -0 -u nobody "$PBTEST" bind tcp 127.0.0.1 0 tcp 127.0.0.1 1024 udp ::1 8080 tcp :: 0
	is "$(joined)" "OK OK OK OK"
}

@test "the bound sockets are the command's: ss shows its TCP listener and UDP sockets on the ports" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody "$PBTEST" bind pid \
		tcp 127.0.0.1 80 listen udp 127.0.0.1 53 udp ::1 53 wait
	bg_expect cmd '^pid='
	local pid=${BG_LINE#pid=}
	bg_expect cmd '^waiting$'
	is "${PBT_BG_LOG[cmd]}" $'pid='"$pid"$'\nOK\nOK\nOK\nwaiting\n' "command's output"
	run -0 nsrun ss -Htlnp 'sport = :80'
	is "${#lines[@]}" 1 "TCP listeners on :80"
	like "$output" "127\.0\.0\.1:80 .*\"pbtest\",pid=$pid," "listener on 127.0.0.1:80"
	run -0 nsrun ss -Hulnp 'sport = :53'
	is "${#lines[@]}" 2 "UDP sockets on :53"
	like "${lines[0]}${lines[1]}" "127\.0\.0\.1:53 .*pid=$pid,.*\[::1\]:53 .*pid=$pid,|\[::1\]:53 .*pid=$pid,.*127\.0\.0\.1:53 .*pid=$pid," "UDP sockets"
	# a client reaches the listener
	run -0 nsrun $PY -c 'import socket; socket.create_connection(("127.0.0.1", 80), 10).close(); print("connected")'
	is "$output" "connected"
	bg_wait cmd
	is "$BG_STATUS" 0
}

@test "after the command closes its granted socket the port is free again" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody "$PBTEST" bind tcp 127.0.0.1 80 listen close wait
	bg_expect cmd '^waiting$'
	# a copy of the socket left open anywhere (privbind's tracer) would keep port 80 taken
	run -0 nsrun "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" "OK" "root's bind of 80 after the command closed its socket"
	bg_wait cmd
}

@test "an AF_UNIX bind creates a socket file owned by the user, not root" {
	run_privbind -0 -u nobody "$PBTEST" bind unix "$PBT_DIR/sock"
	is "$output" "OK"
	[[ -S $PBT_DIR/sock ]]
	is "$(stat -c %U:%G "$PBT_DIR/sock")" "nobody:nogroup" "owner of the socket file"
}

@test "an AF_UNIX bind where only root could create the file fails with EACCES" {
	mkdir -m 0755 "$PBT_DIR/rootonly"
	run_privbind -0 -u nobody "$PBTEST" bind unix "$PBT_DIR/rootonly/sock"
	is "$output" "EACCES" "bind in a directory only root may write"
	[[ ! -e $PBT_DIR/rootonly/sock ]]
}
