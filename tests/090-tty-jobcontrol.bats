#!/usr/bin/env bats
# Job control on a real terminal: an interactive bash on a pty (tests/helpers/ptydrive.py)
# runs privbind; Ctrl-Z, fg and Ctrl-C behave as if privbind were not there.

load test_helper

drive() {
	run nsrun timeout -k 5 60 $PY "$PB_SRCDIR/tests/helpers/ptydrive.py" --deadline "$PBT_TIMEOUT" "$@"
	echo "$output" | sed 's/^/# pty: /' >&2
	is "$status" 0 "ptydrive's status"
}

@test "Ctrl-Z stops the command, fg resumes it in the foreground, it reads the terminal and exits 0" {
	drive "send:$PRIVBIND -u nobody $PBTEST ttyline\\n" \
		'expect:tty-ready fg=1' \
		'send:\x1a' \
		'expect:Stopped' \
		'expect:PBT\$ ' \
		'send:jobs -l\n' \
		'expect:Stopped' \
		'expect:PBT\$ ' \
		'send:fg\n' \
		'expect:ttyline' \
		'send:typed after fg\n' \
		'expect:got:typed after fg' \
		'expect:PBT\$ ' \
		'send:echo "status=$?"\n' \
		'expect:status=0'
}

@test "the command is in the terminal's foreground process group and sees Ctrl-C; the shell sees 130" {
	drive "send:$PRIVBIND -u nobody $PBTEST ttyline\\n" \
		'expect:tty-ready fg=1' \
		'send:\x03' \
		'expect:PBT\$ ' \
		'send:echo "status=$?"\n' \
		'expect:status=130'
}

@test "a command that binds port 80 under a terminal can be stopped and resumed twice" {
	drive "send:$PRIVBIND -u nobody $PBTEST bind tcp 127.0.0.1 80 wait tcp ::1 443 wait\\n" \
		'expect:OK\s+waiting' \
		'send:\x1a' 'expect:Stopped' 'expect:PBT\$ ' 'send:fg\n' 'expect:wait' \
		'send:\n' 'expect:OK\s+waiting' \
		'send:\x1a' 'expect:Stopped' 'expect:PBT\$ ' 'send:fg\n' 'expect:wait' \
		'send:\n' \
		'expect:PBT\$ ' \
		'send:echo "status=$?"\n' \
		'expect:status=0'
}
