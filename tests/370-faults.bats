#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Faults, each with the outcome the man page gives: the tracer flooded with SIGTERM,
# SIGINT and SIGHUP during binds (it ignores them), the command failing to execute, and the
# user and group databases failing (nsswitch in a mount namespace of the test's own). No
# hang, no stopped or orphaned tracee, the documented exit status.

load test_helper
load hostile_helper

# flood_tracer PID: root sends SIGTERM, SIGINT, SIGHUP to PID until bg "flood" is closed
flood_tracer() {
	bg_start flood nsrun "$HOSTILE" sigflood "$1" "$(kill -l TERM)" "$(kill -l INT)" "$(kill -l HUP)"
	bg_expect flood '^flooding$'
}

@test "SIGTERM, SIGINT and SIGHUP flooding the tracer through 40,000 granted binds change nothing" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody -p 80 -- "$PBTEST" bind tcp 127.0.0.1 80 close wait \
		loop 40000 tcp 127.0.0.1 80 wait
	bg_expect cmd '^waiting$'
	local tracer sent
	tracer=$(tracer_of "${PBT_BG_PID[cmd]}")
	flood_tracer "$tracer"
	bg_send cmd go
	bg_expect cmd '^loop '
	is "$BG_LINE" "loop ok=40000 fail=0 first=-" "binds under the flood"
	bg_expect cmd '^waiting$'
	bg_wait flood
	[[ ${PBT_BG_LOG[flood]} =~ sent\ ([0-9]+) ]]
	sent=${BASH_REMATCH[1]}
	[[ $sent -gt 0 ]] || { echo "# the flood sent nothing" >&2; false; }
	report "signals: $sent SIGTERM/SIGINT/SIGHUP to the tracer during 40,000 binds"
	is "$(tracer_of "${PBT_BG_PID[cmd]}")" "$tracer" "the same tracer"
	bg_wait cmd
	is "$BG_STATUS" 0 "exit status"
	wait_until "the namespace to be empty" ns_is_empty
}

@test "the flood through 5,000 logged binds (-v: the tracer stops at each bind's exit too)" {
	bg_start cmd nsrun "$PRIVBIND" -v -u nobody -p 80 -- "$PBTEST" bind wait loop 2500 tcp 127.0.0.1 80 \
		loop 2500 tcp 127.0.0.1 8080 wait
	bg_expect cmd '^waiting$'
	flood_tracer "$(tracer_of "${PBT_BG_PID[cmd]}")"
	bg_send cmd go
	bg_expect cmd '^loop '
	is "$BG_LINE" "loop ok=2500 fail=0 first=-" "granted binds"
	bg_expect cmd '^loop '
	is "$BG_LINE" "loop ok=2500 fail=0 first=-" "binds that need no privilege"
	bg_expect cmd '^waiting$'
	bg_wait flood
	bg_wait cmd
	is "$BG_STATUS" 0 "exit status"
	is "$(grep -c 'addr=127\.0\.0\.1:80 decision=granted result=OK ' "$BATS_TEST_TMPDIR/cmd.err")" 2500 "granted lines"
	is "$(grep -c 'addr=127\.0\.0\.1:8080 decision=passed result=OK ' "$BATS_TEST_TMPDIR/cmd.err")" 2500 "passed lines"
}

@test "the tracer ignores SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGTSTP, SIGTTIN, SIGTTOU" {
	bg_start cmd nsrun "$PRIVBIND" -u nobody -- "$PBTEST" bind wait
	bg_expect cmd '^waiting$'
	local tracer mask sig
	tracer=$(tracer_of "${PBT_BG_PID[cmd]}")
	mask=$((16#$(proc_field "$tracer" SigIgn)))
	for sig in HUP INT QUIT TERM PIPE TSTP TTIN TTOU; do
		(( mask & (1 << ($(kill -l "$sig") - 1)) )) || { echo "# SIG$sig not ignored" >&2; false; }
	done
	bg_wait cmd
}

# exec_fails STATUS CMD...: privbind runs CMD as nobody, which fails with STATUS, and leaves
# nothing behind
exec_fails() {
	local status=$1; shift
	run_privbind "-$status" --separate-stderr -u nobody "$@"
	like "$stderr" "^privbind: cannot run '" "message"
	wait_until "the namespace to be empty" ns_is_empty
}

@test "a command that fails to execute: 127 not found, 126 otherwise; nothing left running" {
	exec_fails 127 "$PBT_DIR/no-such-command"
	printf '#!/nonexistent/interpreter\n' >"$PBT_DIR/script"
	chmod 755 "$PBT_DIR/script"
	exec_fails 127 "$PBT_DIR/script"          # ENOENT, as env(1) reports it
	printf 'echo ran\n' >"$PBT_DIR/plain"
	chmod 644 "$PBT_DIR/plain"
	exec_fails 126 "$PBT_DIR/plain"           # EACCES
	exec_fails 126 "$PBT_DIR"                 # EACCES: a directory
	ln -s loop "$PBT_DIR/loop"
	exec_fails 126 "$PBT_DIR/loop"            # ELOOP
}

# with_nss SETUP -- PRIVBIND-ARGS...: privbind in a mount namespace where SETUP (sh) has
# bind-mounted a broken user or group database
with_nss() {
	local setup=$1; shift 2
	run nsrun timeout -k 5 "$PBT_TIMEOUT" unshare -m sh -ec "$setup"'
		exec "$0" "$@"' "$PRIVBIND" "$@"
}

# no_module: nsswitch names a service that does not exist (the lookup finds nothing)
no_module='printf "passwd: nosuchservice\ngroup: nosuchservice\n" >"$PBT_DIR/nsswitch.conf"
	mount --bind "$PBT_DIR/nsswitch.conf" /etc/nsswitch.conf'
# unreadable DB: the files service, and DB unreadable even for root (a write-only sysctl
# file mounted over it): the lookup fails with EACCES
unreadable() {
	echo 'printf "passwd: files\ngroup: files\n" >"$PBT_DIR/nsswitch.conf"
	mount --bind "$PBT_DIR/nsswitch.conf" /etc/nsswitch.conf
	mount --bind /proc/sys/net/ipv4/route/flush /etc/'"$1"
}

@test "nsswitch with no working passwd service: unknown user, 125; a numeric uid needs -g" {
	export PBT_DIR
	with_nss "$no_module" -- -u nobody "$PBTEST" id
	is "$status" 125
	is "$output" "privbind: unknown user 'nobody': give a name from the passwd database or a numeric uid"
	with_nss "$no_module" -- -u 65534 "$PBTEST" id
	is "$status" 125
	like "$output" "^privbind: uid 65534 has no passwd entry"
	# numeric uid and gid: no lookup needed, no supplementary groups (as the man page says)
	with_nss "$no_module" -- -u 65534 -g 65534 "$PBTEST" id
	is "$status" 0
	like "$output" $'(^|\n)Uid=65534 65534 65534 65534\n.*Groups=$'
	wait_until "the namespace to be empty" ns_is_empty
}

@test "an unreadable passwd database: 125 with the reason, by name and by number" {
	[[ -e /proc/sys/net/ipv4/route/flush ]] || skip "no write-only sysctl file to mount"
	export PBT_DIR
	with_nss "$(unreadable passwd)" -- -u nobody "$PBTEST" id
	is "$status" 125
	is "$output" "privbind: cannot read the passwd database (/etc/passwd, or what /etc/nsswitch.conf names for passwd) to look up user 'nobody': Permission denied"
	# a lookup that failed is not a user without an entry: no guessing his groups
	with_nss "$(unreadable passwd)" -- -u 65534 -g 65534 "$PBTEST" id
	is "$status" 125
	is "$output" "privbind: cannot read the passwd database (/etc/passwd, or what /etc/nsswitch.conf names for passwd) to look up user '65534': Permission denied"
	wait_until "the namespace to be empty" ns_is_empty
}

@test "an unreadable group database: 125 for -g NAME; without -g the primary group alone" {
	[[ -e /proc/sys/net/ipv4/route/flush ]] || skip "no write-only sysctl file to mount"
	export PBT_DIR
	with_nss "$(unreadable group)" -- -u nobody -g nogroup "$PBTEST" id
	is "$status" 125
	is "$output" "privbind: cannot read the group database (/etc/group, or what /etc/nsswitch.conf names for group) to look up group 'nogroup': Permission denied"
	# getgrouplist(3) reports no error: the user gets the groups that could be read
	with_nss "$(unreadable group)" -- -u nobody "$PBTEST" id
	is "$status" 0
	like "$output" $'(^|\n)Gid=65534 65534 65534 65534\n.*Groups=65534$'
	wait_until "the namespace to be empty" ns_is_empty
}
