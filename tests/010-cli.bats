#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# The command line: help, version, usage errors (125), option parsing, environment.

load test_helper

# usage_error ARGS...: privbind ARGS (then a command that would leave a trace) exits 125
# with a message on stderr, and the command never runs
usage_error() {
	rm -f "$PBT_DIR/ran"
	run_privbind -125 --separate-stderr "$@"
	[[ -n $stderr ]] || { echo "# no message on stderr for: privbind $*" >&2; return 1; }
	[[ ! -e $PBT_DIR/ran ]] || { echo "# the command ran despite: privbind $*" >&2; return 1; }
}

@test "-h and --help print usage on stdout and exit 0" {
	local opt
	for opt in -h --help; do
		run_privbind -0 --separate-stderr "$opt"
		like "$output" "-u" "$opt output mentions -u"
		like "$output" "-p" "$opt output mentions -p"
		is "$stderr" "" "$opt stderr"
	done
}

@test "-V and --version print privbind's version on stdout and exit 0" {
	local opt
	for opt in -V --version; do
		run_privbind -0 --separate-stderr "$opt"
		like "$output" "privbind" "$opt output names privbind"
		like "$output" "[0-9]+\.[0-9]+" "$opt output has a version number"
		is "$stderr" "" "$opt stderr"
	done
}

@test "-l PATH is accepted for privbind 1.x compatibility and ignored with a warning" {
	run_privbind -0 --separate-stderr -l "$PBT_DIR/privbind.log" -u nobody "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" "OK" "bind under -l"
	[[ -n $stderr ]] || { echo "# no warning on stderr" >&2; false; }
	[[ ! -e $PBT_DIR/privbind.log ]] || { echo "# -l was not ignored: the log file exists" >&2; false; }
}

@test "-u is mandatory: without it privbind exits 125 and runs nothing" {
	usage_error touch "$PBT_DIR/ran"
	usage_error -- touch "$PBT_DIR/ran"
	usage_error -p 80 -- touch "$PBT_DIR/ran"
}

@test "missing option arguments, unknown options and a missing command exit 125" {
	usage_error -u
	usage_error -u nobody
	usage_error -u nobody --
	usage_error -u nobody --no-such-option touch "$PBT_DIR/ran"
	usage_error -u nobody -x touch "$PBT_DIR/ran"
	usage_error -u nobody -p
	usage_error -u nobody -n
	usage_error -u nobody -n abc touch "$PBT_DIR/ran"
	usage_error -u nobody -n '' touch "$PBT_DIR/ran"
}

@test "malformed -p lists exit 125: port 0, >65535, LO>HI, empty items, garbage" {
	local p
	for p in 0 65536 99999 0-10 1-65536 90-80 '' , 80, ,80 80,,81 abc 80x 8o \
		80-90-100 -80 80- 80/tcpx 80/ 80/sctp6 1.2.3.4: 1.2.3:80 999.0.0.1:80 \
		'127.0.0.1:' '[::1]' '[::1]:' '[::1:80' '::1]:80' '[1.2.3.4]:80' '[zz::1]:80' \
		' 80'; do
		echo "# -p '$p'" >&2
		usage_error -u nobody -p "$p" touch "$PBT_DIR/ran"
	done
}

@test "an unknown user or group exits 125 and runs nothing" {
	usage_error -u pbtest-no-such-user touch "$PBT_DIR/ran"
	usage_error -u nobody -g pbtest-no-such-group touch "$PBT_DIR/ran"
}

@test "-u root and -u 0 are refused with 125" {
	usage_error -u root touch "$PBT_DIR/ran"
	usage_error -u 0 touch "$PBT_DIR/ran"
	usage_error --user=root touch "$PBT_DIR/ran"
}

@test "a numeric uid without a passwd entry and without -g exits 125" {
	getent passwd 4242 >/dev/null && skip "uid 4242 has a passwd entry here"
	usage_error -u 4242 touch "$PBT_DIR/ran"
}

@test "privbind run by a non-root user exits 125 and runs nothing" {
	run -125 --separate-stderr nsrun timeout "$PBT_TIMEOUT" \
		setpriv --reuid=nobody --regid=nogroup --clear-groups \
		"$PBT_BIN/privbind" -u nobody touch "$PBT_DIR/ran"
	[[ -n $stderr ]]
	[[ ! -e $PBT_DIR/ran ]]
}

@test "option parsing stops at the first non-option" {
	run_privbind -0 -u nobody sh -c 'printf "[%s]" "$0" "$@"' -p 0 -u root -n x
	is "$output" "[-p][0][-u][root][-n][x]" "arguments the command got"
	run_privbind -0 -u nobody "$PBTEST" -c bind tcp 127.0.0.1 80
	is "$output" "OK" "pbtest's own -c"
}

@test "-- ends privbind's options" {
	run_privbind -0 -u nobody -- "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" "OK"
	run_privbind -0 -u nobody -- sh -c 'echo "$@"' sh -- -u root
	is "$output" "-- -u root" "arguments after a second --"
}

@test "long options --user --group --num --ports --verbose work like the short ones" {
	run_privbind -0 --separate-stderr --user nobody --group=nogroup --num 1 --ports=80,81 --verbose \
		"$PBTEST" -c bind tcp 127.0.0.1 80 tcp 127.0.0.1 81 tcp 127.0.0.1 82
	is "$(joined)" "OK EACCES EACCES" "binds of 80 (granted), 81 (budget), 82 (ports)"
	is "${#stderr_lines[@]}" 3 "verbose lines"
}

@test "the command's environment is exactly the caller's" {
	export PBT_ENV_PROBE='a b $c "d"'
	run -0 as_nobody /usr/bin/env
	local direct
	direct=$(sort <<<"$output")
	run_privbind -0 -u nobody /usr/bin/env
	like "$output" 'PBT_ENV_PROBE=a b \$c "d"' "probe variable"
	is "$(sort <<<"$output")" "$direct" "environment under privbind vs without (sorted)"
}

@test "-u, -g or -n given twice is a usage error naming both values; -n names its maximum" {
	run -125 --separate-stderr "$PRIVBIND" -u nobody -u daemon true
	like "$stderr" "-u given twice \('nobody', then 'daemon'\)"
	run -125 --separate-stderr "$PRIVBIND" -u nobody -g nogroup -g daemon true
	like "$stderr" "-g given twice \('nogroup', then 'daemon'\)"
	run -125 --separate-stderr "$PRIVBIND" -u nobody -n 1 --num 2 true
	like "$stderr" "-n given twice \('1', then '2'\)"
	run -125 --separate-stderr "$PRIVBIND" -u nobody -n 1000000001 true
	like "$stderr" "0 to 1000000000"
}
