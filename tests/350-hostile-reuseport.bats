#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# SO_REUSEPORT lets sockets share a port only when they belong to the same user (the
# socket's owner, not who binds it). A program under privbind that sets it must not get a
# port another user holds: it fails as a root bind of its socket would, and the kernel shows
# the holder alone on the port. The same user may share it: that is the kernel's rule, and
# shows that the check below could fail.

load test_helper
load hostile_helper

# holder NAME PROTO: uid 4242, itself under privbind, holds 127.0.0.1:80 with SO_REUSEPORT
holder() {
	bg_start "$1" nsrun "$PRIVBIND" -u 4242 -g 4242 -p 80 -- "$HOSTILE" hold "$2" 127.0.0.1 80 reuseport
	bg_expect "$1" '^held '
	is "$BG_LINE" "held OK port=80" "uid 4242 holds $2 port 80"
}

# owners PROTO: "uid:N" of every socket on port 80, sorted
owners() {
	local flags=-Htlne
	[[ $1 == udp ]] && flags=-Hulne
	nsrun ss $flags 'sport = :80' 2>/dev/null | grep -o 'uid:[0-9]*' | sort | tr '\n' ' '
}

@test "TCP: SO_REUSEPORT cannot take a port another user holds; the same user can share it" {
	holder owner tcp
	run_privbind -0 -u nobody -p 80 "$HOSTILE" hold tcp 127.0.0.1 80 reuseport </dev/null
	is "${lines[0]}" "held EADDRINUSE port=0" "nobody under privbind"
	run -0 nsrun "$HOSTILE" hold tcp 127.0.0.1 80 reuseport </dev/null
	is "${lines[0]}" "held EADDRINUSE port=0" "root (the reference)"
	run -0 as_nobody "$HOSTILE" hold tcp 127.0.0.1 80 reuseport </dev/null
	is "${lines[0]}" "held EACCES port=0" "nobody without privbind"
	is "$(owners tcp)" "uid:4242 " "owners of port 80 (kernel's view)"

	bg_start same nsrun "$PRIVBIND" -u 4242 -g 4242 -p 80 -- "$HOSTILE" hold tcp 127.0.0.1 80 reuseport
	bg_expect same '^held '
	is "$BG_LINE" "held OK port=80" "the same user shares it"
	is "$(owners tcp)" "uid:4242 uid:4242 " "owners of port 80 (kernel's view)"
}

@test "UDP: SO_REUSEPORT cannot take a port another user holds" {
	holder owner udp
	run_privbind -0 -u nobody -p 80 "$HOSTILE" hold udp 127.0.0.1 80 reuseport </dev/null
	is "${lines[0]}" "held EADDRINUSE port=0" "nobody under privbind"
	run -0 nsrun "$HOSTILE" hold udp 127.0.0.1 80 reuseport </dev/null
	is "${lines[0]}" "held EADDRINUSE port=0" "root (the reference)"
	is "$(owners udp)" "uid:4242 " "owners of port 80 (kernel's view)"
}
