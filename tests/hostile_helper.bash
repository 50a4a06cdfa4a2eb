# SPDX-License-Identifier: GPL-2.0-or-later
# Loaded after test_helper by the 3xx suites: pbhostile (tests/helpers/pbhostile.c) beside
# pbtest in $PBT_BIN, as $HOSTILE, and a few views of the kernel and of privbind's tracer.

setup_file() {
	pbt_setup_file
	is_root || return 0
	cp "$PB_HELPERS/pbhostile" "$PBT_BIN/"
	chmod 755 "$PBT_BIN/pbhostile"
}

setup() {
	pbt_setup
	HOSTILE=$PBT_BIN/pbhostile
}

# ns_tcp_locals: the local address of every TCP socket in the test's namespace (kernel's view)
ns_tcp_locals() {
	nsrun ss -Htan | awk '{print $4}'
}

# inet_socket_count PID: socket descriptors PID holds that are not AF_UNIX (without pidfd_getfd
# privbind's tracer holds one unix socket of its own: the one programs hand their sockets to)
inet_socket_count() {
	local n=0 f link unix
	unix=$(awk 'NR > 1 {print $7}' /proc/"$1"/net/unix 2>/dev/null)
	for f in /proc/"$1"/fd/*; do
		link=$(readlink "$f" 2>/dev/null) || continue
		[[ $link == socket:* ]] || continue
		link=${link#socket:[}
		grep -qx "${link%]}" <<<"$unix" || n=$((n + 1))
	done
	echo "$n"
}

# rss_kb PID: resident anonymous memory of PID, in kB (heap and stack; what a leak grows)
rss_kb() {
	local v
	v=$(proc_field "$1" RssAnon) || return 1
	v=${v%kB}
	echo $((v))
}

# report TEXT: a line in the TAP output even when the test passes (numbers for README)
report() {
	echo "# $*" >&3
}
