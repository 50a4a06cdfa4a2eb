#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# -c / --summary: at COMMAND's end, a table of its binds on stderr (count per protocol,
# address, decision, reason and result, as strace -c counts syscalls); the same numbers in
# the JSON end record. And every record of a long, busy run is valid JSON.

load test_helper

# rows: the table's rows as "count proto addr decision reason result", one per line
rows() {
	sed -n '/^ *------ /,/^ *------$/p' | grep -v -- '------' | awk '{$1=$1; print}'
}

@test "-c alone: the table on stderr and no bind records; counts from the program's own results" {
	run_privbind -0 --separate-stderr -c -u nobody -p 80 "$PBTEST" bind \
		tcp 127.0.0.1 80 tcp 127.0.0.1 80 tcp 127.0.0.1 81 tcp 127.0.0.1 81 udp ::1 8080 unix "$PBT_DIR/s"
	is "$(joined)" "OK EADDRINUSE EACCES EACCES OK OK" "the program's results"
	local pp=udp
	[[ $(pbt_mechanism) == *pidfd* ]] || pp=-	# a passed bind's socket unseen (injection)
	is "${stderr_lines[0]}" "privbind: binds by address and protocol" "the title"
	like "${stderr_lines[1]}" '^ +count +proto +address +decision +reason +result$' "the header"
	is "$(rows <<<"$stderr")" "1 tcp 127.0.0.1:80 granted allowed OK
1 tcp 127.0.0.1:80 granted allowed EADDRINUSE
2 tcp 127.0.0.1:81 denied:ports not-in-ports EACCES
1 $pp [::1]:8080 passed unprivileged-port OK
1 - unix:$PBT_DIR/s passed not-inet OK" "rows"
	like "${stderr_lines[-1]}" '^ +6 total: granted 2, denied:ports 2, passed 2; OK 3, EADDRINUSE 1, EACCES 2$' "totals"
	[[ $stderr != *"decision="* ]] || { echo "# a bind record without -v" >&2; false; }
}

@test "-c counts the binds of every process and thread of the tree, and comes after COMMAND's last output" {
	run_privbind -0 --separate-stderr --summary -u nobody sh -c '"$0" threads 4 tcp 127.0.0.1 80 >/dev/null; "$0" bind tcp 127.0.0.1 80 & wait; echo done' "$PBTEST"
	is "$(joined)" "OK done" "the program's results"
	# the threads bind 80 to 83 at once (rows in the order they came: sorted here)
	is "$(rows <<<"$stderr" | sort)" "1 tcp 127.0.0.1:81 granted allowed OK
1 tcp 127.0.0.1:82 granted allowed OK
1 tcp 127.0.0.1:83 granted allowed OK
2 tcp 127.0.0.1:80 granted allowed OK" "rows"
	like "${stderr_lines[-1]}" '^ +5 total: granted 5; OK 5$' "totals"
}

@test "-c with --log-format=json --log FILE: the table on stderr, the same numbers in the JSON end record" {
	run_privbind -0 --separate-stderr -c --log "$PBT_DIR/log" --log-format=json -u nobody -p 80 -n 1 "$PBTEST" bind \
		tcp 127.0.0.1 80 tcp 127.0.0.1 80 tcp 127.0.0.1 443 udp 127.0.0.1 8080 udp 127.0.0.1 8080
	is "$(joined)" "OK EACCES EACCES OK EADDRINUSE" "the program's results"
	local end
	end=$(grep '"event":"end"' "$PBT_DIR/log")
	jq -e . <<<"$end" >/dev/null
	is "$(jq -r '.summary[] | "\(.count) \(.proto // "-") \(.addr) \(.decision) \(.reason) \(.result)"' <<<"$end")" \
		"$(rows <<<"$stderr")" "the JSON end record's rows are the table's"
	is "$(jq -c '[.binds, .decisions, .results, .other]' <<<"$end")" \
		'[5,{"granted":1,"denied:num":2,"passed":2},{"OK":2,"EACCES":2,"EADDRINUSE":1},0]' "totals"
}

@test "-c: the table also for a COMMAND killed by a signal" {
	run_privbind -137 --separate-stderr -c -u nobody sh -c '"$0" bind tcp 127.0.0.1 80; kill -KILL $$' "$PBTEST"
	is "$(rows <<<"$stderr")" "1 tcp 127.0.0.1:80 granted allowed OK" "rows"
}

@test "-c is not an option of COMMAND: after COMMAND, it is COMMAND's" {
	run_privbind -0 --separate-stderr -u nobody "$PBTEST" -c bind tcp 127.0.0.1 80
	is "$output" OK
	is "$stderr" "" "no table"
}

@test "every record of a long run is valid JSON: threads, forks, execs, odd names, EADDRINUSE, -n spent" {
	local odd=$'odd "name"\n\xff\\'
	cp "$PBTEST" "$PBT_DIR/$odd"
	run_privbind -0 --separate-stderr -vv -c --log-format=json -u nobody -p 80,81 -n 40 sh -c '
		for i in 1 2 3 4 5; do "$0" threads 8 tcp 127.0.0.1 80 >/dev/null; done
		"$1" bind tcp 127.0.0.1 80 tcp 127.0.0.1 80 unix "$2/$1.s" udp ::1 81 tcp 127.0.0.1 82
		"$0" bind loop 300 tcp 127.0.0.1 8080 && "$0" bind loop 100 udp 127.0.0.1 81 >/dev/null
		echo done' "$PBTEST" "$PBT_DIR/$odd" "$PBT_DIR"
	is "${lines[-1]}" done
	local all n=0 l
	all=("$PBT_START" "${stderr_lines[@]}")
	for l in "${all[@]}"; do
		[[ $l == '{'* ]] || continue	# the -c table's lines
		jq -e . <<<"$l" >/dev/null || { echo "# not JSON: $l" >&2; return 1; }
		n=$((n + 1))
	done
	jq -e . <<<"$PBT_END" >/dev/null && [[ -n $PBT_DROP ]] && jq -e . <<<"$PBT_DROP" >/dev/null
	local binds
	binds=$(printf '%s\n' "${stderr_lines[@]}" | grep -c '"event":"bind"')
	[[ $binds -gt 440 ]] || { echo "# $binds bind records" >&2; false; }
	is "$(jq .binds <<<"$PBT_END")" "$binds" "the end record counts every bind record"
	is "$(jq -r .comm <<<"$(printf '%s\n' "${stderr_lines[@]}" | grep '"event":"bind"' | grep -m1 '"addr":"unix:')")" \
		$'odd "name"\n\xc3\xbf\\' "an odd comm, exact"
	is "$(jq '[.summary[].count] | add' <<<"$PBT_END")" "$binds" "rows add up to every bind"
}
