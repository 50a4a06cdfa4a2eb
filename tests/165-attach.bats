#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# --attach PID: watch the binds of a process already running (and of the children it creates
# from then on), grant nothing, and let it go unharmed on SIGINT/SIGTERM or when it ends.

load test_helper

# attach NAME PID [ARGS...]: privbind --attach PID in the background as NAME (stderr in
# $BATS_TEST_TMPDIR/NAME.err), the log in $PBT_DIR/NAME.log; returns once it has attached
# (its first record, written after every thread is seized)
attach() {
	local name=$1 pid=$2
	shift 2
	bg_start "$name" nsrun "$PRIVBIND" --log "$PBT_DIR/$name.log" "$@" --attach "$pid"
	wait_until "privbind --attach $pid has attached" \
		grep -qsE '^privbind: .* event=start |"event":"start"' "$PBT_DIR/$name.log"
	is "$(tracer_of "$pid")" "${PBT_BG_PID[$name]}" "the tracer of $pid"
}

# detach NAME SIGNAL: send SIGNAL to privbind NAME, check it exits 0
detach() {
	kill "-$2" "${PBT_BG_PID[$1]}"
	bg_wait "$1"
	is "$BG_STATUS" 0 "privbind --attach's exit status after SIG$2"
}

# bind_lines NAME: the bind records of NAME's log
bind_lines() {
	grep -E ' decision=|"event":"bind"' "$PBT_DIR/$1.log" || true
}

# let_go PID: PID is traced by nobody and is not stopped
assert_let_go() {
	is "$(proc_field "$1" TracerPid)" 0 "TracerPid of $1 after the detach"
	like "$(proc_field "$1" State)" '^[RSD] ' "State of $1 after the detach (not stopped, not traced)"
}

@test "--attach logs a bind made after attach, grants nothing, lets the process go on SIGINT" {
	bg_start srv as_nobody "$PBTEST" bind pid wait tcp 127.0.0.1 80 tcp 127.0.0.1 8080 wait
	bg_expect srv '^pid='
	local pid=${BG_LINE#pid=}
	bg_expect srv '^waiting$'
	attach att "$pid" -p 80
	bg_send srv go
	bg_expect srv '^(OK|E[A-Z]+)$'
	is "$BG_LINE" EACCES "port 80 as nobody under --attach: nothing granted"
	bg_expect srv '^(OK|E[A-Z]+)$'
	is "$BG_LINE" OK "port 8080"
	bg_expect srv '^waiting$'
	wait_until "two bind records" test "$(bind_lines att | wc -l)" -ge 2
	local l
	l=$(bind_lines att | head -1)
	like "$l" "^privbind: pid=$pid tid=$pid comm=pbtest fd=[0-9]+ family=inet .*proto=tcp addr=127\.0\.0\.1:80 decision=would-grant result=EACCES reason=allowed " "first record"
	like "$(bind_lines att | sed -n 2p)" " addr=127\.0\.0\.1:8080 decision=passed result=OK reason=unprivileged-port " "second record"
	detach att INT
	assert_let_go "$pid"
	run -0 as_nobody "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" EACCES "nobody's own bind of port 80, without privbind"
	bg_wait srv
	is "$BG_STATUS" 0 "the process ran on to its end after the detach"
}

@test "--attach follows a child created after attach (JSON log), and ends when the process ends" {
	bg_start srv as_nobody sh -c 'echo pid=$$; read x; "$0" bind tcp 127.0.0.1 81; echo done' "$PBTEST"
	bg_expect srv '^pid='
	local pid=${BG_LINE#pid=}
	attach att "$pid" --log-format=json -p 80
	bg_send srv go
	bg_expect srv '^(OK|E[A-Z]+)$'
	is "$BG_LINE" EACCES "the child's bind"
	bg_expect srv '^done$'
	bg_wait srv
	# the shell and its child have ended: privbind has nothing left to watch
	bg_wait att
	is "$BG_STATUS" 0 "privbind --attach's exit status once the process has ended"
	local l
	l=$(bind_lines att)
	is "$(wc -l <<<"$l")" 1 "one bind record"
	python3 -m json.tool <<<"$l" >/dev/null || { echo "# not JSON: $l" >&2; false; }
	like "$l" '"comm":"pbtest"' "the child's comm"
	like "$l" '"decision":"would-deny:ports","result":"EACCES","reason":"not-in-ports"' "decision"
	[[ $l != *"\"pid\":$pid,"* ]] || { echo "# the record names the shell, not its child" >&2; false; }
}

@test "--attach: a server keeps serving after privbind detaches on SIGTERM" {
	echo hello >"$PBT_DIR/index.html"
	bg_start srv as_nobody $PY -m http.server --bind 127.0.0.1 --directory "$PBT_DIR" 8080
	local pid=${PBT_BG_PID[srv]}
	wait_until "the server answers" nsrun curl -fsS -o /dev/null http://127.0.0.1:8080/index.html
	attach att "$pid"
	run -0 nsrun curl -fsS http://127.0.0.1:8080/index.html
	is "$output" hello "served while privbind is attached"
	detach att TERM
	assert_let_go "$pid"
	run -0 nsrun curl -fsS http://127.0.0.1:8080/index.html
	is "$output" hello "served after privbind has detached"
	assert_let_go "$pid"
}

@test "--attach: a stopped process stays stopped after the detach, and SIGCONT resumes it" {
	bg_start srv as_nobody "$PBTEST" bind pid wait tcp 127.0.0.1 8080
	bg_expect srv '^pid='
	local pid=${BG_LINE#pid=}
	bg_expect srv '^waiting$'
	kill -STOP "$pid"
	wait_until "pid $pid stopped" eval '[[ $(proc_field "$pid" State) == T* ]]'
	attach att "$pid"
	detach att INT
	is "$(proc_field "$pid" TracerPid)" 0 "TracerPid after the detach"
	like "$(proc_field "$pid" State)" '^T \(stopped\)' "still stopped (job control), not traced"
	kill -CONT "$pid"
	bg_send srv go
	bg_expect srv '^(OK|E[A-Z]+)$'
	is "$BG_LINE" OK "the bind after SIGCONT"
	bg_wait srv
	is "$BG_STATUS" 0
}

@test "--attach: a signal that arrives while attached is delivered as without privbind" {
	bg_start srv as_nobody "$PBTEST" sigcount
	bg_expect srv '^ready pid='
	local pid=${PBT_BG_PID[srv]}
	attach att "$pid"
	kill -TERM "$pid"
	bg_expect srv '^SIGTERM count='
	is "$BG_LINE" "SIGTERM count=1" "the SIGTERM sent while attached"
	detach att INT
	assert_let_go "$pid"
	kill -TERM "$pid"
	bg_expect srv '^SIGTERM count='
	is "$BG_LINE" "SIGTERM count=2" "a SIGTERM after the detach"
	bg_wait srv
	is "$BG_STATUS" 0
}

@test "--attach: usage errors and a process that cannot be traced" {
	run_privbind -125 --separate-stderr --attach 1 true
	like "$stderr" "takes no COMMAND" "message"
	run_privbind -125 --separate-stderr --attach 1 -u nobody
	like "$stderr" "takes no -u or -g" "message"
	run_privbind -125 --separate-stderr --attach 0
	like "$stderr" "bad --attach '0'" "message"
	run_privbind -125 --separate-stderr --attach 1 --attach 2
	like "$stderr" "given twice" "message"
	run_privbind -125 --separate-stderr --attach 2147483646
	like "$stderr" "cannot attach to process 2147483646" "message"
	# nobody may not trace a process of another uid
	bg_start srv nsrun "$PBTEST" bind pid wait
	bg_expect srv '^pid='
	run -125 --separate-stderr nsrun setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$PBT_BIN/privbind" --attach "${PBT_BG_PID[srv]}"
	like "$stderr" "cannot attach to process ${PBT_BG_PID[srv]} \(PTRACE_SEIZE\): Operation not permitted" "message"
	is "$(proc_field "${PBT_BG_PID[srv]}" TracerPid)" 0 "not traced"
}
