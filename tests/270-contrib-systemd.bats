#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# contrib/systemd/privbind-nginx.service: systemd-analyze verify accepts it, and its
# commands, run as written with its capability bounding set and no_new_privs, bring up
# Debian's nginx as www-data on port 80, reload it and stop it the way systemd would.
# No systemd needs to run: the test plays the service manager's part for one unit.

load test_helper

UNIT_SRC=contrib/systemd/privbind-nginx.service

setup() {
	command -v systemd-analyze >/dev/null || skip "systemd-analyze not installed (Debian package systemd)"
	[[ -x /usr/sbin/nginx ]] || skip "nginx not installed (Debian package nginx): the unit names it"
	pbt_setup
	UNIT=$PB_SRCDIR/$UNIT_SRC
}

# unit_values KEY: the values of KEY= in the unit, one per line, in order
unit_values() {
	sed -n "s/^$1=//p" "$UNIT"
}

# unit_command KEY [N]: the command line of KEY= (its Nth, default the only one), split into
# COMMAND=() as systemd splits it (its quoting is the shell's for what this unit uses);
# /usr/bin/privbind becomes the one under test. Prefixes (-, +, @, !) would change how
# systemd runs it: there are none.
unit_command() {
	local line n
	n=$(unit_values "$1" | wc -l)
	if [[ -z ${2:-} ]]; then
		[[ $n == 1 ]] || { echo "# $n lines of $1=" >&2; return 1; }
	fi
	line=$(unit_values "$1" | sed -n "${2:-1}p")
	[[ $line == /* ]] || { echo "# $1= has a prefix or no absolute path: [$line]" >&2; return 1; }
	eval "COMMAND=($line)"
	[[ ${COMMAND[0]} == /usr/bin/privbind ]] && COMMAND[0]=$PRIVBIND
	return 0
}

# the unit's confinement as setpriv options: CapabilityBoundingSet= and NoNewPrivileges=
unit_setpriv() {
	local caps c
	caps=$(unit_values CapabilityBoundingSet)
	[[ $caps =~ ^(CAP_[A-Z_]+ ?)+$ ]] || { echo "# CapabilityBoundingSet=[$caps]" >&2; return 1; }
	SETPRIV=(setpriv --bounding-set "-all$(for c in $caps; do c=${c#CAP_}; printf ',+%s' "${c,,}"; done)")
	is "$(unit_values NoNewPrivileges)" yes "NoNewPrivileges="
	SETPRIV+=(--no-new-privs --)
}

@test "systemd-analyze verify accepts the unit, its man pages and its commands" {
	# verify checks that ExecStart's program exists: make the copy name the privbind under
	# test, and let `man privbind` (Documentation=) find this tree's page
	mkdir -p "$PBT_DIR/unit" "$PBT_DIR/man/man1"
	sed "s|/usr/bin/privbind |$PRIVBIND |" "$UNIT" >"$PBT_DIR/unit/privbind-nginx.service"
	run -0 grep -c "$PRIVBIND" "$PBT_DIR/unit/privbind-nginx.service"
	is "$output" 1 "ExecStart lines naming privbind"
	ln -s "$PB_SRCDIR/man/privbind.1" "$PBT_DIR/man/man1/privbind.1"
	MANPATH=$PBT_DIR/man: run -0 systemd-analyze verify "$PBT_DIR/unit/privbind-nginx.service"
	is "$output" "" "systemd-analyze verify's complaints"
}

@test "systemd-analyze verify would catch a broken copy of the unit (control)" {
	mkdir -p "$PBT_DIR/unit"
	sed "s|^ExecStart=/usr/bin/privbind |ExecStart=$PBT_DIR/no-such-privbind |" "$UNIT" \
		>"$PBT_DIR/unit/privbind-nginx.service"
	run ! systemd-analyze verify --man=no "$PBT_DIR/unit/privbind-nginx.service"
	like "$output" "no-such-privbind" "the complaint"
}

@test "the unit's commands run Debian's nginx as www-data on port 80; reload and stop work" {
	[[ -d /var/log/nginx && -r /etc/nginx/nginx.conf ]] || skip "no /etc/nginx or /var/log/nginx (Debian package nginx)"
	unit_setpriv
	local -a pre1 pre2 pre3 start reload stoppost
	is "$(unit_values Type)" exec "Type="
	is "$(unit_values KillSignal)" SIGQUIT "KillSignal="
	is "$(unit_values ExecStartPre | wc -l)" 3 "ExecStartPre= lines"
	unit_command ExecStartPre 1 && pre1=("${COMMAND[@]}")
	unit_command ExecStartPre 2 && pre2=("${COMMAND[@]}")
	unit_command ExecStartPre 3 && pre3=("${COMMAND[@]}")
	unit_command ExecStart && start=("${COMMAND[@]}")
	unit_command ExecStopPost && stoppost=("${COMMAND[@]}")

	# The service manager: a private mount namespace keeps the host's /run and nginx logs
	# out of it (/var/log/nginx is remade as Debian's nginx package leaves it: same owners
	# and modes, empty files); it runs ExecStartPre, ExecStart (whose pid is MAINPID), waits,
	# and runs ExecStopPost, each under the unit's bounding set and no_new_privs.
	local logs
	logs=$(cd /var/log/nginx && stat -c '%U %G %a %n' . *.log)
	cat >"$PBT_DIR/manager" <<EOF
#!/bin/bash
set -e
mount -t tmpfs -o mode=0755 tmpfs /run
mount -t tmpfs tmpfs /var/log/nginx
cd /var/log/nginx
while read -r owner group mode name; do
	if [[ \$name == . ]]; then chown "\$owner:\$group" .; chmod "\$mode" .
	else install -o "\$owner" -g "\$group" -m "\$mode" /dev/null "\$name"; fi
done <<'LOGS'
$logs
LOGS
cd /
$(printf '%q ' "${SETPRIV[@]}" "${pre1[@]}")
$(printf '%q ' "${SETPRIV[@]}" "${pre2[@]}")
$(printf '%q ' "${SETPRIV[@]}" "${pre3[@]}")
$(printf '%q ' "${SETPRIV[@]}" "${start[@]}") &
echo "MAINPID=\$!"
status=0
wait \$! || status=\$?
echo "exit=\$status"
$(printf '%q ' "${SETPRIV[@]}" "${stoppost[@]}")
[[ -e /run/nginx.pid ]] && echo "pid file left" || echo "pid file removed"
EOF
	chmod 755 "$PBT_DIR/manager"
	bg_start manager nsrun unshare --mount --propagation private "$PBT_DIR/manager"
	bg_expect manager '^MAINPID=[0-9]+$'
	local mainpid=${BG_LINE#MAINPID=}
	wait_until "nginx to answer on port 80" eval '[[ $(nsrun curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1/) == 200 ]]' ||
		{ bg_dump manager; false; }

	# MAINPID is nginx's master, as www-data, owner of the listeners, under privbind
	is "$(cat "/proc/$mainpid/comm")" nginx "MAINPID's name"
	is "$(proc_field "$mainpid" Uid)" "33 33 33 33" "master's uids"
	is "$(proc_field "$mainpid" CapPrm)" 0000000000000000 "master's permitted capabilities"
	run -0 nsrun ss -Htlnp 'sport = :80'
	like "$output" "\"nginx\",pid=$mainpid," "listener of :80"
	local tracer
	tracer=$(tracer_of "$mainpid")
	is "$(cat "/proc/$tracer/comm")" privbind "the tracer's name"

	# ExecReload, with $MAINPID as systemd sets it: new workers, still serving
	local old_workers new_workers
	old_workers=$(pgrep -P "$mainpid" | sort | tr '\n' ' ')
	MAINPID=$mainpid	# unit_command expands $MAINPID as systemd would
	unit_command ExecReload && reload=("${COMMAND[@]}")
	is "${reload[*]}" "/bin/kill -HUP $mainpid" "ExecReload= with MAINPID"
	run nsrun "${SETPRIV[@]}" "${reload[@]}"
	is "$status $output" "0 " "ExecReload's status and output"
	new_workers_differ() {
		new_workers=$(pgrep -P "$mainpid" | sort | tr '\n' ' ')
		[[ -n $new_workers && $new_workers != "$old_workers" ]]
	}
	wait_until "nginx to start new workers after ExecReload" new_workers_differ
	run -0 nsrun curl -s -o /dev/null -w "%{http_code}" http://127.0.0.1/
	is "$output" 200 "HTTP status after reload"

	# stop as systemd does with the default KillMode=control-group: KillSignal= to every
	# process of the unit (the manager stands for systemd, which does not signal itself)
	local pid
	for pid in $(ip netns pids "$PBT_NS"); do
		[[ $pid == "${PBT_BG_PID[manager]}" ]] || kill -QUIT "$pid" 2>/dev/null || true
	done
	bg_expect manager '^exit='
	is "$BG_LINE" "exit=0" "ExecStart's exit status after KillSignal"
	bg_expect manager '^pid file '
	is "$BG_LINE" "pid file removed" "after ExecStopPost"
	bg_wait manager
	is "$BG_STATUS" 0 "the manager's status"
	wait_until "the namespace to be empty" ns_is_empty
}
