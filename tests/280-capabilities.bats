#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The root capabilities privbind needs, as a service manager's CapabilityBoundingSet= or a
# container grants them: the set KERNEL REQUIREMENTS lists is enough, and (the man page says)
# withholding one makes setup fail with status 125.

load test_helper

NEEDED=(setuid setgid sys_admin sys_ptrace net_admin net_bind_service)

# bounding_without CAP: setpriv's --bounding-set argument for NEEDED less CAP
bounding_without() {
	local c set=-all
	for c in "${NEEDED[@]}"; do
		[[ $c == "$1" ]] || set+=,+$c
	done
	echo "$set"
}

# run_capped [run flags] BOUNDING-SET PRIVBIND-ARGS...: run_privbind, privbind started
# with that capability bounding set (what root keeps across execve)
run_capped() {
	local -a flags=()
	while [[ $1 == -[0-9]* || $1 == --separate-stderr ]]; do flags+=("$1"); shift; done
	echo "# setpriv --bounding-set $1 privbind ${*:2}" >&2
	run "${flags[@]}" nsrun timeout -k 5 "$PBT_TIMEOUT" setpriv --bounding-set "$1" "$PRIVBIND" "${@:2}"
}

@test "with only the capabilities the man page lists, privbind grants binds" {
	run_capped -0 --separate-stderr "$(bounding_without none)" -u nobody -p 80,53 -- "$PBTEST" bind tcp 127.0.0.1 80 udp ::1 53
	is "$(joined)" "OK OK" "binds of 80 and 53"
}

@test "without CAP_SYS_PTRACE, privbind fails at setup with 125 and names the capability" {
	run_capped -125 --separate-stderr "$(bounding_without sys_ptrace)" -u nobody -p 80 -- "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" "" "the command's output (it must not run)"
	like "$stderr" 'CAP_SYS_PTRACE' "privbind's message"
}

@test "without CAP_NET_BIND_SERVICE, privbind fails at setup with 125 and names the capability" {
	run_capped -125 --separate-stderr "$(bounding_without net_bind_service)" -u nobody -p 80 -- "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" "" "the command's output (it must not run)"
	like "$stderr" 'CAP_NET_BIND_SERVICE' "privbind's message"
}

@test "without CAP_SYS_ADMIN, privbind sets no_new_privs with a warning and still grants binds" {
	run_capped -0 --separate-stderr "$(bounding_without sys_admin)" -u nobody -p 80 -- "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" "OK" "the bind"
	like "$stderr" 'no_new_privs' "privbind's warning"
}
