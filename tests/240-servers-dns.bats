#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# DNS on port 53, UDP and TCP: dnsmasq as nobody under privbind, asked by dig.

load test_helper

DNSMASQ=/usr/sbin/dnsmasq

setup() {
	[[ -x $DNSMASQ ]] || skip "dnsmasq not installed (Debian package dnsmasq-base)"
	command -v dig >/dev/null || skip "dig not installed (Debian package bind9-dnsutils)"
	pbt_setup
	# no configuration file, no upstream, no pid file: one name it answers for itself,
	# on loopback only, UDP and TCP; its log on stderr
	DNS=("$DNSMASQ" --keep-in-foreground --conf-file=/dev/null --no-resolv --no-hosts
		--pid-file= --port=53 --listen-address=127.0.0.1,::1 --bind-interfaces
		--host-record=pbt.test,192.0.2.53,2001:db8::53 --log-facility=- --log-queries)
}

# ask SERVER TYPE [dig options]: dig's short answer for pbt.test
ask() {
	nsrun dig @"$1" -p 53 pbt.test "$2" +short +time=5 +tries=2 "${@:3}"
}

listening() {	# listening PID: both its TCP listeners are up (dnsmasq makes them after UDP)
	[[ $(nsrun ss -Htlnp 'sport = :53' | grep -c "pid=$1,") == 2 ]]
}

@test "without privbind, dnsmasq as nobody cannot bind port 53 and exits 2 (control)" {
	run -2 as_nobody timeout "$PBT_TIMEOUT" "${DNS[@]}"
	like "$output" 'failed to create listening socket for 127\.0\.0\.1: Permission denied' "dnsmasq's complaint"
}

@test "dnsmasq as nobody answers dig over UDP and TCP on port 53, IPv4 and IPv6" {
	bg_start dns nsrun "$PRIVBIND" -v -u nobody -p 53 -- "${DNS[@]}"
	local pid=${PBT_BG_PID[dns]}
	wait_until "dnsmasq to listen on 53" listening "$pid" || { bg_dump dns; false; }
	run -0 ask 127.0.0.1 A
	is "$output" 192.0.2.53 "A over UDP/IPv4"
	run -0 ask ::1 AAAA
	is "$output" 2001:db8::53 "AAAA over UDP/IPv6"
	run -0 ask 127.0.0.1 A +tcp
	is "$output" 192.0.2.53 "A over TCP/IPv4"
	run -0 ask ::1 AAAA +tcp
	is "$output" 2001:db8::53 "AAAA over TCP/IPv6"
	# the UDP sockets are the command's, as nobody, under privbind's tracer
	run -0 nsrun ss -Hulnp 'sport = :53'
	is "${#lines[@]}" 2 "UDP sockets on :53"
	like "$output" "\"dnsmasq\",pid=$pid," "owner of the UDP sockets"
	is "$(proc_field "$pid" Uid)" "65534 65534 65534 65534" "dnsmasq's uids"
	tracer_of "$pid" >/dev/null
	# four binds granted, and the netlink bind dnsmasq makes passed through untouched
	local err=$BATS_TEST_TMPDIR/dns.err
	run -0 grep -c "privbind: pid=$pid .*addr=.*:53 decision=granted result=OK" "$err"
	is "$output" 4 "granted binds of port 53"
	run -0 grep -c "privbind: pid=$pid .*decision=passed result=OK" "$err"
	is "$output" 1 "binds passed through (netlink)"
	kill -TERM "$pid"
	bg_wait dns
	is "$BG_STATUS" 0 "dnsmasq's exit status after SIGTERM"
	wait_until "the namespace to be empty" ns_is_empty
}

@test "dnsmasq allowed 53/udp only cannot open its TCP listener and exits 2, as without privbind" {
	run_privbind -2 -u nobody -p 53/udp -- "${DNS[@]}"
	like "$output" 'failed to create listening socket for 127\.0\.0\.1: Permission denied' "dnsmasq's complaint"
}
