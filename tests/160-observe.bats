#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# --observe: COMMAND runs with the caller's identity, privbind grants nothing and logs what it
# would do under -p and -n. Root is not needed.

load test_helper

# observe_as_nobody ARGS...: privbind --observe ARGS run by nobody, in bats' run
observe_as_nobody() {
	run "${PBT_RUN_FLAGS[@]}" nsrun timeout -k 5 "$PBT_TIMEOUT" \
		setpriv --reuid=nobody --regid=nogroup --clear-groups "$PBT_BIN/privbind" --observe "$@"
	strip_mechanism_line
}

# decisions: "decision/reason/result" of each bind line of $stderr_lines
decisions() {
	local l out=()
	for l in "${stderr_lines[@]}"; do
		[[ $l =~ \ decision=([^ ]+)\ result=([^ ]+)\ reason=([^ ]+) ]] || continue
		out+=("${BASH_REMATCH[1]}/${BASH_REMATCH[3]}/${BASH_REMATCH[2]}")
	done
	echo "${out[*]}"
}

@test "--observe as an ordinary user: nothing is granted; the log says what privbind would do" {
	PBT_RUN_FLAGS=(-0 --separate-stderr)
	observe_as_nobody -p 80 "$PBTEST" -c bind tcp 127.0.0.1 8080 tcp 127.0.0.1 80 tcp 127.0.0.1 81
	is "$(joined)" "OK EACCES EACCES" "binds under --observe"
	is "$(decisions)" "passed/unprivileged-port/OK would-grant/allowed/EACCES would-deny:ports/not-in-ports/EACCES" \
		"decision/reason/result"
	if [[ $PBT_MECHANISM == seccomp* ]]; then
		like "${stderr_lines[0]}" "no_new_privs" "a word that no_new_privs is set (the filter needs it)"
	fi
	run -0 as_nobody "$PBTEST" -c bind tcp 127.0.0.1 8080 tcp 127.0.0.1 80 tcp 127.0.0.1 81
	is "$(joined)" "OK EACCES EACCES" "the same binds without privbind"
}

@test "--observe as an ordinary user: the tracer is that user, COMMAND keeps its identity" {
	bg_start cmd as_nobody "$PBT_BIN/privbind" --observe "$PBTEST" bind pid wait
	bg_expect cmd '^pid='
	local pid=${BG_LINE#pid=} tracer mechanism
	bg_expect cmd '^waiting$'
	mechanism=$(sed -n 's/^privbind: .* event=start .* mechanism=\([^ ]*\) .*/\1/p' "$BATS_TEST_TMPDIR/cmd.err")
	like "$mechanism" '^[a-z+-]+$' "the log's mechanism line"
	tracer=$(tracer_of "$pid")
	is "$(proc_field "$tracer" Uid)" "65534 65534 65534 65534" "tracer's uids"
	is "$(proc_field "$tracer" CapEff)" 0000000000000000 "tracer's CapEff"
	is "$(proc_field "$pid" Uid)" "65534 65534 65534 65534" "command's uids"
	# the seccomp filter needs no_new_privs without root; without a filter nothing sets it
	is "$(proc_field "$pid" NoNewPrivs)" "$([[ $mechanism == seccomp* ]] && echo 1 || echo 0)" "command's no_new_privs"
	assert_no_root_process_in_ns
	bg_wait cmd
	is "$BG_STATUS" 0
}

@test "--observe as an ordinary user follows children and threads and sees their sockets" {
	PBT_RUN_FLAGS=(-0 --separate-stderr)
	observe_as_nobody -n 2 "$PBTEST" tree tcp 127.0.0.1 80 81 82
	is "$(joined)" "parent EACCES child EACCES grandchild EACCES"
	is "$(decisions)" "would-grant/allowed/EACCES would-grant/allowed/EACCES would-deny:num/budget-spent/EACCES" \
		"-n 2 counts what would have been granted"
	local l pids=()
	for l in "${stderr_lines[@]}"; do
		[[ $l =~ ^privbind:\ pid=([0-9]+)\ .*\ proto=tcp\ addr=127\.0\.0\.1:8[0-2]\  ]] && pids+=("${BASH_REMATCH[1]}")
	done
	is "$(printf '%s\n' "${pids[@]}" | sort -u | wc -l)" 3 "three processes, each socket seen (proto=tcp)"
	observe_as_nobody "$PBTEST" threads 4 udp ::1 53
	is "$(decisions)" "would-grant/allowed/EACCES would-grant/allowed/EACCES would-grant/allowed/EACCES would-grant/allowed/EACCES" "threads"
}

@test "--observe as root: COMMAND stays root and binds as root; privbind grants nothing" {
	run_privbind -0 --separate-stderr --observe -p 80,81 -n 1 sh -c 'grep ^Uid: /proc/self/status; exec "$0" -c bind tcp 127.0.0.1 80 tcp 127.0.0.1 81 tcp 127.0.0.1 82' "$PBTEST"
	is "$(joined)" "$(printf 'Uid:\t0\t0\t0\t0') OK OK OK" "root's identity and root's own binds"
	is "$(decisions)" "would-grant/allowed/OK would-deny:num/budget-spent/OK would-deny:ports/not-in-ports/OK" \
		"decision/reason/result"
	[[ $stderr != *no_new_privs* ]] || { echo "# no_new_privs set for root" >&2; false; }
}

@test "--observe takes no -u or -g" {
	run_privbind -125 --separate-stderr --observe -u nobody touch "$PBT_DIR/ran"
	like "$stderr" "--observe" "message"
	run_privbind -125 --separate-stderr --observe -g nogroup touch "$PBT_DIR/ran"
	[[ ! -e $PBT_DIR/ran ]]
}

@test "--observe as an ordinary user under Yama's ptrace_scope 1 (descendants only)" {
	local f=/proc/sys/kernel/yama/ptrace_scope
	[[ -e $f ]] || skip "this kernel has no Yama"
	local old
	old=$(cat "$f")
	[[ $old -le 1 ]] || skip "ptrace_scope is $old: no unprivileged tracing at all"
	echo 1 >"$f"
	PBT_RUN_FLAGS=(-0 --separate-stderr)
	observe_as_nobody -p 80 "$PBTEST" tree tcp 127.0.0.1 80 81 8080
	local status=$?
	echo "$old" >"$f"
	[[ $status == 0 ]]
	is "$(joined)" "parent EACCES child EACCES grandchild OK"
	is "$(decisions)" "would-grant/allowed/EACCES would-deny:ports/not-in-ports/EACCES passed/unprivileged-port/OK"
}

@test "--observe as an ordinary user sees every bind as root of a user and network namespace of its own" {
	run nsrun setpriv --reuid=nobody --regid=nogroup --clear-groups unshare -rn true
	[[ $status == 0 ]] || skip "no unprivileged user namespaces here ($output)"
	# plain --observe: the program gets EACCES, as without privbind, and here stops at it
	PBT_RUN_FLAGS=(-1 --separate-stderr)
	observe_as_nobody -p 80,443 sh -c '"$0" bind tcp 0.0.0.0 80 | grep -qx OK && exec "$0" bind tcp 0.0.0.0 443 tcp 0.0.0.0 81' "$PBTEST"
	is "$(decisions)" "would-grant/allowed/EACCES" "plain --observe: the first bind only"
	# the recipe: root in a new user and network namespace binds every port there itself
	run -0 --separate-stderr nsrun timeout -k 5 "$PBT_TIMEOUT" setpriv --reuid=nobody --regid=nogroup \
		--clear-groups unshare -rn "$PBT_BIN/privbind" --observe -p 80,443 \
		sh -c '"$0" bind tcp 0.0.0.0 80 | grep -qx OK && exec "$0" bind tcp 0.0.0.0 443 tcp 0.0.0.0 81' "$PBTEST"
	strip_mechanism_line
	is "$(joined)" "OK OK" "the program's own binds succeed"
	is "$(decisions)" "would-grant/allowed/OK would-grant/allowed/OK would-deny:ports/not-in-ports/OK" \
		"every bind is seen, each with what privbind would do"
}
