#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# contrib/logrotate/privbind: logrotate rotates a running privbind's --log FILE, and the
# records of the binds after the rotation are in FILE, whole, with nothing before them.

load test_helper

# addrs FILE: the addr= of each bind record in FILE, space-separated
addrs() {
	local l out=()
	while IFS= read -r l; do
		[[ $l =~ \ addr=([^ ]*)\ .*decision=([^ ]*) ]] || continue
		out+=("${BASH_REMATCH[1]}/${BASH_REMATCH[2]}")
	done <"$1"
	echo "${out[*]}"
}

# valid FILE: FILE holds only whole privbind records: no NUL (a hole a writer without
# O_APPEND leaves after the truncation), every line a record
valid() {
	local l n=0
	if [[ $(tr -d '\000' <"$1" | wc -c) != $(wc -c <"$1") ]]; then
		echo "# $1 holds NUL bytes:" >&2
		od -c "$1" | head -n 5 >&2
		return 1
	fi
	while IFS= read -r l; do
		n=$((n + 1))
		[[ $l == "privbind: "* ]] || { echo "# line $n of $1 is not a record: [$l]" >&2; return 1; }
	done <"$1"
}

@test "logrotate with contrib/logrotate/privbind: privbind keeps logging into --log FILE" {
	command -v logrotate >/dev/null || skip "logrotate not installed (Debian package logrotate)"
	local dir=$PBT_DIR/log conf=$PBT_DIR/logrotate.conf
	# logrotate refuses a directory others may write to
	mkdir -m 0755 "$dir"
	sed "s|^/var/log/privbind/\*\.log {|$dir/*.log {|" "$PB_SRCDIR/contrib/logrotate/privbind" >"$conf"
	grep -q "^$dir/\*\.log {$" "$conf" || { echo "# the example's path pattern was not found" >&2; false; }

	bg_start cmd nsrun "$PRIVBIND" --log "$dir/web.log" -u nobody -p 80,81 -- \
		"$PBTEST" bind tcp 127.0.0.1 80 tcp 127.0.0.1 82 wait tcp 127.0.0.1 81 tcp 127.0.0.1 83 wait
	bg_expect cmd '^waiting$'
	is "${PBT_BG_LOG[cmd]}" $'OK\nEACCES\nwaiting\n' "binds before the rotation"
	is "$(addrs "$dir/web.log")" "127.0.0.1:80/granted 127.0.0.1:82/denied:ports" "records before"

	run -0 logrotate -v -f -s "$PBT_DIR/logrotate.state" "$conf"
	[[ -s $dir/web.log.1 ]] || { echo "# logrotate made no $dir/web.log.1:" >&2; ls -l "$dir" >&2; echo "$output" >&2; false; }
	is "$(addrs "$dir/web.log.1")" "127.0.0.1:80/granted 127.0.0.1:82/denied:ports" "records in the rotated file"
	is "$(wc -c <"$dir/web.log")" 0 "FILE right after the rotation"

	bg_send cmd ""
	bg_expect cmd '^waiting$'
	is "${PBT_BG_LOG[cmd]}" $'OK\nEACCES\nwaiting\nOK\nEACCES\nwaiting\n' "binds after the rotation"
	is "$(addrs "$dir/web.log")" "127.0.0.1:81/granted 127.0.0.1:83/denied:ports" "records after, in FILE"
	valid "$dir/web.log"
	valid "$dir/web.log.1"
	is "$(addrs "$dir/web.log.1")" "127.0.0.1:80/granted 127.0.0.1:82/denied:ports" "the rotated file, unchanged"

	# the next rotation compresses the previous one (delaycompress) and empties FILE again
	run -0 logrotate -f -s "$PBT_DIR/logrotate.state" "$conf"
	is "$(gzip -dc "$dir/web.log.2.gz" | addrs /dev/stdin)" "127.0.0.1:80/granted 127.0.0.1:82/denied:ports" "web.log.2.gz"
	is "$(addrs "$dir/web.log.1")" "127.0.0.1:81/granted 127.0.0.1:83/denied:ports" "web.log.1"
	bg_wait cmd
	is "$BG_STATUS" 0 "the command's exit status"
	valid "$dir/web.log"
}
