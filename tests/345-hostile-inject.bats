#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The program against syscall injection (kernels without pidfd_getfd, forced here with
# PRIVBIND_FALLBACK=no-pidfd): while privbind runs calls in its thread, the program may hold
# one with a seccomp filter of its own, or take away the stack room privbind borrows. It may
# lose its bind or be killed; privbind's tracer never waits for it unboundedly and never
# dies for it, and the next process of the tree is served.

load test_helper
load hostile_helper

# inject_run CMD: CMD (a shell command line; $H is pbhostile, $T pbtest) under privbind with
# injection forced, -p 80,81; then a bind of port 81 by the next process of the tree.
# no_new_privs from the start (setpriv), as under NoNewPrivileges=yes: a program that sets it
# itself, as USER_NOTIF needs, is taken to be sandboxed and is never injected into.
inject_run() {
	run -0 --separate-stderr nsrun env PRIVBIND_FALLBACK=no-pidfd setpriv --no-new-privs \
		timeout -k 5 "$PBT_TIMEOUT" "$PRIVBIND" \
		-u nobody -p 80,81 -- sh -c "$1"'; echo "status=$?"; "$T" bind tcp 127.0.0.1 81' \
		sh
}

fail() {
	echo "# $*" >&2
	return 1
}

setup() {
	pbt_setup
	HOSTILE=$PBT_BIN/pbhostile
	export H=$HOSTILE T=$PBTEST
}

@test "injection: a program that holds the injected call with its own USER_NOTIF is killed alone" {
	command -v setpriv >/dev/null || skip "setpriv (util-linux) not installed"
	run -0 nsrun "$HOSTILE" notifhold 127.0.0.1 8080
	[[ $output != "notifhold unsupported"* ]] || skip "no SECCOMP_FILTER_FLAG_NEW_LISTENER here (5.0+): $output"
	local start=$SECONDS
	inject_run '"$H" notifhold 127.0.0.1 80'
	is "${lines[*]}" "status=137 OK" "killed by SIGKILL; the next process's bind granted"
	# the deadline is seconds, not the test's timeout
	[[ $((SECONDS - start)) -lt $((PBT_TIMEOUT / 2)) ]] || fail "took $((SECONDS - start)) s"
	# with pidfd_getfd nothing is injected, and the same program gets its bind
	run --separate-stderr nsrun setpriv --no-new-privs timeout -k 5 "$PBT_TIMEOUT" "$PRIVBIND" \
		-v -u nobody -p 80 -- "$HOSTILE" notifhold 127.0.0.1 80
	strip_mechanism_line
	if [[ $PBT_MECHANISM == *pidfd* ]]; then
		is "$status $output" "0 notifhold OK" "with pidfd_getfd"
	else
		is "$status" 137 "without pidfd_getfd (this kernel, or simulated)"
	fi
}

@test "injection: a stack page flipped read-only under privbind's feet loses binds or the program, never the tracer" {
	inject_run '"$H" rostack 200 127.0.0.1 80'
	is "${lines[-1]}" OK "the next process's bind"
	case ${lines[-2]} in
	status=137) ;;
	status=0)
		[[ ${lines[0]} =~ ^rostack\ ok=([0-9]+)\ EACCES=([0-9]+)\ other=0$ ]] ||
			fail "unexpected: ${lines[0]}"
		is $((BASH_REMATCH[1] + BASH_REMATCH[2])) 200 "every bind answered OK or EACCES"
		;;
	*) fail "the program ended with ${lines[-2]}" ;;
	esac
}
