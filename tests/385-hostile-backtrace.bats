#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# -b against a program whose own files turn hostile to the unwinder: its executable replaced
# by a FIFO, or by a symlink to a FIFO only root may open; its symbol table crafted to make
# a symbol walk spin (sh_entsize 0) or read far outside the file (sh_offset). The stack is
# read by a helper with the program's own rights and a deadline: the program may lose its
# stack; its bind is still granted and logged, the tracer lives on, and the next process of
# the tree gets its bind and its stack. (pbelf: tests/helpers/pbelf.c)

load test_helper
load hostile_helper

setup_file() {
	pbt_setup_file
	is_root || return 0
	cp "$PB_HELPERS/pbelf" "$PB_HELPERS/pbnamed" "$PBT_BIN/"
	chmod 755 "$PBT_BIN/pbelf" "$PBT_BIN/pbnamed"
}

setup() {
	pbt_setup
	"$PRIVBIND" -b -h >/dev/null 2>&1 || skip "built without libunwind: no -b"
	# the program's copy of itself, in a directory it may change
	PROG=$PBT_DIR/prog
	cp "$PBT_BIN/pbelf" "$PROG"
	chown nobody "$PROG"
}

fail() {
	echo "# $*" >&2
	return 1
}

# hostile_run ARGS...: `$PROG ARGS... 80`, then `pbnamed 81`, under one privbind -b -u nobody
hostile_run() {
	local start=$SECONDS
	run -0 --separate-stderr nsrun timeout -k 5 "$PBT_TIMEOUT" "$PRIVBIND" -b -u nobody -p 80,81 \
		-- sh -c '"$@" 80; "$0" 81' "$PBT_BIN/pbnamed" "$PROG" "$@"
	ELAPSED=$((SECONDS - start))
}

# The bind of port 80 granted and logged, the tracer still there for port 81, with a stack
check_survived() {
	is "${lines[*]}" "OK OK" "both binds granted"
	local l80 l81
	l80=$(grep -c 'addr=127\.0\.0\.1:80 decision=granted result=OK ' <<<"$stderr")
	l81=$(grep -c 'addr=127\.0\.0\.1:81 decision=granted result=OK ' <<<"$stderr")
	is "$l80 $l81" "1 1" "each bind logged once"
	like "$stderr" '#[0-9]+ +0x[0-9a-f]{16} pbnamed_inner_binder\+0x' "the next process's stack"
	[[ $ELAPSED -lt $((PBT_TIMEOUT / 2)) ]] || fail "took $ELAPSED s"
}

@test "-b: a program whose executable became a FIFO (also as 'PATH (deleted)') keeps its bind" {
	hostile_run fifo
	check_survived
}

@test "-b: a program whose executable became a symlink to a root-only FIFO keeps its bind" {
	mkfifo -m 0600 "$PBT_DIR/rootfifo"
	hostile_run link "$PBT_DIR/rootfifo"
	check_survived
}

@test "-b: a program whose .symtab has sh_entsize 0 keeps its bind" {
	"$PBT_BIN/pbelf" entsize0 "$PBT_BIN/pbelf" "$PROG"
	hostile_run bind
	check_survived
}

@test "-b: a program whose .symtab lies a terabyte past its file keeps its bind" {
	"$PBT_BIN/pbelf" offset "$PBT_BIN/pbelf" "$PROG"
	hostile_run bind
	check_survived
}

# helper_snapshot: "uid caps nnp fds" of the -b helper (the tracer's child, comm privbind, not
# root) of the test's namespace, into $SNAP; false while there is none
helper_snapshot() {
	local pid fds fd parent
	for pid in $(ip netns pids "$PBT_NS"); do
		[[ $(cat "/proc/$pid/comm" 2>/dev/null) == privbind ]] || continue
		[[ $(proc_field "$pid" Uid 2>/dev/null) != "0 0 0 0" ]] || continue
		# the tracer's child: not COMMAND's process between its change of identity and exec
		parent=$(proc_field "$pid" PPid 2>/dev/null) || continue
		[[ $(cat "/proc/$parent/comm" 2>/dev/null) == privbind ]] || continue
		fds=
		for fd in $(ls "/proc/$pid/fd" 2>/dev/null | sort -n); do
			fds+=" $fd:$(readlink "/proc/$pid/fd/$fd" | sed -E 's/[0-9]+/N/g')"
		done
		SNAP="$(proc_field "$pid" Uid) $(proc_field "$pid" Gid) $(proc_field "$pid" Groups)|$(proc_field "$pid" CapPrm) $(proc_field "$pid" CapEff)|$(proc_field "$pid" NoNewPrivs)|$fds"
		[[ $SNAP == *"|"*"|"*"|"* ]] && return 0
	done
	return 1
}

@test "-b: the helper reading a stack is the thread's user, with no capability and no fd of root's" {
	# each of these binds holds its helper in open(2) on a FIFO for its second
	local i
	for i in 1 2 3 4 5 6; do
		cp "$PBT_BIN/pbelf" "$PBT_DIR/p$i"
		chown nobody "$PBT_DIR/p$i"
	done
	nsrun timeout -k 5 "$PBT_TIMEOUT" "$PRIVBIND" -b -u nobody -p 80 --log "$PBT_DIR/log" \
		-- sh -c 'for p; do "$p" fifo 80; done' sh "$PBT_DIR"/p? >"$PBT_DIR/out" 2>&1 &
	wait_until "a -b helper" helper_snapshot
	local nogroup
	nogroup=$(id -g nobody)
	is "${SNAP%%|*}" "65534 65534 65534 65534 $nogroup $nogroup $nogroup $nogroup $nogroup" "uids gids groups"
	is "$(cut -d'|' -f2,3 <<<"$SNAP")" "0000000000000000 0000000000000000|1" "CapPrm CapEff | NoNewPrivs"
	# 0..4 as the tracer left them; anything after, libunwind opened as nobody
	like "${SNAP##*|}" '^ 0:/dev/null 1:/dev/null 2:/dev/null 3:pipe:\[N\] 4:/proc/N/mem( [5-9N]+:(pipe:\[N\]|/proc/N/maps|/.*))*$' "fds"
	[[ ${SNAP##*|} != *socket:* && ${SNAP##*|} != *anon_inode* && ${SNAP##*|} != *"$PBT_DIR/log"* ]] ||
		fail "a socket, pidfd or the log among the helper's fds: ${SNAP##*|}"
	wait
	is "$(cat "$PBT_DIR/out")" "$(printf 'OK\n%.0s' 1 2 3 4 5 6)" "every bind granted"
}
