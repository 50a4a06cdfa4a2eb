#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# cases.sh - privbind's end-to-end cases inside the test guest (busybox ash, POSIX sh only).
#
# privbind runs as root, the command as nobody, on the guest's loopback; every case prints
# "PASS: name" or "FAIL: name (expected X, got Y)" and, on failure, the stderr it saw. Results
# that span lines are shown joined with '|'. /tmp/cases.count holds how many cases ran, so
# the host can tell a case that printed nothing from one that was never reached.
# Ports are distinct across cases: a case never depends on an earlier socket being gone.
set -eu
pb=/bin/privbind
t=/bin/pbtest
n=0
: >/tmp/cases.count

flat() { printf '%s' "$1" | tr '\n' '|'; }

# check NAME EXPECTED GOT. With $known set (a reason naming a privbind bug not fixed yet), a
# mismatch prints XFAIL and the reason, and a match prints XPASS, which fails the run: the
# bug is gone and the mark must go too. Never a silent pass.
check() {
	n=$((n + 1))
	echo "cases=$n" >/tmp/cases.count
	if [ -n "${known:-}" ]; then
		if [ "$3" = "$2" ]; then
			echo "XPASS: [${PB_MODE:-auto}] $1 (marked as a known bug: $known; it passed: remove the mark)"
		else
			echo "XFAIL: [${PB_MODE:-auto}] $1 (known bug: $known; expected $(flat "$2"), got $(flat "$3"))"
		fi
	elif [ "$3" = "$2" ]; then
		echo "PASS: [${PB_MODE:-auto}] $1"
	else
		echo "FAIL: [${PB_MODE:-auto}] $1 (expected $(flat "$2"), got $(flat "$3"))"
		if [ -s /tmp/err ]; then sed 's/^/    stderr: /' /tmp/err; fi
	fi
	known=
}

# run CMD...: stdout in $out, exit status in $rc, stderr in /tmp/err. The shell's own
# "Terminated" notice for a command killed by a signal goes to /dev/null.
run() {
	rc=0
	{ out=$("$@" 2>/tmp/err); } 2>/dev/null || rc=$?
}

# lines L...: the arguments as lines, to compare with multi-line output
lines() { printf '%s\n' "$@"; }

# as_nobody CMD: CMD run by the shell as nobody, without privbind
# shellcheck disable=SC2317 # called through run
as_nobody() { su -s /bin/sh -c "$1" nobody; }

#
# The ground the cases stand on: an unprivileged user really cannot bind port 80 here, and
# the guest kernel has IPv6 (Debian's has it built in).
#
run as_nobody "$t bind tcp 127.0.0.1 80"
check "baseline: nobody without privbind gets EACCES on 80" EACCES "$out"

have6=no
if grep -q '^00000000000000000000000000000001 ' /proc/net/if_inet6 2>/dev/null; then have6=yes; fi
: >/tmp/err
check "guest kernel has IPv6 and ::1 on lo" yes "$have6"

#
# Granted binds
#
run $pb -u nobody -- $t id
got=$(echo "$out" | grep -E '^(Uid|Gid|CapEff)=')
check "identity: the command runs as nobody/nogroup with no capabilities" \
	"$(lines 'Uid=65534 65534 65534 65534' 'Gid=65534 65534 65534 65534' 'CapEff=0000000000000000')" "$got"

run $pb -u nobody -- $t bind tcp 127.0.0.1 80
check "grant: tcp 127.0.0.1:80 as nobody" OK "$out"

run $pb -u nobody -v -- $t bind tcp 127.0.0.1 81
got=$(sed -n 's/.* \(proto=.* result=[^ ]*\).*/\1/p' /tmp/err)
check "grant -v: one log line with the decision and result" \
	"proto=tcp addr=127.0.0.1:81 decision=granted result=OK" "$got"

# A thread with a file table of its own: 6.1 and 5.10 have pidfd_getfd but no PIDFD_THREAD,
# so the thread hands its socket over itself; injection kernels always do
run $pb -u nobody -v -- $t bind unshared 127.0.0.1 82
got=$(sed -n 's/.* \(addr=.* result=[^ ]*\).*/\1/p' /tmp/err)
check "grant: a thread that unshared its file table (CLONE_FILES)" \
	"$(lines OK 'addr=127.0.0.1:82 decision=granted result=OK')" "$(lines "$out" "$got")"

run $pb -u nobody -- $t bind tcp ::1 82
check "grant: tcp [::1]:82 (IPv6)" OK "$out"

run $pb -u nobody -- $t bind udp 127.0.0.1 53 udp ::1 53
check "grant: udp 127.0.0.1:53 and [::1]:53" "$(lines OK OK)" "$out"

#
# Denied and passed binds
#
run $pb -u nobody -p 443 -- $t bind tcp 127.0.0.1 83 tcp 127.0.0.1 443
check "deny: -p 443 refuses 83 (EACCES), grants 443" "$(lines EACCES OK)" "$out"

run $pb -u nobody -p 127.0.0.1:84/udp -- $t bind tcp 127.0.0.1 84 udp ::1 84 udp 127.0.0.1 84
check "deny: -p 127.0.0.1:84/udp refuses tcp and ::1, grants udp 127.0.0.1" \
	"$(lines EACCES EACCES OK)" "$out"

run $pb -u nobody -v -- $t bind tcp 127.0.0.1 8080 tcp 127.0.0.1 0
got=$(printf '%s\n' "$out" "$(sed -n 's/.* \(decision=[^ ]* result=[^ ]*\).*/\1/p' /tmp/err)")
check "pass-through: unprivileged 8080 and port 0 run as the program's own binds" \
	"$(lines OK OK 'decision=passed result=OK' 'decision=passed result=OK')" "$got"

# -v reads a passed bind's result at its syscall-exit stop, logs denials, and a grant after
# those still works (a seccomp stop after syscall-exit stops of the same thread)
run $pb -u nobody -v -p 445 -- $t bind tcp 127.0.0.1 8082 tcp 127.0.0.1 8082 tcp 127.0.0.1 444 \
	tcp 127.0.0.1 445
got=$(printf '%s\n' "$out" "$(sed -n 's/.* \(addr=.* result=[^ ]*\).*/\1/p' /tmp/err)")
check "-v: a passed bind that fails, a denied one, then a granted one" \
	"$(lines OK EADDRINUSE EACCES OK 'addr=127.0.0.1:8082 decision=passed result=OK' \
		'addr=127.0.0.1:8082 decision=passed result=EADDRINUSE' \
		'addr=127.0.0.1:444 decision=denied:ports result=EACCES' \
		'addr=127.0.0.1:445 decision=granted result=OK')" "$got"

#
# errno parity: privbind's answer is root's answer, for the same calls
#
parity() { # NAME EXPECTED PBTEST-ARGS...
	name=$1 want=$2
	shift 2
	run $t "$@"
	root=$out
	run $pb -u nobody -- $t "$@"
	check "errno parity: $name" "root: $(flat "$want"); privbind: $(flat "$want")" \
		"root: $(flat "$root"); privbind: $(flat "$out")"
}
parity EADDRINUSE "$(lines OK EADDRINUSE)" bind tcp 127.0.0.1 85 tcp 127.0.0.1 85
parity EFAULT EFAULT bind tcp badptr 86
parity "EINVAL (socket already bound)" "$(lines OK EINVAL)" bind tcp 127.0.0.1 87 again 127.0.0.1 88
parity "EINVAL (address too short)" EINVAL bind tcp short:127.0.0.1 89
parity "EADDRNOTAVAIL" EADDRNOTAVAIL bind tcp 192.0.2.1 90

#
# Threads, processes, budget
#
run $pb -u nobody -- $t threads 8 tcp 127.0.0.1 900
check "threads: 8 threads bind 900-907 at once" \
	"$(lines '900 OK' '901 OK' '902 OK' '903 OK' '904 OK' '905 OK' '906 OK' '907 OK')" "$out"

run $pb -u nobody -- $t tree tcp 127.0.0.1 701 702 703
check "fork+exec: parent, forked child and exec'd grandchild bind" \
	"$(lines 'parent OK' 'child OK' 'grandchild OK')" "$out"

run $pb -u nobody -n 1 -- $t bind tcp 127.0.0.1 91 tcp 127.0.0.1 92 tcp 127.0.0.1 8081
check "budget -n 1: first granted, second EACCES, 8081 still OK" "$(lines OK EACCES OK)" "$out"

rm -f /tmp/pb.sock   # an earlier mechanism's run left it
run $pb -u nobody -- $t bind unix /tmp/pb.sock
got=$(printf '%s\n' "$out" "$(stat -c %U /tmp/pb.sock 2>&1)")
check "pass-through: AF_UNIX bind runs as the user (socket file owned by nobody)" \
	"$(lines OK nobody)" "$got"

# A daemon: double fork, setsid, every fd closed, then bind 93 and serve one client
rm -f /tmp/daemon.report
run $pb -u nobody -- $t daemon /tmp/daemon.report 127.0.0.1 93
i=0
# up to 30 s, the daemon's own alarm: ptrace-syscall on an emulated arm64 is slow
while ! grep -q result= /tmp/daemon.report 2>/dev/null && [ $i -lt 300 ]; do
	sleep 0.1
	i=$((i + 1))
done
# || true: no report is this case's FAIL, not the end of cases.sh (set -e)
got=$(sed -n 's/.*\(result=.*\)/\1/p' /tmp/daemon.report 2>/dev/null || true)
run $t connect 127.0.0.1 93
check "daemon: detached, fd-less grandchild binds 93 and answers" \
	"$(lines result=OK pbtest-daemon)" "$(lines "$got" "${out%% *}")"

#
# Exit status and signals
#
: >/tmp/err
run $pb -u nobody -- sh -c 'exit 7'
check "exit status: the command's own (7)" 7 "$rc"

run $pb -u nobody -- /nonexistent/command
check "exit status: 127 for a missing command" 127 "$rc"

run $pb -u root -- true
check "exit status: 125 for -u root" 125 "$rc"

run $pb -u nobody -- sh -c 'kill -TERM $$'
check "signal: command killed by SIGTERM, the shell sees 143" 143 "$rc"

# From outside, by the pid the caller started: it is the command's own pid.
: >/tmp/err
$pb -u nobody -- sleep 30 &
pid=$!
i=0
while [ "$(cat /proc/$pid/comm 2>/dev/null)" != sleep ] && [ $i -lt 100 ]; do
	sleep 0.1
	i=$((i + 1))
done
uid=$(awk '/^Uid:/ { print $2 }' /proc/$pid/status 2>/dev/null || echo gone)
kill -TERM $pid
rc=0
{ wait $pid; } 2>/dev/null || rc=$?
check "signal: kill -TERM from outside reaches the command (nobody's sleep), status 143" \
	"$(lines 65534 143)" "$(lines "$uid" "$rc")"

# SCTP, judged as the kernel judges it: an AF_INET6 socket takes an IPv4 sockaddr_in, and root's
# own bind succeeds. Kernels with SCTP built in only (the upstream ones: Debian's have it as a
# module, which the guest does not load).
run $t bind sctp6 127.0.0.1 80
if [ "$out" != socket:EPROTONOSUPPORT ]; then
	check "sctp: root alone binds an AF_INET6 socket to 127.0.0.1:80" OK "$out"
	run $pb -u nobody -p 80,81 -- $t bind sctp6 127.0.0.1 80 sctp4 127.0.0.1 81
	check "sctp: granted, AF_INET6 with a sockaddr_in and AF_INET" "$(lines OK OK)" "$out"
	run as_nobody "$t bind sctp4 127.0.0.1 81"
	check "sctp: nobody alone gets EACCES (SCTP ports are guarded too)" EACCES "$out"
	run $pb -u nobody -p 80/sctp -- $t -c bind sctp4 127.0.0.1 80 sctp6 ::1 80 tcp 127.0.0.1 80
	check "sctp: -p 80/sctp grants SCTP binds only" "$(lines OK OK EACCES)" "$out"
fi

# The ia32 and x32 ABIs (x86_64 guests: run-vm packs their programs there only)
if [ -x /bin/pbabi32 ]; then
	# shellcheck source=tests/vm/cases-abi.sh
	. /cases-abi.sh
fi

exit 0
