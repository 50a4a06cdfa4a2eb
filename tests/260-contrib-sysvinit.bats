#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# contrib/sysvinit/privbind-web: the start-stop-daemon init script, driving a real server
# (python3's http.server on port 80 as nobody) through start, status, stop and restart,
# with the exit statuses the LSB asks for and a pid file that names the server itself.

load test_helper

setup() {
	command -v start-stop-daemon >/dev/null || skip "start-stop-daemon not installed (Debian package dpkg)"
	[[ -r /lib/lsb/init-functions ]] || skip "/lib/lsb/init-functions missing (Debian package sysvinit-utils)"
	pbt_setup
	mkdir -m 0755 "$PBT_DIR/www"
	echo "served by an init script ($BATS_TEST_NUMBER)" >"$PBT_DIR/www/index.html"
	# The script as shipped, but with its settings in this test's directory and the
	# privbind under test: the two lines that name them are changed, nothing else.
	SCRIPT=$PBT_DIR/privbind-pbtweb
	sed -e "s|^DEFAULTS=/etc/default/\$NAME\$|DEFAULTS=$PBT_DIR/settings|" \
		-e "s|^PRIVBIND=/usr/bin/privbind\$|PRIVBIND=$PRIVBIND|" \
		"$PB_SRCDIR/contrib/sysvinit/privbind-web" >"$SCRIPT"
	chmod 755 "$SCRIPT"
	run -1 diff "$PB_SRCDIR/contrib/sysvinit/privbind-web" "$SCRIPT"
	is "$(grep -c '^[<>]' <<<"$output")" 4 "lines changed in the copy of the script"
	PIDFILE=$PBT_DIR/web.pid
	settings nobody 80/tcp /usr/bin/python3 "-m http.server 80 --bind 127.0.0.1 --directory $PBT_DIR/www"
}

settings() {	# settings USER PORTS DAEMON ARGS
	cat >"$PBT_DIR/settings" <<EOF
PRIVBIND_USER=$1
PRIVBIND_PORTS=$2
DAEMON=$3
DAEMON_ARGS="$4"
PIDFILE=$PIDFILE
LOGFILE=$PBT_DIR/web.log
EOF
}

# initscript [run flags] ACTION: the script, as an administrator runs it, in the namespace
initscript() {
	local -a flags=()
	while [[ $1 == -[0-9]* ]]; do flags+=("$1"); shift; done
	echo "# $SCRIPT $*" >&2
	run "${flags[@]}" nsrun timeout "$PBT_TIMEOUT" "$SCRIPT" "$@"
}

serves() {
	[[ $(nsrun curl -sS --max-time "$PBT_TIMEOUT" http://127.0.0.1/index.html 2>/dev/null) == \
		"served by an init script ($BATS_TEST_NUMBER)" ]]
}

# the server is up, and the pid file names it: python3 as nobody, listening, traced by a
# root privbind
assert_server_is_pidfile() {
	wait_until "the server to answer" serves || { cat "$PBT_DIR/web.log" >&2; false; }
	local pid tracer
	pid=$(cat "$PIDFILE")
	run -0 nsrun ss -Htlnp 'sport = :80'
	like "$output" "pid=$pid," "listener of :80 vs the pid file"
	is "$(readlink "/proc/$pid/exe")" "$(readlink -f /usr/bin/python3)" "executable of the pid file's process"
	is "$(proc_field "$pid" Uid)" "65534 65534 65534 65534" "uids of the pid file's process"
	tracer=$(tracer_of "$pid")
	is "$(cat "/proc/$tracer/comm")" privbind "its tracer's name"
	is "$(proc_field "$tracer" Uid)" "0 0 0 0" "its tracer's uids"
}

@test "start serves on port 80 and writes the server's own pid; start again changes nothing" {
	initscript -0 start
	assert_server_is_pidfile
	local pid
	pid=$(cat "$PIDFILE")
	initscript -0 start
	is "$(cat "$PIDFILE")" "$pid" "pid file after a second start"
	run -0 nsrun ss -Htlnp 'sport = :80'
	is "${#lines[@]}" 1 "listeners on :80 after a second start"
}

@test "status is 0 while running, 3 once stopped; stop is 0, removes the pid file, and again 0" {
	initscript -0 start
	assert_server_is_pidfile
	initscript -0 status
	like "$output" "is running" "status's message"
	initscript -0 stop
	# stop returns when the server has gone; privbind's tracer leaves right after it
	run -0 nsrun ss -Htln 'sport = :80'
	is "$output" "" "listeners on :80 after stop"
	wait_until "the namespace to be empty" ns_is_empty
	[[ ! -e $PIDFILE ]] || { echo "# the pid file outlived stop" >&2; false; }
	initscript -3 status
	like "$output" "is not running" "status's message"
	initscript -0 stop
}

@test "status is 1 when the server died and left its pid file" {
	initscript -0 start
	assert_server_is_pidfile
	kill -KILL "$(cat "$PIDFILE")"
	wait_until "the namespace to be empty" ns_is_empty
	initscript -1 status
	like "$output" "not running but $PIDFILE exists" "status's message"
	# start does not trust a stale pid file
	initscript -0 start
	assert_server_is_pidfile
}

@test "restart replaces the server by a new one, which serves" {
	initscript -0 start
	assert_server_is_pidfile
	local old
	old=$(cat "$PIDFILE")
	initscript -0 restart
	assert_server_is_pidfile
	[[ $(cat "$PIDFILE") != "$old" ]] || { echo "# restart kept pid $old" >&2; false; }
	[[ ! -e /proc/$old ]] || grep -q '^State:.*Z' "/proc/$old/status"
}

@test "reload is unimplemented (3), an unknown action a usage error (2)" {
	initscript -3 reload
	initscript -2 frobnicate
	like "$output" "Usage: " "usage message"
}

@test "without settings the script says so (6); with a missing DAEMON, not installed (5)" {
	rm "$PBT_DIR/settings"
	initscript -6 start
	like "$output" "set PRIVBIND_USER, PRIVBIND_PORTS and DAEMON in $PBT_DIR/settings" "message"
	settings nobody 80 "$PBT_DIR/no-such-server" ""
	initscript -5 start
	like "$output" "no-such-server is not installed" "message"
	ns_is_empty
}

@test "a server refused port 80 by PRIVBIND_PORTS does not come up; status says so" {
	settings nobody 443/tcp /usr/bin/python3 "-m http.server 80 --bind 127.0.0.1 --directory $PBT_DIR/www"
	initscript -0 start	# start-stop-daemon does not wait for the server to come up
	wait_until "the refused server and privbind to exit" ns_is_empty
	like "$(cat "$PBT_DIR/web.log")" "PermissionError: \[Errno 13\] Permission denied" "the server's log"
	initscript -1 status
}
