#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Exit status and signals: the caller sees what it would see without privbind.

load test_helper

@test "privbind exits with the command's own exit status" {
	local code
	for code in 0 1 2 7 42 124 125 126 127 128 200 255; do
		run_privbind -"$code" -u nobody sh -c "exit $code"
	done
}

@test "a command killed by signal S gives the caller 128+S" {
	local sig num
	ulimit -c 0	# SIGSEGV and SIGABRT: no core files
	for sig in HUP INT QUIT ABRT KILL USR1 SEGV PIPE ALRM TERM; do
		num=$(kill -l "$sig")
		echo "# SIG$sig" >&2
		run_privbind -$((128 + num)) -u nobody sh -c "kill -$sig \$\$"
	done
}

@test "a command that cannot be executed gives 126" {
	printf '#!/bin/sh\necho ran\n' >"$PBT_DIR/not-executable"
	chmod 0644 "$PBT_DIR/not-executable"
	run_privbind -126 -u nobody "$PBT_DIR/not-executable"
	[[ $output != *ran* ]]
	run_privbind -126 -u nobody "$PBT_DIR"
	# executable for root only: nobody cannot run it
	install -m 0700 "$PBTEST" "$PBT_DIR/root-only"
	run_privbind -126 -u nobody "$PBT_DIR/root-only" id
}

@test "a command that does not exist gives 127" {
	run_privbind -127 -u nobody "$PBT_DIR/no-such-command"
	# a PATH nobody can search all of: an unreadable directory would make execvp say EACCES
	PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		run_privbind -127 -u nobody pbtest-no-such-command-in-path
}

@test "not found in a PATH that has a directory nobody cannot search: 127, 'not found in PATH'" {
	mkdir -m 0700 "$PBT_DIR/root-only-dir"
	PATH=$PBT_DIR/root-only-dir:/usr/bin:/bin run_privbind -127 --separate-stderr -u nobody \
		pbtest-no-such-command-in-path
	like "$stderr" "privbind: pbtest-no-such-command-in-path: not found in PATH" "message"
	# found in PATH but not executable: 126, as env(1) says
	mkdir -m 0755 "$PBT_DIR/bin"
	printf '#!/bin/sh\necho ran\n' >"$PBT_DIR/bin/pbtest-not-executable"
	chmod 0644 "$PBT_DIR/bin/pbtest-not-executable"
	PATH=$PBT_DIR/root-only-dir:$PBT_DIR/bin:/usr/bin run_privbind -126 -u nobody pbtest-not-executable
	[[ $output != *ran* ]]
}

@test "SIGTERM sent to the caller's pid reaches the command exactly once" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody "$PBTEST" sigcount
	bg_expect cmd '^ready pid=[0-9]+$'
	is "${BG_LINE#ready pid=}" "${PBT_BG_PID[cmd]}" "the pid the caller started is the command"
	kill -TERM "${PBT_BG_PID[cmd]}"
	bg_expect cmd '^SIGTERM count='
	is "$BG_LINE" "SIGTERM count=1" "after one kill"
	kill -TERM "${PBT_BG_PID[cmd]}"
	bg_expect cmd '^SIGTERM count='
	is "$BG_LINE" "SIGTERM count=2" "after a second kill"
	bg_wait cmd
	is "$BG_STATUS" 0 "exit status"
	like "${PBT_BG_LOG[cmd]}" $'\nfinal count=2\n$' "final count"
}

@test "SIGTERM with the default action ends the command; the caller sees 143" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody "$PBTEST" bind pid wait
	bg_expect cmd '^waiting$'
	kill -TERM "${PBT_BG_PID[cmd]}"
	bg_wait cmd
	is "$BG_STATUS" 143 "caller's status"
}

@test "privbind's tracer exits once the command is gone, even after SIGKILL" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody "$PBTEST" bind tcp 127.0.0.1 80 wait
	bg_expect cmd '^waiting$'
	local tracer
	tracer=$(tracer_of "${PBT_BG_PID[cmd]}")
	kill -KILL "${PBT_BG_PID[cmd]}"
	bg_wait cmd
	is "$BG_STATUS" 137 "caller's status"
	wait_until "the tracer $tracer to exit" eval '[[ ! -e /proc/'"$tracer"' ]] || grep -q "^State:.*Z" /proc/'"$tracer"'/status'
	wait_until "the namespace to be empty" ns_is_empty
	# and the port is free again
	run -0 nsrun "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" "OK"
}

@test "a command stopped with SIGSTOP and continued with SIGCONT carries on" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody "$PBTEST" bind wait tcp 127.0.0.1 80 wait
	bg_expect cmd '^waiting$'
	local pid=${PBT_BG_PID[cmd]}
	kill -STOP "$pid"
	wait_until "pid $pid to stop" eval 'grep -Eq "^State:.*[Tt] \((stopped|tracing stop)\)" /proc/'"$pid"'/status'
	kill -CONT "$pid"
	bg_send cmd go
	bg_expect cmd '^waiting$'
	is "${PBT_BG_LOG[cmd]}" $'waiting\nOK\nwaiting\n'
	bg_wait cmd
	is "$BG_STATUS" 0
}

@test "SIGTERM, SIGINT, SIGHUP and SIGQUIT sent to the tracer leave it and the command running" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody "$PBTEST" bind wait tcp 127.0.0.1 80 wait
	bg_expect cmd '^waiting$'
	local tracer sig
	tracer=$(tracer_of "${PBT_BG_PID[cmd]}")
	for sig in TERM INT HUP QUIT; do
		kill -"$sig" "$tracer"
	done
	# the tracer still answers: the next privileged bind is granted
	bg_send cmd go
	bg_expect cmd '^waiting$'
	is "${PBT_BG_LOG[cmd]}" $'waiting\nOK\nwaiting\n' "command's output"
	is "$(tracer_of "${PBT_BG_PID[cmd]}")" "$tracer" "same tracer"
	bg_wait cmd
	is "$BG_STATUS" 0 "caller's status"
	wait_until "the namespace to be empty" ns_is_empty
}

@test "if the tracer is SIGKILLed the command is killed too, not left running with binds failing" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody "$PBTEST" bind tcp 127.0.0.1 80 wait
	bg_expect cmd '^waiting$'
	local tracer
	tracer=$(tracer_of "${PBT_BG_PID[cmd]}")
	kill -KILL "$tracer"
	# kill(2) returns before the tracer has died; its death sends the SIGKILLs. Only then
	# may bg_wait close the command's stdin, which would let it end by itself.
	wait_until "the tracer $tracer to die" eval '[[ ! -e /proc/'"$tracer"' ]] || grep -q "^State:.*Z" /proc/'"$tracer"'/status'
	bg_wait cmd
	is "$BG_STATUS" 137 "caller's status: the command died of SIGKILL"
	wait_until "the namespace to be empty" ns_is_empty
}
