#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The log: --log FILE, --log-format=json, socket options, -vv process events, and a log
# destination that is full, closed or removed never stopping the program.

load test_helper

# field KEY LINE: the value of KEY=... in a text log line
field() {
	if [[ " $2 " =~ \ $1=([^ ]*)\  ]]; then
		echo "${BASH_REMATCH[1]}"
	fi
}

# decisions FILE: "decision/reason/result" of each bind line of a text log, space-separated
decisions() {
	local l out=()
	while IFS= read -r l; do
		[[ $l == *" decision="* ]] || continue
		out+=("$(field decision "$l")/$(field reason "$l")/$(field result "$l")")
	done <"$1"
	echo "${out[*]}"
}

@test "--log FILE appends the log to FILE, nothing to stderr; a relative FILE is the caller's" {
	echo "kept" >"$PBT_DIR/bind.log"
	cd "$PBT_DIR"
	run_privbind -0 --separate-stderr --log bind.log -u nobody -p 80 -n 1 "$PBTEST" -c bind \
		tcp 127.0.0.1 81 tcp 127.0.0.1 80 tcp 127.0.0.1 80 udp ::1 8080 unix "$PBT_DIR/s"
	is "$(joined)" "EACCES OK EACCES OK OK" "binds"
	is "$stderr" "" "stderr"
	is "$(head -n1 "$PBT_DIR/bind.log")" "kept" "what FILE held before"
	like "$(sed -n 2p "$PBT_DIR/bind.log")" '^privbind: pid=[0-9]+ tid=[0-9]+ comm=privbind event=start .* mechanism=[a-z+-]+ ' "the log's first record"
	is "$(decisions "$PBT_DIR/bind.log")" "denied:ports/not-in-ports/EACCES granted/allowed/OK denied:num/budget-spent/EACCES passed/unprivileged-port/OK passed/not-inet/OK" \
		"decision/reason/result of each bind"
	like "$(sed -n 5p "$PBT_DIR/bind.log")" ' event=drop ' "the drop record after the grant that spent -n"
	like "$(tail -n1 "$PBT_DIR/bind.log")" ' event=end status=0 ' "the end record, last"
	is "$(wc -l <"$PBT_DIR/bind.log")" 9 "lines in FILE"
}

@test "--log FILE that cannot be opened: exit 125, a message naming it, COMMAND never runs" {
	run_privbind -125 --separate-stderr --log "$PBT_DIR/no/such/dir/x.log" -u nobody touch "$PBT_DIR/ran"
	like "$stderr" "cannot open the log file '$PBT_DIR/no/such/dir/x\.log'" "message"
	[[ ! -e $PBT_DIR/ran ]]
}

@test "the log shows the options that change a bind, as the program set them" {
	run_privbind -0 --separate-stderr -v -u nobody $PY -c '
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"lo")
s.bind(("::1", 80))
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.setsockopt(socket.IPPROTO_IP, 15, 1)    # IP_FREEBIND
u.bind(("192.0.2.1", 53))
# the kernel sets v6only itself when it binds a specific IPv6 address: not the program
t = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
t.bind(("::1", 443))
print("bound")
'
	is "$output" "bound"
	is "${#stderr_lines[@]}" 3 "log lines"
	is "$(field opts "${stderr_lines[0]}") $(field family "${stderr_lines[0]}")" "reuseaddr,reuseport,v6only,bindtodevice:lo inet6"
	is "$(field opts "${stderr_lines[1]}") $(field proto "${stderr_lines[1]}")" "freebind udp"
	is "$(field opts "${stderr_lines[2]}") $(field addr "${stderr_lines[2]}")" "- [::1]:443"
	like "$(field comm "${stderr_lines[0]}")" "^python3" "comm"
	run_privbind -0 --separate-stderr --log-format=json -u nobody $PY -c '
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.setsockopt(socket.SOL_SOCKET, socket.SO_BINDTODEVICE, b"lo")
s.bind(("127.0.0.1", 80))
'
	is "$(jq -c .opts <<<"${stderr_lines[0]}")" '["reuseaddr","bindtodevice:lo"]' "JSON opts"
}

@test "comm and unix paths with spaces, quotes, newlines and bad UTF-8: one escaped field, exact in JSON" {
	local odd=$'my "prog"\n\xff'
	cp "$PBTEST" "$PBT_DIR/$odd"
	run_privbind -0 --separate-stderr -v -u nobody "$PBT_DIR/$odd" bind tcp 127.0.0.1 80 unix "$PBT_DIR/$odd.s"
	is "$(joined)" "OK OK" "binds"
	is "${#stderr_lines[@]}" 2 "log lines: a newline in a name cannot make another"
	is "$(field comm "${stderr_lines[0]}")" 'my\x20\x22prog\x22\x0a\xff' "text comm"
	is "$(field addr "${stderr_lines[1]}")" "unix:$PBT_DIR/my\\x20\\x22prog\\x22\\x0a\\xff.s" "text unix path"
	run_privbind -0 --separate-stderr -v --log-format=json -u nobody "$PBT_DIR/$odd" bind tcp 127.0.0.1 80 unix "$PBT_DIR/$odd.t"
	is "${#stderr_lines[@]}" 2 "JSON lines"
	# the bytes come back whole; the byte 0xff, not UTF-8, as U+00FF (UTF-8 c3 bf, spelled out:
	# \u00ff would depend on the locale)
	is "$(jq -r .comm <<<"${stderr_lines[0]}")" $'my "prog"\n\xc3\xbf' "JSON comm"
	is "$(jq -r .addr <<<"${stderr_lines[1]}")" "unix:$PBT_DIR/"$'my "prog"\n\xc3\xbf.t' "JSON unix path"
}

@test "--log-format=json: one object per line, every field, each decision kind" {
	run_privbind -0 --separate-stderr --log-format=json -u nobody -p 80 -n 1 "$PBTEST" -F -c bind \
		tcp 127.0.0.1 81 tcp 127.0.0.1 80 tcp 127.0.0.1 80 udp ::1 8080 unix "$PBT_DIR/s"
	is "${#stderr_lines[@]}" 5 "JSON lines"
	local l i=0 fields
	for l in "${stderr_lines[@]}"; do
		python3 -m json.tool <<<"$l" >/dev/null || { echo "# not JSON: $l" >&2; return 1; }
		fields=$(jq -c 'keys_unsorted' <<<"$l")
		is "$fields" '["time","event","pid","tid","comm","fd","family","opts","proto","addr","port","decision","result","reason","holder","ppid","uid","euid","exe","netns"]' "fields of line $i"
		# pbtest -F: RESULT pid=P tid=T fd=F
		is "$(jq -r '"\(.result) pid=\(.pid) tid=\(.tid) fd=\(.fd)"' <<<"$l")" "${lines[i]}" "pid, tid, fd, result of line $i"
		like "$(jq -r .time <<<"$l")" '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{6}[+-][0-9]{2}:[0-9]{2}$' "time"
		i=$((i + 1))
	done
	# without pidfd_getfd privbind does not look at a socket it has no decision to make about
	local inet=inet tcp=tcp inet6=inet6 udp=udp unix=unix
	[[ $PBT_MECHANISM != *injection* ]] || inet=null tcp=null inet6=null udp=null unix=null
	is "$(printf '%s\n' "${stderr_lines[@]}" | jq -r '[.event, .comm, (.family|tostring), (.proto|tostring), .addr, (.port|tostring), .decision, .reason, (.opts|length|tostring)] | join(" ")')" \
"bind pbtest inet tcp 127.0.0.1:81 81 denied:ports not-in-ports 0
bind pbtest inet tcp 127.0.0.1:80 80 granted allowed 0
bind pbtest $inet $tcp 127.0.0.1:80 80 denied:num budget-spent 0
bind pbtest $inet6 $udp [::1]:8080 8080 passed unprivileged-port 0
bind pbtest $unix null unix:$PBT_DIR/s null passed not-inet 0" "the binds"
}

@test "-vv logs fork, exec and exit of every process, not of threads; -v does not" {
	run_privbind -0 --separate-stderr -v -u nobody sh -c '"$0" bind tcp 127.0.0.1 80' "$PBTEST"
	is "${#stderr_lines[@]}" 1 "-v: the bind alone"
	run_privbind -3 --separate-stderr -vv -u nobody sh -c '"$0" bind tcp 127.0.0.1 80; "$0" threads 3 tcp 127.0.0.1 8080 >/dev/null; exit 3' "$PBTEST"
	is "$output" "OK"
	# each process's own records come in order; a parent's fork line may come after its
	# child's first records (the two are reported to the tracer independently)
	local l pid sh_pid children=() kids
	declare -A seq=()
	for l in "${stderr_lines[@]}"; do
		pid=$(field pid "$l")
		if [[ $l == *" event="* ]]; then
			seq[$pid]+="$(field comm "$l"):$(field event "$l")$(field status "$l") "
			[[ $(field event "$l") == fork ]] && children+=("$(field child "$l")")
		else
			seq[$pid]+="bind "
		fi
	done
	sh_pid=$(field pid "${stderr_lines[0]}")
	is "${seq[$sh_pid]}" "sh:exec sh:fork sh:fork sh:exit3 " "the shell's records"
	is "${#children[@]}" 2 "forks"
	is "${seq[${children[0]}]}" "pbtest:exec bind pbtest:exit0 " "the first child's records"
	# three threads: three binds, no fork or exit lines of their own
	is "${seq[${children[1]}]}" "pbtest:exec bind bind bind pbtest:exit0 " "the second child's records"
	is "${#seq[@]}" 3 "processes in the log"
	kids=$(printf '%s\n' "${stderr_lines[@]}" | grep " pid=${children[0]} .*event=exec")
	is "$(field exe "$kids")" "$PBTEST" "exe of the exec"
	is "$(field pid "${stderr_lines[-1]}")" "$sh_pid" "the last record is the first process's exit"
}

@test "-vv: a process killed by a signal, in text and in JSON" {
	run_privbind -0 --separate-stderr -vv --log-format=json -u nobody sh -c 'sh -c "kill -KILL \$\$"; echo $?'
	is "$output" "137" "the child's status, as sh saw it"
	local l
	for l in "${stderr_lines[@]}"; do
		[[ $l == "{"* ]] || continue		# sh's own "Killed"
		jq -e . <<<"$l" >/dev/null || { echo "# not JSON: $l" >&2; return 1; }
	done
	is "$(printf '%s\n' "${stderr_lines[@]}" | grep '^{' | jq -r 'select(.event == "exit") | "\(.comm) \(.status) \(.signal)"')" \
		$'sh null SIGKILL\nsh 0 null' "exits: the child that killed itself, then sh"
	is "$(printf '%s\n' "${stderr_lines[@]}" | grep '^{' | jq -r 'select(.event == "fork") | .child')" \
		"$(printf '%s\n' "${stderr_lines[@]}" | grep '^{' | jq -r 'select(.event == "exit" and .signal) | .pid')" "the killed one is the forked one"
}

#
# A log destination that is removed, closed or full never stops the program
#

@test "--log FILE removed while the program runs: the program goes on and exits with its own status" {
	bg_start cmd nsrun "$PRIVBIND" --log "$PBT_DIR/bind.log" -u nobody sh -c \
		'"$0" bind tcp 127.0.0.1 80 wait tcp 127.0.0.1 81 udp ::1 8080; exit 7' "$PBTEST"
	bg_expect cmd '^waiting$'
	wait_until "the first line in the log" grep -q 'addr=127.0.0.1:80 decision=granted result=OK' "$PBT_DIR/bind.log"
	rm "$PBT_DIR/bind.log"
	bg_send cmd go
	bg_wait cmd
	is "$BG_STATUS" 7 "privbind's status: the command's"
	is "${PBT_BG_LOG[cmd]}" $'OK\nwaiting\nOK\nOK\n' "binds before and after the removal"
	[[ ! -e $PBT_DIR/bind.log ]]
}

@test "-v to a pipe whose reader has gone: the program goes on and exits with its own status" {
	local fifo=$PBT_DIR/fifo reader
	mkfifo "$fifo"
	head -n2 "$fifo" >"$PBT_DIR/first" &	# the mechanism line, then the first bind's
	reader=$!
	bg_start cmd sh -c 'exec "$@" 2>"$0"' "$fifo" ip netns exec "$PBT_NS" "$PRIVBIND" -v -u nobody \
		sh -c '"$0" bind tcp 127.0.0.1 80 wait tcp 127.0.0.1 81 udp ::1 8080; exit 7' "$PBTEST"
	bg_expect cmd '^waiting$'
	wait "$reader"		# read two lines and closed the pipe: every write now fails (EPIPE)
	like "$(sed -n 2p "$PBT_DIR/first")" '^privbind: pid=[0-9]+ .* addr=127\.0\.0\.1:80 decision=granted result=OK ' "the line read"
	bg_send cmd go
	bg_wait cmd
	is "$BG_STATUS" 7 "privbind's status: the command's"
	is "${PBT_BG_LOG[cmd]}" $'OK\nwaiting\nOK\nOK\n' "binds after the reader left"
}

@test "-v to a pipe nobody reads: the program runs at full speed; whole lines are kept, the rest dropped" {
	local fifo=$PBT_DIR/fifo rw r
	mkfifo "$fifo"
	exec {rw}<>"$fifo"	# a reader that never reads (read-write: the open does not block)
	# 3000 logged binds, ~200 bytes each: many times what a pipe holds (64 KiB)
	run -0 nsrun timeout -k 5 "$PBT_TIMEOUT" sh -c 'exec "$@" 2>"$0"' "$fifo" \
		"$PRIVBIND" -v -u nobody "$PBTEST" bind loop 3000 tcp 127.0.0.1 8080
	is "$output" "loop ok=3000 fail=0 first=-" "the program's binds"
	exec {r}<"$fifo"
	exec {rw}>&-
	run -0 timeout "$PBT_TIMEOUT" cat <&"$r"	# EOF once the tracer has gone too
	exec {r}<&-
	[[ ${#lines[@]} -gt 100 && ${#lines[@]} -lt 3000 ]] || { echo "# ${#lines[@]} lines kept" >&2; false; }
	local l
	like "${lines[0]}" '^privbind: pid=[0-9]+ tid=[0-9]+ comm=privbind event=start ' "the first line"
	for l in "${lines[@]:1}"; do
		[[ $l != *" event=end "* ]] || continue	# the end record, if it found room
		like "$l" '^privbind: pid=[0-9]+ tid=[0-9]+ comm=pbtest .* decision=passed result=OK reason=unprivileged-port ppid=[0-9]+ uid=65534 euid=65534 exe=[^ ]+ time=[^ ]+$' "a kept line" || return 1
	done
}

@test "-v never makes the caller's standard error non-blocking (COMMAND shares it)" {
	# stderr and stdout: the one pipe bats reads; the command reads its own fd 2's flags
	run_privbind -0 -v -u nobody sh -c '"$0" bind tcp 127.0.0.1 80 >/dev/null; sed -n "s/^flags:[[:space:]]*//p" /proc/self/fdinfo/2' "$PBTEST"
	like "$output" 'decision=granted result=OK' "the log went to the shared pipe"
	local flags
	flags=$(grep -v '^privbind: ' <<<"$output" | tail -n1)	# past the end record
	like "$flags" '^[0-7]+$' "fd 2's flags"
	is "$(( 8#$flags & 8#4000 ))" 0 "O_NONBLOCK on the command's stderr"
}

#
# The start, drop and end records, and who a bind record says the binding thread is
#

@test "start record: version, mechanism, pids, user, ids, groups, -p as understood, -n, threshold, argv" {
	nsrun sysctl -qw net.ipv4.ip_unprivileged_port_start=900
	run_privbind -0 --separate-stderr -v -u nobody -p '80,127.0.0.1:443/tcp,[::ffff:127.0.0.2]:53/udp,1-10' -n 3 \
		sh -c 'echo "pid=$$"; sed -n "s/^TracerPid:[[:space:]]*//p" /proc/$$/status' 'a, b'
	local pid=${lines[0]#pid=} tracer=${lines[1]} version
	version=$("$PRIVBIND" --version)
	like "$PBT_START" "^privbind: pid=$pid tid=$pid comm=privbind event=start version=${version#privbind } mechanism=[a-z+-]+ tracer=$tracer user=nobody uid=$(id -u nobody) gid=$(id -g nobody) groups=$(id -G nobody | tr ' ' ,) ports=80,127\\.0\\.0\\.1:443/tcp,127\\.0\\.0\\.2:53/udp,1-10 num=3 threshold=900 argv=sh,-c,[^ ]*,a\\\\x2c\\\\x20b time=[^ ]+$" "text start record"
	run_privbind -0 --separate-stderr --log-format=json -u nobody sh -c 'echo "pid=$$"; sed -n "s/^TracerPid:[[:space:]]*//p" /proc/$$/status' 'a, b'
	pid=${lines[0]#pid=} tracer=${lines[1]}
	jq -e . <<<"$PBT_START" >/dev/null
	is "$(jq -c '[.event, .pid, .tid, .comm, .version, .tracer, .user, .uid, .gid, .groups, .ports, .num, .threshold, .argv[3]]' <<<"$PBT_START")" \
		"[\"start\",$pid,$pid,\"privbind\",\"${version#privbind }\",$tracer,\"nobody\",$(id -u nobody),$(id -g nobody),[$(id -G nobody | tr ' ' ,)],null,null,900,\"a, b\"]" "JSON start record"
	like "$(jq -r .mechanism <<<"$PBT_START")" '^[a-z+-]+$' "JSON mechanism"
}

@test "bind records: the thread's parent, uid, euid and executable, as /proc shows them" {
	# a child of sh binds: its parent is sh, which is privbind's own pid
	run_privbind -0 --separate-stderr -v -u nobody sh -c 'echo "sh=$$"; "$0" -F bind tcp 127.0.0.1 80' "$PBTEST"
	local sh=${lines[0]#sh=} child=${lines[1]#* pid=}
	child=${child%% *}
	is "$(field pid "${stderr_lines[0]}") $(field ppid "${stderr_lines[0]}")" "$child $sh" "pid and ppid"
	is "$(field uid "${stderr_lines[0]}") $(field euid "${stderr_lines[0]}")" "65534 65534" "uid and euid"
	is "$(field exe "${stderr_lines[0]}")" "$(readlink -f "$PBTEST")" "exe"
	# real and effective uid differ: as root (--observe), a program sets them apart itself
	run_privbind -0 --separate-stderr --observe --log-format=json $PY -c '
import os, socket
os.setresuid(65534, 0, 0)
print(open("/proc/self/status").read().split("\nUid:")[1].split()[:2])
socket.socket().bind(("127.0.0.1", 8080))
'
	is "$output" "['65534', '0']" "the kernel's uids"
	is "$(jq -c '[.uid, .euid, .exe]' <<<"${stderr_lines[0]}")" "[65534,0,\"$(readlink -f $PY)\"]" "JSON uid, euid, exe"
}

@test "bind records: the socket's network namespace, when not COMMAND's, and the holder there" {
	run_privbind -0 --separate-stderr --observe -v sh -c '"$0" bind tcp 127.0.0.1 8080
		exec unshare --net sh -c "ip link set lo up; readlink /proc/\$\$/ns/net; exec \"\$0\" -F bind tcp 127.0.0.1 8080 tcp 127.0.0.1 8080" "$0"' "$PBTEST"
	is "${lines[0]}" OK "first bind, in COMMAND's namespace"
	[[ $PBT_MECHANISM == *pidfd* ]] ||
		skip "$PBT_MECHANISM: the log looks at no socket of a bind it passes without pidfd_getfd"
	local ns=${lines[1]#net:[} pid=${lines[2]#* pid=}
	ns=${ns%]} pid=${pid%% *}
	mapfile -t stderr_lines < <(printf '%s\n' "${stderr_lines[@]}" | grep ' proto=tcp ')	# not ip's netlink binds
	is "${#stderr_lines[@]}" 3 "TCP bind records"
	is "$(field netns "${stderr_lines[0]}")" "" "no netns= in COMMAND's namespace"
	is "$(field netns "${stderr_lines[1]}")" "$ns" "netns= of the unshared one, as /proc says"
	is "$(field result "${stderr_lines[2]}") $(field holder "${stderr_lines[2]}")" "EADDRINUSE $pid/pbtest" "holder in that namespace"
}

@test "EADDRINUSE names the holder as ss -p does: another program, TCP and UDP, granted and passed" {
	bg_start srv nsrun $PY -c '
import socket, sys
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
t.bind(("0.0.0.0", 80)); t.listen()
u = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); u.bind(("::1", 8053))
print("ready", flush=True); sys.stdin.readline()
'
	bg_expect srv '^ready$'
	local ss_pid
	ss_pid=$(nsrun ss -Hltnp 'sport = :80' | sed -n 's/.*pid=\([0-9]*\),.*/\1/p')
	like "$ss_pid" '^[0-9]+$' "ss -p names a pid"
	run_privbind -0 --separate-stderr -v -u nobody "$PBTEST" bind tcp 127.0.0.1 80 udp ::1 8053 tcp 127.0.0.1 81
	is "$(joined)" "EADDRINUSE EADDRINUSE OK" "binds"
	is "$(field decision "${stderr_lines[0]}") $(field holder "${stderr_lines[0]}")" "granted $ss_pid/python3" "TCP holder (granted bind)"
	[[ $PBT_MECHANISM == *pidfd* ]] ||
		skip "$PBT_MECHANISM: the log looks at no socket of a bind it passes without pidfd_getfd"
	is "$(field decision "${stderr_lines[1]}") $(field holder "${stderr_lines[1]}")" "passed $ss_pid/python3" "UDP holder (passed bind)"
	is "$(field holder "${stderr_lines[2]}")" "" "no holder= for a bind that worked"
	run_privbind -0 --separate-stderr --log-format=json -u nobody "$PBTEST" bind tcp 127.0.0.1 80 tcp 127.0.0.1 81
	is "$(jq -c .holder <<<"${stderr_lines[0]}") $(jq -c .holder <<<"${stderr_lines[1]}")" "{\"pid\":$ss_pid,\"comm\":\"python3\"} null" "JSON holder"
}

@test "drop record: when -n is spent, with the identity the tracer now has (as /proc shows it)" {
	bg_start cmd nsrun "$PRIVBIND" -v -u nobody -n 1 sh -c '"$0" bind tcp 127.0.0.1 80 pid wait' "$PBTEST"
	bg_expect cmd '^pid='
	local pid=${BG_LINE#pid=} tracer
	bg_expect cmd '^waiting$'
	tracer=$(tracer_of "$pid")
	is "$(proc_field "$tracer" Uid)" "65534 65534 65534 65534" "the tracer's uids"
	bg_send cmd go
	bg_wait cmd
	local drop
	drop=$(grep ' event=drop ' "$BATS_TEST_TMPDIR/cmd.err")
	like "$drop" "^privbind: pid=$pid tid=$pid comm=pbtest event=drop uid=65534 gid=$(id -g nobody) granted=1 released=0 time=" "text drop record"
	run_privbind -0 --separate-stderr --log-format=json -u nobody -n 0 "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" EACCES "-n 0: nothing granted"
	is "$(jq -c '[.event, .tid, .uid, .granted, .released]' <<<"$PBT_DROP")" "[\"drop\",0,65534,0,0]" "JSON drop record at the start (-n 0)"
}

@test "end record: COMMAND's status or signal, run time, and the binds counted by decision, reason and result" {
	run_privbind -3 --separate-stderr -v -u nobody -p 80 -n 1 sh -c '"$0" bind tcp 127.0.0.1 81 tcp 127.0.0.1 80 tcp 127.0.0.1 80 udp ::1 8080; exit 3' "$PBTEST"
	is "$(joined)" "EACCES OK EACCES OK" "binds"
	like "$PBT_END" "^privbind: pid=[0-9]+ tid=[0-9]+ comm=sh event=end status=3 runtime=[0-9]+\\.[0-9]{6} binds=4 decisions=denied:ports:1,granted:1,denied:num:1,passed:1 reasons=not-in-ports:1,allowed:1,budget-spent:1,unprivileged-port:1 results=EACCES:2,OK:2 time=" "text end record"
	run_privbind -143 --separate-stderr --log-format=json -u nobody sh -c '"$0" bind tcp 127.0.0.1 80; kill -TERM $$' "$PBTEST"
	jq -e . <<<"$PBT_END" >/dev/null
	is "$(jq -c '[.status, .signal, .core, .binds, .decisions, .results, (.runtime|type)]' <<<"$PBT_END")" \
		'[null,"SIGTERM",false,1,{"granted":1},{"OK":1},"number"]' "JSON end record of a killed COMMAND"
	is "${stderr_lines[-1]}" "$(printf '%s\n' "${stderr_lines[@]}" | grep '"event":"bind"' | tail -n1)" "the end record comes last"
}

@test "end record: a core dump, as the parent's waitpid sees it" {
	ulimit -c unlimited
	[[ $(cat /proc/sys/kernel/core_pattern) == core* ]] || skip "core_pattern is a pipe or path: cores go elsewhere"
	cd "$PBT_DIR"
	run -0 --separate-stderr nsrun $PY -c '
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[1], sys.argv[1:])
_, st = os.waitpid(pid, 0)
print(os.WTERMSIG(st), os.WCOREDUMP(st))
' "$PRIVBIND" --log-format=json -u nobody sh -c 'cd "$0" && kill -SEGV $$' "$PBT_DIR"
	strip_mechanism_line
	is "$output" "11 True" "the parent's view"
	is "$(jq -c '[.signal, .core]' <<<"$PBT_END")" '["SIGSEGV",true]' "the end record's"
}
