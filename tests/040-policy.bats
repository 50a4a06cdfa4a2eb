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

# link_local IF...: an interface each (a veth pair: dummy is a module some kernels lack), up,
# with fe80::1 (no duplicate address detection)
link_local() {
	local d
	for d in "$@"; do
		nsrun ip link add "$d" type veth peer name "${d}p"
		nsrun ip link set "${d}p" up
		nsrun ip link set "$d" up
		nsrun ip addr add fe80::1/64 dev "$d" nodad
	done
}

ifindex() {
	ip -n "$PBT_NS" -o link show "$1" | cut -d: -f1
}

@test "-p [fe80::1%IF]:PORT grants that link-local address on that interface only, by name or index" {
	link_local d0 d1
	local i0 i1
	i0=$(ifindex d0)
	i1=$(ifindex d1)
	run -0 nsrun "$PBTEST" -c bind tcp "fe80::1%d0" 80 tcp "fe80::1%d1" 80
	is "$(joined)" "OK OK" "root's own binds (the kernel takes both)"
	run -0 as_nobody "$PBTEST" -c bind tcp "fe80::1%d1" 80
	is "$output" EACCES "nobody's own bind"
	binds -p '[fe80::1%d0]:80' -- tcp "fe80::1%d0" 80 tcp "fe80::1%$i0" 80 udp "fe80::1%d0" 80 \
		tcp "fe80::1%d1" 80 tcp "fe80::1%d0" 81
	is "$output" "OK OK OK EACCES EACCES" "zone by name"
	binds -p "[fe80::1%$i0]:80" -- tcp "fe80::1%d0" 80 tcp "fe80::1%$i1" 80
	is "$output" "OK EACCES" "zone by index"
	binds -p '[fe80::1]:80' -- tcp "fe80::1%d0" 80 tcp "fe80::1%d1" 80
	is "$output" "OK OK" "an item without a zone: any interface"
	# no sin6_scope_id: the socket's own device (SO_BINDTODEVICE) is the zone, for the kernel too
	run_privbind -0 -u nobody -p '[fe80::1%d0]:80' "$PBTEST" -c -D d0 bind tcp fe80::1 80
	is "$output" OK "bound to d0 by SO_BINDTODEVICE"
	run_privbind -0 -u nobody -p '[fe80::1%d0]:80' "$PBTEST" -c -D d1 bind tcp fe80::1 80
	is "$output" EACCES "bound to d1 by SO_BINDTODEVICE"
	run_privbind -0 --separate-stderr -v -u nobody -p '[fe80::1%d0]:80' "$PBTEST" -c bind tcp "fe80::1%d0" 80
	like "$stderr" " addr=\[fe80::1%$i0\]:80 decision=granted result=OK " "the log names the zone by index"
}

@test "a -p zone that names no interface, or an address that takes none, exits 125" {
	run_privbind -125 --separate-stderr -u nobody -p '[fe80::1%nosuch0]:80' touch "$PBT_DIR/ran"
	like "$stderr" "no such interface" "message"
	run_privbind -125 --separate-stderr -u nobody -p '[::1%lo]:80' touch "$PBT_DIR/ran"
	like "$stderr" "link-local" "message"
	[[ ! -e $PBT_DIR/ran ]]
}

@test "a -p item at or above ip_unprivileged_port_start: a warning at start, passed, never counted by -n" {
	nsrun sysctl -qw net.ipv4.ip_unprivileged_port_start=500
	run_privbind -0 --separate-stderr -u nobody -p 80,600,400-700 -n 1 \
		"$PBTEST" -c bind tcp 127.0.0.1 600 tcp 127.0.0.1 650 tcp 127.0.0.1 80 tcp 127.0.0.1 400
	is "$(joined)" "OK OK OK EACCES" "600 and 650 need no privilege; 80 is -n's one grant; 400 is past it"
	like "$stderr" "warning: -p port 600 is at or above net\.ipv4\.ip_unprivileged_port_start \(500\)" "item 600"
	like "$stderr" "warning: -p ports 500-700 are at or above" "the upper part of 400-700"
	[[ $stderr != *"port 80 "* ]] || { echo "# a warning for port 80" >&2; false; }
	run_privbind -0 --separate-stderr -u nobody -p 80,400-499 true
	is "$stderr" "" "no warning when every item is privileged"
}
