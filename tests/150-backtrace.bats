#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# -b: each logged bind with the program's stack, read with libunwind's ptrace unwinder.
# pbnamed binds from pbnamed_inner_binder(), called by pbnamed_outer_caller().

load test_helper

setup_file() {
	pbt_setup_file
	is_root || return 0
	cp "$PB_HELPERS/pbnamed" "$PB_HELPERS/pbnamed-static" "$PBT_BIN/"
	chmod 755 "$PBT_BIN/pbnamed" "$PBT_BIN/pbnamed-static"
}

# -b is refused before -h is looked at in a build without libunwind
have_backtrace() {
	"$PRIVBIND" -b -h >/dev/null 2>&1
}

# frames_of_bind N: the frame lines under the Nth bind line of $stderr_lines
frames_of_bind() {
	local l n=-1
	for l in "${stderr_lines[@]}"; do
		if [[ $l == "privbind: pid="* ]]; then
			n=$((n + 1))
		elif [[ $n == "$1" && $l == "privbind:   "* ]]; then
			echo "$l"
		fi
	done
}

@test "-b: under each bind line, its stack, innermost first, with function names and modules" {
	have_backtrace || skip "built without libunwind"
	local prog
	for prog in pbnamed pbnamed-static; do
		run_privbind -0 --separate-stderr -b -u nobody -p 80 "$PBT_BIN/$prog" 80 81
		is "$(joined)" "OK EACCES" "$prog: binds (granted, then denied and logged at its exit)"
		local n frames
		for n in 0 1; do
			frames=$(frames_of_bind $n)
			like "$frames" '^privbind:   #0  0x[0-9a-f]{16} ' "$prog bind $n: frame 0" || return 1
			like "$frames" "#[0-9]+ +0x[0-9a-f]{16} pbnamed_inner_binder\\+0x[0-9a-f]+ \\($PBT_BIN/$prog\\+0x[0-9a-f]+\\)"$'\n'"privbind:   #[0-9]+ +0x[0-9a-f]{16} pbnamed_outer_caller\\+0x[0-9a-f]+ \\($PBT_BIN/$prog\\+0x[0-9a-f]+\\)" \
				"$prog bind $n: the named functions, inner then outer" || return 1
			like "$frames" " main\\+0x" "$prog bind $n: main" || return 1
		done
	done
}

@test "-b with --log-format=json: the stack as an array of frames" {
	have_backtrace || skip "built without libunwind"
	run_privbind -0 --separate-stderr -b --log-format=json -u nobody "$PBT_BIN/pbnamed" 80
	is "$output" "OK"
	is "${#stderr_lines[@]}" 1 "one JSON line"
	local l=${stderr_lines[0]}
	is "$(jq -r '.backtrace_truncated' <<<"$l")" false "truncated"
	is "$(jq -r '[.backtrace[].function | select(. != null and startswith("pbnamed_"))] | join(" ")' <<<"$l")" \
		"pbnamed_inner_binder pbnamed_outer_caller" "named frames, inner first"
	is "$(jq -r '[.backtrace[] | select(.function == "pbnamed_inner_binder") | .module] | .[0]' <<<"$l")" \
		"$PBT_BIN/pbnamed" "module of the named frame"
	is "$(jq -r '.backtrace | map((.ip | test("^0x[0-9a-f]+$")) and (.offset | type) != "string") | all' <<<"$l")" true "ip and offset of every frame"
}

@test "-b in a build without libunwind: exit 125 with a message saying so" {
	have_backtrace && skip "built with libunwind"
	run_privbind -125 --separate-stderr -b -u nobody touch "$PBT_DIR/ran"
	is "$stderr" "privbind: this build has no stack traces (built without libunwind)"
	[[ ! -e $PBT_DIR/ran ]]
}
