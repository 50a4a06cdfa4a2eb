#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# contrib/bash-completion/privbind, loaded into a bash with bash-completion as an interactive
# shell would: options (every one `privbind --help` names), users after -u, groups after -g,
# and after `--` or the first non-option word the command, completed as that command's.

load test_helper

# nothing here needs root, a network namespace or the test programs
setup_file() { :; }
teardown_file() { :; }
setup() {
	BASH_COMPLETION=/usr/share/bash-completion/bash_completion
	[[ -r $BASH_COMPLETION ]] || skip "bash-completion not installed (Debian package bash-completion)"
	COMPLETION=$PB_SRCDIR/contrib/bash-completion/privbind
}
teardown() { :; }

# complete LINE: the candidates bash-completion offers for LINE (the cursor at its end; a
# trailing space starts a new word), sorted, one a line, in $output
complete() {
	run -0 bash --norc --noprofile -c '
		. "$1" && . "$2" || exit 99
		line=$3
		read -r -a COMP_WORDS <<<"$line"
		[[ $line == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		COMP_LINE=$line
		COMP_POINT=${#line}
		# what bash looks up when the user presses TAB after "privbind"
		spec=$(complete -p privbind) || exit 98
		[[ $spec == "complete -F _privbind privbind" ]] || exit 97
		_privbind privbind "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort -u
	' complete "$BASH_COMPLETION" "$COMPLETION" "$1"
}

# has WORD: $output holds WORD as a line of its own
has() {
	[[ $'\n'$output$'\n' == *$'\n'"$1"$'\n'* ]] ||
		{ printf '# "%s" is not among the candidates:\n%s\n' "$1" "$output" | head -n 30 >&2; false; }
}

hasnt() {
	[[ $'\n'$output$'\n' != *$'\n'"$1"$'\n'* ]] ||
		{ echo "# \"$1\" should not be a candidate" >&2; false; }
}

@test "every option privbind --help names is completed after a dash" {
	local help opt n=0
	help=$("$PRIVBIND" --help)
	complete "privbind -"
	# the options are what starts a line of --help (-u, --user USER; --observe)
	for opt in $(grep -o -E -- '^ +-[a-zA-Z](, --[a-z-]+)?|^ +--[a-z-]+' <<<"$help" | tr -d ','); do
		has "$opt"
		n=$((n + 1))
	done
	((n >= 20)) || { echo "# only $n options found in --help" >&2; false; }
	complete "privbind --lo"
	is "$(echo $output)" "--log --log-format" "--lo"
}

@test "-u completes users, -g groups, --log-format its formats, --attach process ids" {
	complete "privbind -u nob"
	is "$output" "nobody" "-u nob"
	complete "privbind --user=nob"
	is "$output" "nobody" "--user=nob"
	complete "privbind -v -u nobody -g nog"
	is "$output" "nogroup" "-g nog"
	complete "privbind -u nobody --group ro"
	is "$output" "root" "--group ro"
	complete "privbind -u nobody --log-format "
	is "$(echo $output)" "json text" "--log-format"
	complete "privbind --attach $$"
	has "$$"
	complete "privbind -u nobody -p "
	is "$output" "" "-p (a port list)"
}

@test "--log completes files" {
	mkdir "$BATS_TEST_TMPDIR/logs"
	: >"$BATS_TEST_TMPDIR/logs/bind.log"
	complete "privbind -u nobody --log $BATS_TEST_TMPDIR/logs/b"
	is "$output" "$BATS_TEST_TMPDIR/logs/bind.log" "--log FILE"
}

@test "after -- and after the first non-option word: the command, then its own arguments" {
	complete "privbind -u nobody -p 80 -- bas"
	has bash
	hasnt --user
	complete "privbind -u nobody -vunobody bas"
	has bash
	# an argument of an option is not the command: -n 1 and -unobody are options here
	complete "privbind -n 1 -unobody -"
	has --ports
	# the command's own words are completed as the command's: files for cat, no privbind option
	mkdir "$BATS_TEST_TMPDIR/d"
	: >"$BATS_TEST_TMPDIR/d/served.html"
	complete "privbind -u nobody -- cat $BATS_TEST_TMPDIR/d/se"
	is "$output" "$BATS_TEST_TMPDIR/d/served.html" "cat's argument"
	complete "privbind -u nobody cat -"
	hasnt --user
	complete "privbind -u nobody -- privbind -u nob"
	is "$output" "nobody" "privbind under privbind"
}
