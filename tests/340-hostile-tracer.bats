#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The program against privbind's tracer: attacks on it (it is root: they must fail), SIGKILL
# while stopped at a bind, and a set-user-ID program executed under it.

load test_helper
load hostile_helper

@test "the program cannot ptrace, signal, kill, read or limit privbind's tracer" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody -p 80 -- sh -c '"$1" attack && exec "$2" bind wait tcp 127.0.0.1 80' \
		sh "$HOSTILE" "$PBTEST"
	bg_expect cmd '^tracer [0-9]+$'
	local tracer=${BG_LINE#tracer } attempt
	bg_expect cmd '^tracer-alive '
	is "$BG_LINE" "tracer-alive yes"
	bg_expect cmd '^waiting$'
	local pidfd=(pidfd_send_signal pidfd_getfd)
	# a kernel without pidfds (5.3) has no such attack to fail
	[[ ${PBT_BG_LOG[cmd]} != *$'\npidfd_open ENOSYS\n'* ]] || pidfd=()
	for attempt in kill-KILL kill-TERM kill-STOP kill-0 kill-group ptrace-attach ptrace-seize \
		process_vm_readv process_vm_writev "${pidfd[@]}" prlimit \
		setpriority sched_setaffinity sigqueue; do
		like "${PBT_BG_LOG[cmd]}" $'(^|\n)'"$attempt EPERM"$'\n' "$attempt"
	done
	for attempt in open-mem open-environ open-fd0; do
		like "${PBT_BG_LOG[cmd]}" $'(^|\n)'"$attempt EACCES"$'\n' "$attempt"
	done
	# the same tracer, running (not stopped), still granting
	is "$(tracer_of "${PBT_BG_PID[cmd]}")" "$tracer" "tracer after the attacks"
	like "$(proc_field "$tracer" State)" '^S ' "tracer's state"
	bg_send cmd go
	bg_wait cmd
	like "${PBT_BG_LOG[cmd]}" $'\nOK\n$' "a bind after the attacks"
	is "$BG_STATUS" 0
}

@test "a program SIGKILLed while stopped at a bind: 137, no tracer or tracee left, port free" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody -p 80 -- "$PBTEST" bind wait tcp 127.0.0.1 80 wait
	bg_expect cmd '^waiting$'
	local pid=${PBT_BG_PID[cmd]} tracer
	tracer=$(tracer_of "$pid")
	# Stop the tracer: the program's next bind then waits at its seccomp stop.
	kill -STOP "$tracer"
	bg_send cmd go
	wait_until "pid $pid to stop at its bind" eval 'grep -q "^State:.*t (tracing stop)" /proc/'"$pid"'/status'
	kill -KILL "$pid"
	kill -CONT "$tracer"
	bg_wait cmd
	is "$BG_STATUS" 137 "caller's status"
	wait_until "the tracer $tracer to exit" eval '[[ ! -e /proc/'"$tracer"' ]] || grep -q "^State:.*Z" /proc/'"$tracer"'/status'
	wait_until "the namespace to be empty" ns_is_empty
	run -0 nsrun "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" "OK" "port 80 after"
}

@test "200 children SIGKILLed in the middle of their binds: the tracer goes on, leaks nothing" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody -p 80 -- sh -c \
		'"$1" bind tcp 127.0.0.1 80 close wait && "$2" killbind 200 127.0.0.1 80 && exec "$1" bind wait' \
		sh "$PBTEST" "$HOSTILE"
	bg_expect cmd '^waiting$'
	local tracer before
	tracer=$(tracer_of "${PBT_BG_PID[cmd]}")
	before=$(fd_count "$tracer")
	bg_send cmd go
	bg_expect cmd '^killbind '
	is "$BG_LINE" "killbind killed=200"
	bg_expect cmd '^after '
	is "$BG_LINE" "after OK" "a bind after the killings"
	bg_expect cmd '^waiting$'
	# The tracer keeps a pidfd for a thread that binds (at most 64, each closed when its
	# thread exits): the count may shrink as the killed children's go, never grow.
	local after
	after=$(fd_count "$tracer")
	[[ $after -le $before ]] || { echo "# tracer's fds: $before before, $after after" >&2; ls -l /proc/"$tracer"/fd >&2; false; }
	bg_wait cmd
	is "$BG_STATUS" 0
}

@test "a set-user-ID root program run under privbind gets root, as without privbind, and stays traced" {
	install -o root -m 4755 "$HOSTILE" "$PBT_DIR/suid-pbhostile"
	run -0 as_nobody "$PBT_DIR/suid-pbhostile" whoami
	is "$output" "uid=65534 euid=0 tracer=no bind80=OK" "without privbind"
	run_privbind -0 -u nobody -p 443 "$PBT_DIR/suid-pbhostile" whoami
	is "$output" "uid=65534 euid=0 tracer=yes bind80=OK" "under privbind (-p 443)"
	# a set-user-ID program of another ordinary user: that user's euid, nothing more
	install -o 4242 -m 4755 "$HOSTILE" "$PBT_DIR/suid4242-pbhostile"
	run_privbind -0 -u nobody -p 443 "$PBT_DIR/suid4242-pbhostile" whoami
	is "$output" "uid=65534 euid=4242 tracer=yes bind80=EACCES" "set-user-ID 4242 under privbind (-p 443)"
}

@test "CLONE_UNTRACED cannot make a child privbind does not follow (seccomp: EPERM; clone3: ENOSYS, libc falls back)" {
	run -0 nsrun su -s /bin/sh -c "$HOSTILE untraced" nobody
	local alone
	alone=$(joined)
	# (clone3 is ENOSYS before 5.3, and on the simulated older kernels)
	like "$alone" "^clone-untraced OK clone3 (OK|ENOSYS) thread OK$" "nobody alone"
	run_privbind -0 --separate-stderr -v -u nobody -- "$HOSTILE" untraced
	if [[ $PBT_MECHANISM == seccomp* ]]; then
		is "$(joined)" "clone-untraced EPERM clone3 ENOSYS thread OK" "under the filter"
	else
		# no filter: an untraced child is the user's own process, binding as the user
		is "$(joined)" "$alone" "without seccomp ($PBT_MECHANISM)"
	fi
}

@test "after -n is spent the tracer is USER's: killing it spares a set-user-ID root process of the tree" {
	install -o root -m 4755 "$HOSTILE" "$PBT_DIR/suid-pbhostile"
	bg_start cmd nsrun "$PRIVBIND" -u nobody -n 1 -p 80 -- sh -c \
		'"$1" bind tcp 127.0.0.1 80 && grep TracerPid /proc/$$/status && exec "$2" whoami wait' \
		sh "$PBTEST" "$PBT_DIR/suid-pbhostile"
	bg_expect cmd '^TracerPid:'
	local tracer=${BG_LINE##*[[:space:]]}
	is "$(ps -o user= -p "$tracer")" nobody "the tracer, once -n 1 is spent"
	bg_expect cmd '^uid='
	# let go of when it became root: no tracer, and a bind under the filter with none is ENOSYS
	is "$BG_LINE" "uid=65534 euid=0 tracer=no bind80=ENOSYS" "the set-user-ID program"
	bg_expect cmd '^waiting$'
	# nobody may kill its own tracer now...
	run -0 su -s /bin/sh -c "kill -KILL $tracer" nobody
	wait_until "the tracer $tracer to exit" eval '[[ ! -e /proc/'"$tracer"' ]] || grep -q "^State:.*Z" /proc/'"$tracer"'/status'
	# ...but not, through it, the root process
	bg_send cmd go
	bg_wait cmd
	like "${PBT_BG_LOG[cmd]}" $'\nalive\n$' "the root process after its tracer's death"
	is "$BG_STATUS" 0
}

@test "after -n is spent: a set-user-ID root process that was running already is let go too" {
	install -o root -m 4755 "$HOSTILE" "$PBT_DIR/suid-pbhostile"
	# the root process binds 81 itself (-p 80 does not cover it: its own call, as root), then
	# waits; the shell then spends -n 1 on port 80
	# (its stdin, a FIFO the test holds open: an asynchronous list's own would be /dev/null)
	local hold_in=$PBT_DIR/hold.in w
	mkfifo "$hold_in"
	bg_start cmd nsrun "$PRIVBIND" -u nobody -n 1 -p 80 -- sh -c \
		'"$2" hold tcp 127.0.0.1 81 <"$3" & read -r go; "$1" bind tcp 127.0.0.1 80 &&
		 grep TracerPid /proc/$$/status; wait' sh "$PBTEST" "$PBT_DIR/suid-pbhostile" "$hold_in"
	exec {w}>"$hold_in"	# after bg_start: no process of the tree may hold the writing end
	bg_expect cmd '^held '
	is "$BG_LINE" "held OK port=81" "the root process's own bind"
	bg_send cmd go
	bg_expect cmd '^TracerPid:'
	local tracer=${BG_LINE##*[[:space:]]}
	is "$(ps -o user= -p "$tracer")" nobody "the tracer, once -n 1 is spent"
	run -0 su -s /bin/sh -c "kill -KILL $tracer" nobody
	wait_until "the tracer $tracer to exit" eval '[[ ! -e /proc/'"$tracer"' ]] || grep -q "^State:.*Z" /proc/'"$tracer"'/status'
	exec {w}>&-
	bg_wait cmd
	like "${PBT_BG_LOG[cmd]}" $'\nstill port=81\n' "the root process outlived its tracer"
}
