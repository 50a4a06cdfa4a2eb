#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck disable=SC2086,SC2317 # $procs and the like are lists of pids, split on purpose;
# the predicates are called by wait_for
# cases.sh PAYLOAD - run as root inside the Debian 12 guest of run-systemd-vm, where systemd is
# process 1. PAYLOAD holds privbind.deb and contrib/. It installs the .deb with dpkg and runs
# the contrib/ examples under the real service managers:
#   - contrib/systemd/privbind-nginx.service, unchanged, with Debian's nginx: started,
#     reloaded, restarted and stopped with systemctl;
#   - a unit with -n 1 -v: no root process once its one bind is made; the log in the journal;
#   - contrib/sysvinit/privbind-web (+ .default) through start-stop-daemon, run directly
#     as sysvinit would, then through systemctl (systemd-sysv-generator's unit).
# The oracle is the kernel and systemd: ss's uid: of the listening socket (the uid that made
# it; ss prints none for root), /proc/PID/status, the unit's cgroup.procs, journalctl.
# One line per check, "PASS: ..." or "FAIL: ..."; details of a failure on "  | " lines.
# Exit status: the number of failures (0: all passed).
set -u
P=${1:?usage: cases.sh PAYLOAD}
export SYSTEMD_PAGER='' SYSTEMD_COLORS=0 LC_ALL=C.UTF-8
fails=0

pass() { echo "PASS: $*"; }
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
info() { echo "INFO: $*"; }
uptime_s() { cut -d' ' -f1 /proc/uptime; }
# section NAME: where the guest's time goes (it is emulated: seconds per systemctl)
section() { info "$(uptime_s) s after boot: $*"; }
detail() { sed 's/^/  | /'; }

# wait_for SECONDS CMD...: until CMD succeeds, at most SECONDS (the guest is emulated: slow)
wait_for() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $deadline ] || return 1
		sleep 0.2
	done
}

uid_of() { awk '/^Uid:/ {print $2; exit}' "/proc/$1/status" 2>/dev/null; }
comm_of() { cat "/proc/$1/comm" 2>/dev/null; }
# the processes of UNIT's cgroup, one pid per line (nothing when the cgroup is gone)
unit_procs() {
	local cg
	cg=$(systemctl show -P ControlGroup "$1")
	[ -n "$cg" ] && cat "/sys/fs/cgroup$cg/cgroup.procs" 2>/dev/null
	return 0
}
# pid comm uid CapEff, one process a line
describe() {
	local p
	for p in "$@"; do
		echo "$p $(comm_of "$p") uid=$(uid_of "$p") $(grep '^CapEff:' "/proc/$p/status" 2>/dev/null | tr -d '\t')"
	done
}
# the uids (ss's uid:, absent for root: shown as 0) of the listeners on PORT, sorted, unique
listener_uids() {
	ss -Hltnpe "sport = :$1" | awk '{ u = 0; for (i = 1; i <= NF; i++) if ($i ~ /^uid:/) u = substr($i, 5); print u }' | sort -u | tr '\n' ' '
}
http_ok() { [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$1/")" = 200 ]; }
listening() { [ -n "$(ss -Hltn "sport = :$1")" ]; }
# check_listeners PORT UID WHAT: every socket listening on PORT was made by UID
check_listeners() {
	local uids
	uids=$(listener_uids "$1")
	if [ "$uids" = "$2 " ]; then
		pass "$3: port $1 is held by uid $2 (ss -ltnpe uid:$2), not root"
	else
		fail "$3: port $1 held by uids [${uids% }], expected $2 (0: root)"
		ss -ltnpe "sport = :$1" | detail
	fi
}
# check_gone WHAT PID...: none of the PIDs runs any more
check_gone() {
	local what=$1 p left=
	shift
	if [ $# = 0 ]; then
		fail "$what: no process was recorded before, nothing to check"
		return
	fi
	for p in "$@"; do
		[ -d "/proc/$p" ] && left="$left $p"
	done
	if [ -z "$left" ]; then
		pass "$what: none of its processes is left ($*)"
	else
		fail "$what: processes left:$left"
		describe $left | detail
	fi
}

started=$(uptime_s)
info "kernel $(uname -r), $(systemctl --version | head -n 1), process 1: $(comm_of 1)"
if [ "$(comm_of 1)" = systemd ]; then
	pass "systemd is process 1"
else
	fail "process 1 is $(comm_of 1), not systemd"
fi

section "dpkg -i"
if dpkg -i "$P/privbind.deb" >/tmp/dpkg.log 2>&1 && [ -x /usr/bin/privbind ]; then
	pass "dpkg -i installs the package: $(/usr/bin/privbind -V)"
else
	fail "dpkg -i $P/privbind.deb"
	detail </tmp/dpkg.log
	echo "VMTEST: no privbind, no further case"
	exit "$fails"
fi

# ---------------------------------------------------------------------------------------
# contrib/systemd/privbind-nginx.service, as its comments say to install it
u=privbind-nginx
section "contrib/systemd/privbind-nginx.service"
cp "$P/contrib/systemd/$u.service" /etc/systemd/system/
if systemctl disable --now nginx >/tmp/enable.log 2>&1 &&
	systemctl enable --now "$u" >>/tmp/enable.log 2>&1 &&
	[ "$(systemctl is-active "$u")" = active ]; then
	pass "$u: systemctl disable --now nginx && systemctl enable --now $u: active"
else
	fail "$u: enable --now: $(systemctl is-active "$u")"
	{ cat /tmp/enable.log; systemctl status --no-pager "$u"; journalctl -b -u "$u" --no-pager; } | detail
fi
wait_for 30 http_ok 80 || true
main=$(systemctl show -P MainPID "$u")
if [ "$(comm_of "$main")" = nginx ] && [ "$(uid_of "$main")" = 33 ]; then
	pass "$u: MainPID $main is nginx's master, as www-data (uid 33)"
else
	fail "$u: MainPID $main is [$(comm_of "$main")] uid [$(uid_of "$main")], expected nginx as 33"
fi
check_listeners 80 33 "$u"
if http_ok 80; then pass "$u: GET / on port 80 answers 200"; else fail "$u: GET / on port 80"; fi
# Without -n the tracer stays root: the unit's cgroup holds it (the -n 1 unit below must not)
procs=$(unit_procs "$u")
tracer=$(for p in $procs; do [ "$(comm_of "$p")" = privbind ] && echo "$p"; done)
if [ -n "$tracer" ] && [ "$(uid_of "$tracer")" = 0 ]; then
	pass "$u: its cgroup holds privbind's tracer (pid $tracer, root) beside nginx"
else
	fail "$u: no root privbind tracer in the unit's cgroup"
	describe $procs | detail
fi

# reload: ExecReload= sends SIGHUP to MainPID; nginx replaces its workers
workers() { pgrep -P "$main" -x nginx | sort | paste -s -d ' '; }
old_workers=$(workers)
new_workers_differ() { local w; w=$(workers); [ -n "$w" ] && [ "$w" != "$old_workers" ]; }
if systemctl reload "$u" && wait_for 30 new_workers_differ &&
	[ "$(systemctl show -P MainPID "$u")" = "$main" ] && http_ok 80; then
	pass "$u: systemctl reload: same master $main, new workers ($(workers)), still answers"
else
	fail "$u: systemctl reload: workers [$old_workers] -> [$(workers)], MainPID $(systemctl show -P MainPID "$u")"
fi

# restart: a new nginx master, again as www-data, again bound by privbind
old_procs=$(unit_procs "$u")
if systemctl restart "$u" && [ "$(systemctl is-active "$u")" = active ] && wait_for 30 http_ok 80; then
	new_main=$(systemctl show -P MainPID "$u")
	if [ "$new_main" != "$main" ] && [ "$(comm_of "$new_main")" = nginx ] && [ "$(uid_of "$new_main")" = 33 ]; then
		pass "$u: systemctl restart: new master $new_main as www-data, answers on port 80"
	else
		fail "$u: systemctl restart: MainPID $main -> $new_main ($(comm_of "$new_main"), uid $(uid_of "$new_main"))"
	fi
	check_gone "$u: after restart, the old instance" $old_procs
	check_listeners 80 33 "$u: after restart"
else
	fail "$u: systemctl restart: $(systemctl is-active "$u")"
	journalctl -b -u "$u" --no-pager | tail -n 20 | detail
fi

# stop: KillSignal=SIGQUIT to the cgroup; nginx leaves, then the tracer, with no SIGKILL
procs=$(unit_procs "$u")
info "$u: processes before stop: $(describe $procs | tr '\n' ';')"
start=$SECONDS
if systemctl stop "$u" && [ "$(systemctl is-active "$u")" = inactive ]; then
	pass "$u: systemctl stop: inactive after $((SECONDS - start)) s"
else
	fail "$u: systemctl stop: $(systemctl is-active "$u")"
fi
left=$(unit_procs "$u")
if [ -z "$left" ]; then
	pass "$u: after stop the unit's cgroup.procs is empty"
else
	fail "$u: after stop the unit's cgroup.procs holds: $left"
	describe $left | detail
fi
check_gone "$u: after stop" $procs
if journalctl -b -u "$u" --no-pager | grep -E -i 'timed out|Killing process|SIGKILL'; then
	fail "$u: systemd had to kill processes at stop (journal above)"
else
	pass "$u: stop needed no SIGKILL (KillSignal=SIGQUIT was enough for nginx and the tracer)"
fi
if [ ! -e /run/nginx.pid ]; then pass "$u: ExecStopPost removed /run/nginx.pid"; else fail "$u: /run/nginx.pid left"; fi

# ---------------------------------------------------------------------------------------
# -n 1: after its one grant the tracer drops root (man privbind, -n); -v: its log to stderr,
# which is a journald stream socket here
u=privbind-n1
section "the -n 1 unit"
cat >/etc/systemd/system/$u.service <<'EOF'
[Unit]
Description=python3's http.server on port 81 as nobody, one bind granted by privbind

[Service]
Type=exec
ExecStart=/usr/bin/privbind -v -u nobody -n 1 -p 81 -- /usr/bin/python3 -u -m http.server 81 --directory /var/www/html
EOF
systemctl daemon-reload
if systemctl start "$u" && wait_for 30 http_ok 81; then
	pass "$u: systemctl start: active, answers on port 81"
else
	fail "$u: systemctl start: $(systemctl is-active "$u")"
	journalctl -b -u "$u" --no-pager | tail -n 20 | detail
fi
check_listeners 81 65534 "$u"
no_root() {
	local p
	procs=$(unit_procs "$u")
	for p in $procs; do
		[ "$(uid_of "$p")" != 0 ] || return 1
		grep -q '^CapEff:[[:space:]]*0000000000000000$' "/proc/$p/status" || return 1
	done
	[ -n "$procs" ]
}
if wait_for 30 no_root; then
	tracer=$(for p in $procs; do [ "$(comm_of "$p")" = privbind ] && echo "$p"; done)
	if [ -n "$tracer" ]; then
		pass "$u: after its one bind no process of the unit is root or has a capability; the tracer $tracer is uid $(uid_of "$tracer")"
	else
		fail "$u: no tracer in the unit's cgroup (privbind should still follow the program)"
		describe $procs | detail
	fi
else
	fail "$u: a process of the unit still runs as root or with capabilities"
	describe $procs | detail
fi
# journalctl -u: the tracer's records reach the journal under the unit's name
log_has() { journalctl -b -u "$u" -o cat --no-pager | grep -E "$1" >/tmp/log.match; }
if wait_for 30 log_has '^privbind: .* event=start .*mechanism=' && wait_for 30 log_has '^privbind: .*addr=.*:81 decision=granted result=OK'; then
	pass "journalctl -u $u has privbind's log: $(head -n 1 /tmp/log.match)"
else
	fail "journalctl -u $u lacks privbind's mechanism or granted record"
	journalctl -b -u "$u" -o cat --no-pager | tail -n 20 | detail
fi
procs=$(unit_procs "$u")
if systemctl stop "$u" && [ -z "$(unit_procs "$u")" ]; then
	pass "$u: systemctl stop: cgroup.procs empty"
else
	fail "$u: systemctl stop: left $(unit_procs "$u")"
fi
check_gone "$u: after stop" $procs

# ---------------------------------------------------------------------------------------
# contrib/sysvinit/privbind-web: start-stop-daemon, as sysvinit runs it. Debian's
# init-functions hand an /etc/init.d script to systemctl when systemd runs, unless
# SYSTEMCTL_SKIP_REDIRECT is set: set first, then not.
u=privbind-web
section "contrib/sysvinit/privbind-web"
install -m 755 "$P/contrib/sysvinit/$u" /etc/init.d/$u
install -m 644 "$P/contrib/sysvinit/$u.default" /etc/default/$u
systemctl daemon-reload		# systemd-sysv-generator makes privbind-web.service
if SYSTEMCTL_SKIP_REDIRECT=1 /etc/init.d/$u start >/tmp/sysv.log 2>&1 && wait_for 30 http_ok 80; then
	pass "$u (sysvinit): /etc/init.d/$u start through start-stop-daemon: answers on port 80"
else
	fail "$u (sysvinit): start"
	detail </tmp/sysv.log
fi
pid=$(cat /run/$u.pid 2>/dev/null)
if [ -n "$pid" ] && [ "$(comm_of "$pid")" = python3 ] && [ "$(uid_of "$pid")" = 33 ]; then
	pass "$u (sysvinit): the pid file's $pid is the server itself, python3 as www-data"
else
	fail "$u (sysvinit): pid file [$pid]: [$(comm_of "$pid")] uid [$(uid_of "$pid")]"
fi
check_listeners 80 33 "$u (sysvinit)"
tracer=$(pgrep -x privbind)
status=0
SYSTEMCTL_SKIP_REDIRECT=1 /etc/init.d/$u status >/dev/null 2>&1 || status=$?
if [ "$status" = 0 ]; then
	pass "$u (sysvinit): status: running (0)"
else
	fail "$u (sysvinit): status $status, expected 0"
fi
if SYSTEMCTL_SKIP_REDIRECT=1 /etc/init.d/$u stop >/tmp/sysv.log 2>&1; then
	pass "$u (sysvinit): /etc/init.d/$u stop"
else
	fail "$u (sysvinit): stop"
	detail </tmp/sysv.log
fi
check_gone "$u (sysvinit): after stop, server and tracer" $pid $tracer
left=$(pgrep -u www-data; pgrep -x privbind)
if [ -z "$left" ] && ! listening 80 && [ ! -e /run/$u.pid ]; then
	pass "$u (sysvinit): after stop no www-data process, no privbind, nothing on port 80, no pid file"
else
	fail "$u (sysvinit): after stop: processes [$left], port 80 $(listening 80 && echo busy || echo free)"
	describe $left | detail
fi

section "contrib/sysvinit/privbind-web through systemctl"
# The same script as Debian runs it under systemd: redirected to systemctl, which runs it
# from the generated unit; the processes are that unit's
if /etc/init.d/$u start >/tmp/sysv.log 2>&1 && wait_for 30 http_ok 80 &&
	[ "$(systemctl is-active $u)" = active ]; then
	pass "$u (via systemctl): /etc/init.d/$u start, redirected: $u.service active, answers on port 80"
else
	fail "$u (via systemctl): start: $(systemctl is-active $u)"
	{ cat /tmp/sysv.log; journalctl -b -u $u --no-pager | tail -n 20; } | detail
fi
check_listeners 80 33 "$u (via systemctl)"
procs=$(unit_procs $u)
if /etc/init.d/$u stop >/tmp/sysv.log 2>&1 && [ -z "$(unit_procs $u)" ]; then
	pass "$u (via systemctl): stop: the unit's cgroup.procs is empty"
else
	fail "$u (via systemctl): stop: left $(unit_procs $u)"
	detail </tmp/sysv.log
fi
check_gone "$u (via systemctl): after stop" $procs

info "the cases ran from $started s to $(uptime_s) s after the guest's boot"
echo "VMTEST: $fails failed"
exit "$fails"
