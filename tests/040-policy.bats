#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# -p: which binds are granted.  A bind outside the list fails with EACCES exactly as it
# would without privbind; unprivileged ports are never restricted.  pbtest -c closes each
# socket right after its bind, so binds of one port to different addresses do not collide.

load test_helper

# binds PRIVBIND-OPTS... -- BIND-ACTIONS...: run them as nobody, results in $output joined
binds() {
	local -a opts=()
	while [[ $1 != -- ]]; do
		opts+=("$1")
		shift
	done
	shift
	run_privbind -0 -u nobody "${opts[@]}" "$PBTEST" -c bind "$@"
	output=$(joined)
}

@test "without -p every privileged port on every address and protocol is granted" {
	binds -- tcp 127.0.0.1 1 udp ::1 80 tcp :: 443 udp 0.0.0.0 1023 tcp6 ::ffff:127.0.0.1 22
	is "$output" "OK OK OK OK OK"
}

@test "-p PORT grants that port on every address, v4 and v6, TCP and UDP, and nothing else" {
	binds -p 80 -- tcp 127.0.0.1 80 tcp ::1 80 udp 0.0.0.0 80 tcp :: 80 udp6 ::ffff:127.0.0.1 80 \
		tcp 127.0.0.1 81 udp ::1 79 tcp 0.0.0.0 443
	is "$output" "OK OK OK OK OK EACCES EACCES EACCES"
}

@test "a port outside -p fails with EACCES, as it does without privbind (control)" {
	binds -p 80 -- tcp 127.0.0.1 81
	is "$output" "EACCES" "under privbind -p 80"
	run -0 as_nobody "$PBTEST" bind tcp 127.0.0.1 81
	is "$output" "EACCES" "without privbind"
}

@test "-p LO-HI grants the range, both ends included" {
	binds -p 80-82 -- tcp 127.0.0.1 79 tcp 127.0.0.1 80 udp ::1 81 tcp 127.0.0.1 82 tcp 127.0.0.1 83
	is "$output" "EACCES OK OK OK EACCES"
}

@test "-p 1-1023 is the whole privileged range" {
	binds -p 1-1023 -- tcp 127.0.0.1 1 tcp ::1 1023 udp 127.0.0.1 512
	is "$output" "OK OK OK"
}

@test "comma-separated items and repeated -p options add up" {
	binds -p 80,443 -p 22 -p 100-101 -- tcp 127.0.0.1 80 tcp 127.0.0.1 443 tcp 127.0.0.1 22 \
		tcp 127.0.0.1 101 tcp 127.0.0.1 23 tcp 127.0.0.1 444 tcp 127.0.0.1 102
	is "$output" "OK OK OK OK EACCES EACCES EACCES"
}

@test "-p ADDR:PORT grants that IPv4 address only" {
	binds -p 127.0.0.1:80 -- tcp 127.0.0.1 80 udp 127.0.0.1 80 tcp 127.0.0.2 80 \
		tcp 0.0.0.0 80 tcp ::1 80 tcp :: 80 tcp 127.0.0.1 81
	is "$output" "OK OK EACCES EACCES EACCES EACCES EACCES"
}

@test "an IPv4-mapped IPv6 bind matches the IPv4 item" {
	binds -p 127.0.0.1:80 -- tcp6 ::ffff:127.0.0.1 80 udp6 ::ffff:127.0.0.1 80 \
		tcp6 ::ffff:127.0.0.2 80 tcp6 ::ffff:127.0.0.1 81
	is "$output" "OK OK EACCES EACCES"
}

@test "-p 0.0.0.0:PORT grants only the IPv4 wildcard" {
	binds -p 0.0.0.0:80 -- tcp 0.0.0.0 80 udp 0.0.0.0 80 tcp 127.0.0.1 80 tcp :: 80 tcp ::1 80
	is "$output" "OK OK EACCES EACCES EACCES"
}

@test "-p [ADDR6]:PORT grants that IPv6 address only" {
	binds -p '[::1]:80' -- tcp ::1 80 udp ::1 80 tcp :: 80 tcp 127.0.0.1 80 tcp 0.0.0.0 80 tcp ::1 81
	is "$output" "OK OK EACCES EACCES EACCES EACCES"
}

@test "-p [::]:PORT grants only the IPv6 wildcard" {
	binds -p '[::]:443' -- tcp :: 443 tcp ::1 443 tcp 0.0.0.0 443
	is "$output" "OK EACCES EACCES"
}

@test "/tcp and /udp restrict an item to one protocol" {
	binds -p 80/tcp,53/udp -- tcp 127.0.0.1 80 udp 127.0.0.1 80 udp ::1 53 tcp ::1 53
	is "$output" "OK EACCES OK EACCES"
}

@test "address, range and protocol combine in one item" {
	binds -p '127.0.0.1:100-102/udp,[::1]:443/tcp' -- \
		udp 127.0.0.1 101 tcp 127.0.0.1 101 udp 0.0.0.0 101 udp 127.0.0.1 103 \
		tcp ::1 443 udp ::1 443 tcp 127.0.0.1 443
	is "$output" "OK EACCES EACCES EACCES OK EACCES EACCES"
}

@test "unprivileged ports work whatever -p says" {
	binds -p 127.0.0.1:80/udp -- tcp 127.0.0.1 0 tcp ::1 1024 udp 0.0.0.0 8080 tcp 127.0.0.2 65535
	is "$output" "OK OK OK OK"
}

@test "an AF_UNSPEC bind of an AF_INET socket counts as the IPv4 wildcard" {
	binds -p 127.0.0.1:80 -- tcp unspec 80
	is "$output" "EACCES" "under -p 127.0.0.1:80"
	binds -p 0.0.0.0:80/udp -- tcp unspec 80 udp unspec 80
	is "$output" "EACCES OK" "under -p 0.0.0.0:80/udp"
}

@test "a sockaddr that another thread rewrites during the bind never gets a port outside -p" {
	# privbind must bind the address it checked, not re-read the program's memory
	run_privbind -0 -u nobody -p 80 "$PBTEST" race 5000 127.0.0.1 80 81
	like "$output" '^bound-80=[0-9]+ bound-81=0 bound-elsewhere=0 EACCES=[0-9]+ other-errors=0$' "where the binds landed"
}
