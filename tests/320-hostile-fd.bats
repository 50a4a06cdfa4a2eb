#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The descriptor changes under the bind: one thread binds fd F while another closes F and
# dup2()s other things onto it (another socket, /dev/null, a unix socket). privbind must not
# hang or crash, must bind nothing but what is in the program's own table at that moment,
# and must keep no copy of anything. A root process of the namespace holds an unbound socket
# on the same descriptor number: it stays unbound.
#
# EACCES is one of the outcomes, which root never sees: privbind found no inet socket on F
# (closed, or /dev/null there), let the program's own call run, and by then a socket was
# back on F, which the kernel refused to bind for nobody. It fails closed; the man page says
# so (LIMITATIONS).

load test_helper
load hostile_helper

@test "a bind on an fd that another thread closes or dup2()s over: no hang, nobody else's socket bound" {
	bg_start bystander nsrun "$HOSTILE" hold tcp 127.0.0.1 0 fd=3
	bg_expect bystander '^held '
	is "$BG_LINE" "held OK port=0" "root's unbound socket on fd 3"

	bg_start cmd nsrun "$PRIVBIND" -u nobody -p 80 -- "$HOSTILE" fdrace 20000 127.0.0.1 80
	bg_expect cmd '^fdrace '
	local line=$BG_LINE tracer
	report "$line"
	like "$line" '^fdrace binds=20000 OK=[1-9][0-9]* EBADF=[0-9]+ ENOTSOCK=[0-9]+ EINVAL=[0-9]+ EADDRINUSE=[0-9]+ EACCES=[0-9]+ other=0$' \
		"results: only what the races can give"
	bg_expect cmd '^waiting$'
	tracer=$(tracer_of "${PBT_BG_PID[cmd]}")
	is "$(inet_socket_count "$tracer")" 0 "inet sockets privbind's tracer holds"
	bg_wait cmd
	is "$BG_STATUS" 0 "exit status"

	bg_wait bystander
	like "${PBT_BG_LOG[bystander]}" $'still port=0\n$' "root's socket after the race"
}

@test "a socket whose close lingers (SO_LINGER, a peer that reads nothing): the tracer's copy never holds it up" {
	local start=$SECONDS
	run_privbind -0 -u nobody -p 80 -- "$HOSTILE" linger 50 80
	report "$output"
	like "$output" '^linger rounds=50 EINVAL=[0-9]+ EBADF=[0-9]+ other=0$' "every bind answered"
	[[ $((SECONDS - start)) -lt $((PBT_TIMEOUT / 2)) ]] || {
		echo "# took $((SECONDS - start)) s" >&2
		return 1
	}
}

@test "the tracer's close of a lingering socket's last reference returns within its deadline, wherever the timer stands" {
	# the race above rarely makes the tracer's copy the last reference: here it always is
	run -0 nsrun timeout -k 5 "$PBT_TIMEOUT" "$PB_HELPERS/pbclose"
	is "$(joined)" "closed 1 closed 2 closed 3 done"
}
