#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# privbind picks its mechanism by asking the kernel, and PRIVBIND_FALLBACK forces the older
# ones. (make check-fallbacks runs the whole suite on each simulated older kernel.)

load test_helper

setup_file() {
	pbt_setup_file
	is_root || return 0
	if [[ -x $PB_HELPERS/pbinject ]]; then
		cp "$PB_HELPERS/pbinject" "$PBT_BIN/"
		chmod 755 "$PBT_BIN/pbinject"
	fi
}

mechanism() {	# mechanism [ENV=VALUE...]: the mechanism -v names
	run -0 --separate-stderr nsrun env "$@" timeout "$PBT_TIMEOUT" "$PRIVBIND" -v -u nobody true
	local l
	for l in "${stderr_lines[@]}"; do
		[[ $l =~ ^privbind:\ .*\ event=start\ .*\ mechanism=([^\ ]+) ]] && { echo "${BASH_REMATCH[1]}"; return; }
	done
	echo "# no mechanism line in: $stderr" >&2
	return 1
}

@test "-v names the mechanism in use, once, before any bind" {
	run_privbind -0 --separate-stderr -v -u nobody "$PBTEST" bind tcp 127.0.0.1 80
	like "$PBT_MECHANISM" '^(seccomp|ptrace-syscall)\+(pidfd|injection)(\+registers)?$' "mechanism"
}

@test "PRIVBIND_FALLBACK forces each older mechanism" {
	like "$(mechanism PRIVBIND_FALLBACK=no-pidfd)" '^(seccomp|ptrace-syscall)\+injection$'
	like "$(mechanism PRIVBIND_FALLBACK=no-seccomp)" '^ptrace-syscall\+(pidfd|injection)'
	is "$(mechanism PRIVBIND_FALLBACK=no-seccomp,no-pidfd,no-syscall-info)" \
		"ptrace-syscall+injection+registers"
}

@test "an unknown PRIVBIND_FALLBACK word is a setup error (125) naming it" {
	run -125 --separate-stderr nsrun env PRIVBIND_FALLBACK=no-such "$PRIVBIND" -u nobody true
	like "$stderr" "no-such" "message"
}

@test "on a kernel without pidfd_getfd and seccomp (simulated) privbind finds out by itself" {
	[[ -x $PB_HELPERS/oldkernel ]] || skip "oldkernel not built"
	"$PB_HELPERS/oldkernel" -- true 2>/dev/null || skip "no seccomp here to simulate with"
	run -0 --separate-stderr nsrun "$PB_HELPERS/oldkernel" --no-pidfd --no-seccomp \
		--no-syscall-info -- "$PRIVBIND" -v -u nobody "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" OK "bind"
	strip_mechanism_line
	like "$PBT_MECHANISM" "^ptrace-syscall\+injection" "mechanism"
}

@test "a kernel that cannot be asked about RET_TRACE (4.9, simulated) still gets seccomp, by a probe" {
	[[ -x $PB_HELPERS/oldkernel ]] || skip "oldkernel not built"
	"$PB_HELPERS/oldkernel" -- true 2>/dev/null || skip "no seccomp here to simulate with"
	run -0 --separate-stderr nsrun "$PB_HELPERS/oldkernel" --no-action-avail --no-pidfd -- \
		"$PRIVBIND" -v -u nobody -p 80 "$PBTEST" bind tcp 127.0.0.1 80 tcp 127.0.0.1 81 \
		tcp 127.0.0.1 8080
	is "$(joined)" "OK EACCES OK" "binds"
	strip_mechanism_line
	like "$PBT_MECHANISM" "^seccomp\+injection" "mechanism"
	like "$stderr" "addr=127\.0\.0\.1:8080 decision=passed result=OK" "a passed bind's result"
	# and where seccomp itself is missing, the probe says so
	run -0 --separate-stderr nsrun "$PB_HELPERS/oldkernel" --no-action-avail --no-seccomp -- \
		"$PRIVBIND" -v -u nobody "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" OK "bind without seccomp"
	strip_mechanism_line
	like "$PBT_MECHANISM" "^ptrace-syscall" "mechanism without seccomp"
}

@test "every forced mechanism grants, denies and passes binds as the default one does" {
	local f
	for f in no-pidfd no-seccomp no-seccomp,no-pidfd no-seccomp,no-pidfd,no-syscall-info; do
		echo "# PRIVBIND_FALLBACK=$f" >&2
		run -0 nsrun env PRIVBIND_FALLBACK="$f" timeout "$PBT_TIMEOUT" "$PRIVBIND" -u nobody \
			-p 80,53/udp "$PBTEST" bind tcp 127.0.0.1 80 tcp ::1 81 udp ::1 53 tcp 127.0.0.1 8080 \
			again 127.0.0.1 80 badfd 127.0.0.1 80
		is "$(joined)" "OK EACCES OK OK EINVAL EBADF" "$f"
	done
}

@test "syscall injection leaves the program's stack, registers, fds and signals as they were" {
	[[ -x $PBT_BIN/pbinject ]] || skip "pbinject is x86_64 only"
	local f
	for f in no-pidfd no-seccomp,no-pidfd; do
		echo "# PRIVBIND_FALLBACK=$f" >&2
		run -0 nsrun env PRIVBIND_FALLBACK="$f" timeout "$PBT_TIMEOUT" "$PRIVBIND" -u nobody \
			-p 80 "$PBT_BIN/pbinject" 80 81 8080
		is "$(joined)" "80 OK intact 81 EACCES intact 8080 OK intact" "$f"
	done
}

@test "syscall injection works in a daemon that closed every descriptor" {
	run -0 nsrun env PRIVBIND_FALLBACK=no-pidfd timeout "$PBT_TIMEOUT" "$PRIVBIND" -u nobody \
		"$PBTEST" daemon "$PBT_DIR/report" 127.0.0.1 80
	wait_until "the daemon's report" test -s "$PBT_DIR/report"
	like "$(cat "$PBT_DIR/report")" "result=OK" "daemon's bind"
	run -0 nsrun "$PBTEST" connect 127.0.0.1 80
}
