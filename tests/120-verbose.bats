#!/usr/bin/env bats
# -v: exactly one line on stderr per bind:
# privbind: pid=P tid=T fd=F proto=PROTO addr=ADDR decision=D result=R

load test_helper

# pbtest -F prints "RESULT pid=P tid=T fd=F" for each bind
# vline N: the pid=.. tid=.. fd=.. part of pbtest's Nth result line
vline() {
	local l=${lines[$1]}
	echo "${l#* }"
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
	is "${stderr_lines[0]}" "privbind: $(vline 0) proto=tcp addr=127.0.0.1:81 decision=denied:ports result=EACCES"
	is "${stderr_lines[1]}" "privbind: $(vline 1) proto=tcp addr=127.0.0.1:80 decision=granted result=OK"
	# without a privilege to grant privbind need not look at the socket: proto may be -
	like "${stderr_lines[2]}" "^privbind: $(vline 2) proto=(tcp|-) addr=127\.0\.0\.1:80 decision=denied:num result=EACCES$"
	like "${stderr_lines[3]}" "^privbind: $(vline 3) proto=(tcp|-) addr=127\.0\.0\.1:8080 decision=passed result=OK$"
}

@test "-v logs IPv6 and UDP addresses and the errno of a granted bind that fails" {
	run_privbind -0 --separate-stderr -v -u nobody "$PBTEST" -F bind \
		udp ::1 53 udp ::1 53 tcp 192.0.2.1 80 tcp :: 443
	is "${#stderr_lines[@]}" 4 "-v lines"
	is "${stderr_lines[0]}" "privbind: $(vline 0) proto=udp addr=[::1]:53 decision=granted result=OK"
	is "${stderr_lines[1]}" "privbind: $(vline 1) proto=udp addr=[::1]:53 decision=granted result=EADDRINUSE"
	is "${stderr_lines[2]}" "privbind: $(vline 2) proto=tcp addr=192.0.2.1:80 decision=granted result=EADDRNOTAVAIL"
	is "${stderr_lines[3]}" "privbind: $(vline 3) proto=tcp addr=[::]:443 decision=granted result=OK"
}

@test "-v logs an AF_UNIX bind as passed with its path" {
	run_privbind -0 --separate-stderr -v -u nobody "$PBTEST" -F bind unix "$PBT_DIR/sock"
	is "${lines[0]%% *}" "OK" "AF_UNIX bind"
	is "${#stderr_lines[@]}" 1 "-v lines"
	like "${stderr_lines[0]}" "^privbind: $(vline 0) proto=[^ ]+ addr=unix:$PBT_DIR/sock decision=passed result=OK$"
}

@test "-v logs the binds of a forked child with the child's pid" {
	run_privbind -0 --separate-stderr -v -u nobody sh -c '"$0" -F bind tcp 127.0.0.1 80 & wait' "$PBTEST"
	is "${#stderr_lines[@]}" 1 "-v lines"
	is "${stderr_lines[0]}" "privbind: $(vline 0) proto=tcp addr=127.0.0.1:80 decision=granted result=OK"
}

@test "-v escapes an AF_UNIX path's spaces and odd bytes, so addr= stays one field" {
	run_privbind -0 --separate-stderr -v -u nobody "$PBTEST" -F bind unix "$PBT_DIR/my sock=1"
	is "${lines[0]%% *}" "OK" "AF_UNIX bind"
	is "${#stderr_lines[@]}" 1 "-v lines"
	like "${stderr_lines[0]}" "^privbind: $(vline 0) proto=[^ ]+ addr=unix:$PBT_DIR/my\\\\x20sock=1 decision=passed result=OK$"
}
