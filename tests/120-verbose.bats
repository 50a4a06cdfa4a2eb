#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# -v: exactly one line on stderr per bind:
# privbind: pid=P tid=T comm=C fd=F family=FAM opts=O proto=PROTO addr=ADDR decision=D result=R
#   reason=W [holder=H] ppid=PP uid=U euid=E exe=X [netns=N] time=T
# (who the binding thread is, ppid= to netns=, is tested in 140-log.bats)

load test_helper

# pbtest -F prints "RESULT pid=P tid=T fd=F" for each bind
# vline N: "pid=P tid=T comm=pbtest fd=F" from pbtest's Nth result line
vline() {
	local l=${lines[$1]}
	l=${l#* }
	echo "${l% fd=*} comm=pbtest fd=${l##* fd=}"
}

# unlooked FAMILY PROTO: the socket fields of a bind privbind passed without taking a copy of
# the socket: the socket's, or "-" where the copy would take syscall injection (no
# pidfd_getfd): the log never makes the program run a syscall
unlooked() {
	if [[ $PBT_MECHANISM == *injection* ]]; then
		echo "family=- opts=- proto=-"
	else
		echo "family=$1 opts=- proto=$2"
	fi
}

# timeless LINE: LINE without its last field, which must be time= in RFC 3339 local time, and
# without the thread's identity before it (ppid= uid= euid= exe= [netns=])
timeless() {
	like "$1" ' ppid=[0-9]+ uid=[0-9]+ euid=[0-9]+ exe=[^ ]+( netns=[0-9]+)? time=[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}[+-][0-9]{2}:[0-9]{2}$' "time= field" ||
		return 1
	echo "${1% ppid=*}"
}

@test "-v logs granted, denied:ports, denied:num and passed binds, one line each" {
	run_privbind -0 --separate-stderr -v -u nobody -p 80 -n 1 "$PBTEST" -F -c bind \
		tcp 127.0.0.1 81 tcp 127.0.0.1 80 tcp 127.0.0.1 80 tcp 127.0.0.1 8080
	is "${#lines[@]}" 4 "pbtest's results"
	like "${lines[0]}" '^EACCES pid=[0-9]+ tid=[0-9]+ fd=[0-9]+$'
	like "${lines[1]}" '^OK '
	like "${lines[2]}" '^EACCES '
	like "${lines[3]}" '^OK '
	is "${#stderr_lines[@]}" 4 "-v lines"
	is "$(timeless "${stderr_lines[0]}")" "privbind: $(vline 0) family=inet opts=- proto=tcp addr=127.0.0.1:81 decision=denied:ports result=EACCES reason=not-in-ports"
	is "$(timeless "${stderr_lines[1]}")" "privbind: $(vline 1) family=inet opts=- proto=tcp addr=127.0.0.1:80 decision=granted result=OK reason=allowed"
	# with -v privbind looks at the socket even when the decision did not need to
	is "$(timeless "${stderr_lines[2]}")" "privbind: $(vline 2) $(unlooked inet tcp) addr=127.0.0.1:80 decision=denied:num result=EACCES reason=budget-spent"
	is "$(timeless "${stderr_lines[3]}")" "privbind: $(vline 3) $(unlooked inet tcp) addr=127.0.0.1:8080 decision=passed result=OK reason=unprivileged-port"
}

@test "-v logs IPv6 and UDP addresses and the errno of a granted bind that fails" {
	run_privbind -0 --separate-stderr -v -u nobody "$PBTEST" -F bind \
		udp ::1 53 udp ::1 53 tcp 192.0.2.1 80 tcp :: 443
	is "${#stderr_lines[@]}" 4 "-v lines"
	is "$(timeless "${stderr_lines[0]}")" "privbind: $(vline 0) family=inet6 opts=- proto=udp addr=[::1]:53 decision=granted result=OK reason=allowed"
	# the holder: the process that has [::1]:53, as the kernel says: this one, bound just before
	local pid=${lines[0]#* pid=}
	is "$(timeless "${stderr_lines[1]}")" "privbind: $(vline 1) family=inet6 opts=- proto=udp addr=[::1]:53 decision=granted result=EADDRINUSE reason=allowed holder=${pid%% *}/pbtest"
	is "$(timeless "${stderr_lines[2]}")" "privbind: $(vline 2) family=inet opts=- proto=tcp addr=192.0.2.1:80 decision=granted result=EADDRNOTAVAIL reason=allowed"
	is "$(timeless "${stderr_lines[3]}")" "privbind: $(vline 3) family=inet6 opts=- proto=tcp addr=[::]:443 decision=granted result=OK reason=allowed"
}

@test "-v logs an AF_UNIX bind as passed with its path" {
	run_privbind -0 --separate-stderr -v -u nobody "$PBTEST" -F bind unix "$PBT_DIR/sock"
	is "${lines[0]%% *}" "OK" "AF_UNIX bind"
	is "${#stderr_lines[@]}" 1 "-v lines"
	is "$(timeless "${stderr_lines[0]}")" "privbind: $(vline 0) $(unlooked unix -) addr=unix:$PBT_DIR/sock decision=passed result=OK reason=not-inet"
}

@test "-v logs the binds of a forked child with the child's pid" {
	run_privbind -0 --separate-stderr -v -u nobody sh -c '"$0" -F bind tcp 127.0.0.1 80 & wait' "$PBTEST"
	is "${#stderr_lines[@]}" 1 "-v lines"
	is "$(timeless "${stderr_lines[0]}")" "privbind: $(vline 0) family=inet opts=- proto=tcp addr=127.0.0.1:80 decision=granted result=OK reason=allowed"
}

@test "-v escapes an AF_UNIX path's spaces and odd bytes, so addr= stays one field" {
	run_privbind -0 --separate-stderr -v -u nobody "$PBTEST" -F bind unix "$PBT_DIR/my sock=1"
	is "${lines[0]%% *}" "OK" "AF_UNIX bind"
	is "${#stderr_lines[@]}" 1 "-v lines"
	is "$(timeless "${stderr_lines[0]}")" "privbind: $(vline 0) $(unlooked unix -) addr=unix:$PBT_DIR/my\\x20sock=1 decision=passed result=OK reason=not-inet"
}
