#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
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

# A traced process in a group-stop is in TASK_TRACED, "t (tracing stop)", never "T (stopped)":
# the kernel traps the stop for its tracer (do_signal_stop), which keeps it there with
# PTRACE_LISTEN; strace -f shows the same. What matters is that it makes no progress.
@test "Ctrl-Z really stops the command (a stopped state, no progress) until fg" {
	local d
	d=$(mktemp -d /tmp/pbt-progress.XXXXXX)	# nobody can reach it (BATS_TEST_TMPDIR is root's)
	chmod 1777 "$d"
	# a command that counts, as nobody, under privbind; the interactive shell watches it. It
	# forks nothing: a Ctrl-Z that lands while a job forks is sometimes lost, with or without
	# privbind (seen with setpriv alone)
	drive "send:$PRIVBIND -u nobody sh -c 'echo \$\$ >$d/pid; trap \"echo res\${x}umed\" CONT; i=0; while :; do i=\$((i+1)); echo \$i >>$d/n; [ \$i = 1 ] && echo go-\$((1+1)); done'\\n" \
		'expect:go-2' \
		'send:\x1a' \
		'expect:Stopped' 'expect:PBT\$ ' \
		"send:a=\$(wc -l <$d/n); sleep 0.5; b=\$(wc -l <$d/n); echo \"moved=\$((b - a)) a=\$a \$(grep ^State: /proc/\$(cat $d/pid)/status)\"\\n" \
		'expect:moved=0 a=[0-9]+ State:\s+t \(tracing stop\)' 'expect:PBT\$ ' \
		'send:fg\n' \
		'expect:resumed' \
		"send:\x03" \
		'expect:PBT\$ ' \
		"send:a=\$(wc -l <$d/n); sleep 0.3; b=\$(wc -l <$d/n); echo \"after=\$((b - a))\"\\n" \
		'expect:after=0'
	rm -rf "$d"
}
