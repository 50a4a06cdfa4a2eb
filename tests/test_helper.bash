# SPDX-License-Identifier: GPL-2.0-or-later
# Shared helpers for privbind's bats suites.  Loaded by every tests/*.bats file.
#
# Every test runs in its own network namespace ($PBT_NS, loopback only) and gets its own
# directory ($PBT_DIR) that the users the command runs as can write to.  The helper
# binaries and a copy of privbind live in $PBT_BIN, readable and executable by everyone
# (the build directory may be mode 0700).
#
# Environment (exported by `make check`): PRIVBIND, PB_HELPERS, PB_SRCDIR.

bats_require_minimum_version 1.5.0

PBT_TIMEOUT=${PBT_TIMEOUT:-20}		# seconds before a hung command counts as failed
PY=/usr/bin/python3			# not a pyenv shim: nobody must be able to run it

is_root() { [[ $(id -u) == 0 ]]; }

skip_unless_root() {
	is_root || skip "privbind's tests need root (run as root: sudo make check)"
}

# ---------------------------------------------------------------------------------------
# setup / teardown.  A .bats file that needs more defines its own and calls these.

pbt_setup_file() {
	is_root || return 0
	: "${PRIVBIND:?PRIVBIND must name the privbind binary to test}"
	: "${PB_HELPERS:?PB_HELPERS must name the build directory of tests/helpers}"
	PBT_BIN=$(mktemp -d /tmp/pbt-bin.XXXXXX)
	cp "$PB_HELPERS/pbtest" "$PB_HELPERS/pbtest-static" "$PRIVBIND" "$PBT_BIN/"
	chmod 755 "$PBT_BIN" "$PBT_BIN"/*
	export PBT_BIN
}

pbt_teardown_file() {
	if [[ -n ${PBT_BIN:-} && $PBT_BIN == /tmp/pbt-bin.* ]]; then
		rm -rf "$PBT_BIN"
	fi
}

pbt_setup() {
	skip_unless_root
	PBT_NS=pbt-$BASHPID-$BATS_TEST_NUMBER
	ip netns add "$PBT_NS"
	ip -n "$PBT_NS" link set lo up
	PBT_DIR=$(mktemp -d /tmp/pbt-test.XXXXXX)
	chmod 0777 "$PBT_DIR"
	PBTEST=$PBT_BIN/pbtest
	declare -gA PBT_BG_PID=() PBT_BG_IN=() PBT_BG_OUT=() PBT_BG_LOG=()
}

pbt_teardown() {
	local name pid fd
	for name in "${!PBT_BG_IN[@]}"; do
		bg_close "$name"
	done
	for name in "${!PBT_BG_OUT[@]}"; do
		fd=${PBT_BG_OUT[$name]}
		exec {fd}<&-
	done
	if [[ -n ${PBT_NS:-} ]]; then
		# everything in the namespace is ours: servers, commands, privbind's tracer
		for pid in $(ip netns pids "$PBT_NS" 2>/dev/null); do
			kill -KILL "$pid" 2>/dev/null || true
		done
		ip netns del "$PBT_NS" 2>/dev/null || true
	fi
	for pid in "${PBT_BG_PID[@]}"; do	# reap quietly
		{ wait "$pid"; } 2>/dev/null || true
	done
	if [[ -n ${PBT_DIR:-} && $PBT_DIR == /tmp/pbt-test.* ]]; then
		rm -rf "$PBT_DIR"
	fi
}

setup_file() { pbt_setup_file; }
teardown_file() { pbt_teardown_file; }
setup() { pbt_setup; }
teardown() { pbt_teardown; }

# ---------------------------------------------------------------------------------------
# Running things

# nsrun CMD...: CMD inside this test's network namespace (same pid: ip netns exec execs)
nsrun() {
	ip netns exec "$PBT_NS" "$@"
}

# as_nobody CMD...: CMD as nobody without privbind (the control runs); bg_start knows both
as_nobody() {
	nsrun setpriv --reuid=nobody --regid=nogroup --clear-groups "$@"
}

# run_privbind [run flags] PRIVBIND-ARGS...
# bats' run of privbind in the test's namespace, bounded by a timeout.  Leading -N, !,
# --separate-stderr, --keep-empty-lines go to run; everything else (-- too) to privbind.
run_privbind() {
	local -a flags=()
	while [[ $# -gt 0 ]]; do
		case $1 in
		-[0-9]* | ! | --separate-stderr | --keep-empty-lines) flags+=("$1"); shift ;;
		*) break ;;
		esac
	done
	echo "# privbind $*" >&2
	run "${flags[@]}" nsrun timeout -k 5 "$PBT_TIMEOUT" "$PRIVBIND" "$@"
	strip_mechanism_line
}

# pbt_mechanism: the mechanism privbind picks here, as -v's start record names it. Without
# pidfd_getfd (injection) the log looks at no socket of a bind it passes: the program would
# have to run a call for it.
pbt_mechanism() {
	nsrun "$PRIVBIND" -v -u nobody true 2>&1 >/dev/null | sed -n 's/.* mechanism=\([^ ]*\).*/\1/p' | head -n 1
}

# -v's first record (event=start) names the kernel interfaces in use (mechanism=seccomp+pidfd,
# or in JSON "mechanism":"seccomp+pidfd"), which depends on the kernel and PRIVBIND_FALLBACK;
# the drop record (-n spent) and the end record (COMMAND's end) come with -v too. Tests that
# count -v lines look past the three: PBT_START, PBT_DROP and PBT_END keep them. The records
# themselves are tested in 140-log.bats and 145-summary.bats.
strip_mechanism_line() {
	local -a kept=()
	local l
	[[ ${stderr+set} ]] || return 0
	PBT_MECHANISM= PBT_START= PBT_DROP= PBT_END=
	for l in "${stderr_lines[@]}"; do
		if [[ $l =~ ^privbind:\ pid=[0-9]+\ tid=[0-9]+\ comm=[^\ ]*\ event=(start|drop|end)\  ||
			$l =~ ^\{\"time\":[^,]*,\"event\":\"(start|drop|end)\", ]]; then
			case ${BASH_REMATCH[1]} in
			start)
				PBT_START=$l
				[[ $l =~ mechanism(=|\":\")([a-z+-]+) ]] && PBT_MECHANISM=${BASH_REMATCH[2]}
				;;
			drop) PBT_DROP=$l ;;
			end) PBT_END=$l ;;
			esac
		else
			kept+=("$l")
		fi
	done
	stderr_lines=("${kept[@]}")
	stderr=$(printf '%s\n' "${kept[@]}")
	[[ ${#kept[@]} -gt 0 ]] || stderr=
}

# joined: $output's lines joined by spaces (pbtest prints one result per line)
joined() {
	local IFS=' '
	echo "${lines[*]}"
}

# ---------------------------------------------------------------------------------------
# Assertions

# is ACTUAL EXPECTED WHAT: exact string equality
is() {
	local actual=$1 expected=$2 what=${3:-value}
	if [[ "$actual" != "$expected" ]]; then
		printf '#/vvvvv %s\n#| expected: [%s]\n#| actual:   [%s]\n#\\^^^^^\n' \
			"$what" "$expected" "$actual" >&2
		return 1
	fi
}

# like ACTUAL REGEX WHAT: bash regex match
like() {
	local actual=$1 regex=$2 what=${3:-value}
	if ! [[ "$actual" =~ $regex ]]; then
		printf '#/vvvvv %s\n#| expected to match: /%s/\n#| actual: [%s]\n#\\^^^^^\n' \
			"$what" "$regex" "$actual" >&2
		return 1
	fi
}

# wait_until WHAT CMD...: poll CMD (bounded by PBT_TIMEOUT) until it succeeds
wait_until() {
	local what=$1; shift
	local i tries=$((PBT_TIMEOUT * 20))
	for ((i = 0; i < tries; i++)); do
		"$@" && return 0
		sleep 0.05
	done
	echo "# gave up after ${PBT_TIMEOUT}s waiting for: $what" >&2
	return 1
}

# proc_field PID KEY: a /proc/PID/status field, tabs made spaces
proc_field() {
	local k v
	while IFS=: read -r k v; do
		if [[ $k == "$2" ]]; then
			v=${v//$'\t'/ }
			v=${v# }
			echo "${v%% }"
			return 0
		fi
	done <"/proc/$1/status"
	return 1
}

# tracer_of PID: privbind's tracer of the command PID (fails if there is none)
tracer_of() {
	local t
	t=$(proc_field "$1" TracerPid) || return 1
	[[ $t =~ ^[1-9][0-9]*$ ]] || { echo "# pid $1 has no tracer (TracerPid: $t)" >&2; return 1; }
	echo "$t"
}

# no_root_process_in_ns: no process of this test's namespace has root's uid/gid or caps
assert_no_root_process_in_ns() {
	local pid pids uid gid capeff capprm
	pids=$(ip netns pids "$PBT_NS")
	[[ -n $pids ]] || { echo "# no process in $PBT_NS" >&2; return 1; }
	for pid in $pids; do
		uid=$(proc_field "$pid" Uid) || continue	# gone meanwhile
		gid=$(proc_field "$pid" Gid) || continue
		capeff=$(proc_field "$pid" CapEff) || continue
		capprm=$(proc_field "$pid" CapPrm) || continue
		if [[ " $uid " == *" 0 "* || " $gid " == *" 0 "* ||
			$capeff != 0000000000000000 || $capprm != 0000000000000000 ]]; then
			echo "# pid $pid ($(cat /proc/$pid/comm)) keeps root: Uid $uid Gid $gid CapEff $capeff CapPrm $capprm" >&2
			return 1
		fi
	done
}

# fd_count PID: descriptors PID holds
fd_count() {
	local n=0 f
	for f in /proc/"$1"/fd/*; do
		[[ -e $f || -L $f ]] && n=$((n + 1))
	done
	echo "$n"
}

ns_is_empty() {
	[[ -z $(ip netns pids "$PBT_NS") ]]
}

# ---------------------------------------------------------------------------------------
# Background processes talking over FIFOs: stdin from the test, stdout line by line back,
# stderr to $BATS_TEST_TMPDIR/NAME.err.  bg_start runs CMD in the test shell itself, so
# ${PBT_BG_PID[NAME]} is CMD's pid (everything on the way execs).

bg_start() {
	local name=$1; shift
	local in=$BATS_TEST_TMPDIR/$name.in out=$BATS_TEST_TMPDIR/$name.out
	local -a inherited=("${PBT_BG_IN[@]}" "${PBT_BG_OUT[@]}")
	local fd
	case $1 in		# shell functions cannot be exec'd: spell them out
	nsrun) set -- ip netns exec "$PBT_NS" "${@:2}" ;;
	as_nobody) set -- ip netns exec "$PBT_NS" setpriv --reuid=nobody --regid=nogroup --clear-groups "${@:2}" ;;
	esac
	mkfifo "$in" "$out"
	echo "# bg $name: $*" >&2
	(
		for fd in "${inherited[@]}"; do
			exec {fd}>&-
		done
		exec "$@"
	) <"$in" >"$out" 2>"$BATS_TEST_TMPDIR/$name.err" 3>&- &
	PBT_BG_PID[$name]=$!
	exec {fd}<>"$in"		# read-write: never blocks; closing it is the EOF
	PBT_BG_IN[$name]=$fd
	exec {fd}<"$out"		# the child opens its end right after stdin
	PBT_BG_OUT[$name]=$fd
	PBT_BG_LOG[$name]=
}

bg_dump() {
	echo "# bg $1 stdout so far:" >&2
	printf '%s' "${PBT_BG_LOG[$1]}" | sed 's/^/#   /' >&2
	echo "# bg $1 stderr:" >&2
	sed 's/^/#   /' "$BATS_TEST_TMPDIR/$1.err" >&2 || true
}

# bg_expect NAME REGEX: read NAME's stdout until a line matches; the line is in $BG_LINE
bg_expect() {
	local name=$1 regex=$2 line
	while IFS= read -r -t "$PBT_TIMEOUT" -u "${PBT_BG_OUT[$name]}" line; do
		PBT_BG_LOG[$name]+="$line"$'\n'
		if [[ $line =~ $regex ]]; then
			BG_LINE=$line
			return 0
		fi
	done
	echo "# bg $name: no line matching /$regex/ (EOF or ${PBT_TIMEOUT}s timeout)" >&2
	bg_dump "$name"
	return 1
}

# bg_send NAME TEXT: one line to NAME's stdin
bg_send() {
	printf '%s\n' "$2" >&"${PBT_BG_IN[$1]}"
}

# bg_close NAME: close NAME's stdin (EOF)
bg_close() {
	local fd=${PBT_BG_IN[$1]:-}
	if [[ -n $fd ]]; then
		exec {fd}>&-
		unset "PBT_BG_IN[$1]"
	fi
}

# bg_wait NAME: close stdin, read stdout to EOF (bounded), reap; status in $BG_STATUS
bg_wait() {
	local name=$1 line rc
	bg_close "$name"
	while :; do
		rc=0
		IFS= read -r -t "$PBT_TIMEOUT" -u "${PBT_BG_OUT[$name]}" line || rc=$?
		if [[ $rc -gt 128 ]]; then
			echo "# bg $name: stdout still open after ${PBT_TIMEOUT}s" >&2
			bg_dump "$name"
			return 1
		fi
		[[ $rc -eq 0 || -n $line ]] && PBT_BG_LOG[$name]+="$line"$'\n'
		[[ $rc -eq 0 ]] || break
	done
	BG_STATUS=0
	wait "${PBT_BG_PID[$name]}" || BG_STATUS=$?
}
