#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# A static privbind (make release, --enable-static-binary) on a machine without the shared
# libraries and NSS modules its build machine had: -u NAME and -g NAME and the user's groups
# come from /etc/passwd and /etc/group through the static glibc's built-in "files" lookup,
# while nsswitch.conf still names modules (here: systemd) that cannot be loaded.
# `make check-release` runs this with the release binary as PRIVBIND; with a dynamically
# linked privbind (make check) it skips.

load test_helper

PBT_USER=pbstatic-user
PBT_GROUPS=(pbstatic-prim pbstatic-sup)

remove_test_user() {
	local g
	userdel "$PBT_USER" 2>/dev/null || true
	for g in "${PBT_GROUPS[@]}"; do
		groupdel "$g" 2>/dev/null || true
	done
}

setup_file() {
	pbt_setup_file
	is_root || return 0
	remove_test_user
	groupadd pbstatic-prim
	groupadd pbstatic-sup
	useradd -M -N -d /nonexistent -s /usr/sbin/nologin -g pbstatic-prim -G pbstatic-sup "$PBT_USER"
}

teardown_file() {
	is_root && remove_test_user
	pbt_teardown_file
}

setup() {
	pbt_setup
	readelf -lW "$PRIVBIND" | grep -q 'Requesting program interpreter' &&
		skip "privbind is dynamically linked (make check-release runs this with the static release binary)"
	# where this machine's libc and NSS modules are (/usr/lib/x86_64-linux-gnu on Debian)
	LIBDIR=$(dirname "$(ldd /bin/sh | awk '/libc\.so/ { print $3 }')")
	[[ -e $LIBDIR/libc.so.6 ]] || { echo "# no libc.so.6 found from ldd /bin/sh" >&2; false; }
	mkdir "$PBT_DIR/empty"
}

# without_libs CMD...: CMD in this test's network namespace and a mount namespace of its own
# in which LIBDIR is an empty directory: no libc.so.6, no libnss_*.so. Only a static
# program can start there; sh, already running, checks first that the modules are gone.
without_libs() {
	nsrun timeout -k 5 "$PBT_TIMEOUT" unshare --mount --propagation private sh -c '
		mount --bind "$1" "$2" || exit 90
		shift 2
		for f in "$LIBDIR"/libc.so.6 "$LIBDIR"/libnss_files.so.2 "$LIBDIR"/libnss_systemd.so.2; do
			[ ! -e "$f" ] || exit 91
		done
		exec "$@"
	' without_libs "$PBT_DIR/empty" "$LIBDIR" "$@"
}

# field KEY: the KEY=value line of pbtest id's $output
field() {
	local l
	for l in "${lines[@]}"; do
		[[ $l == "$1="* ]] && { echo "${l#*=}"; return 0; }
	done
	echo "# no $1= in: $output" >&2
	return 1
}

@test "static privbind: -u NAME, -g NAME and the user's groups with no libc.so and no NSS module" {
	export LIBDIR
	local uid prim sup
	uid=$(id -u "$PBT_USER")
	prim=$(getent group pbstatic-prim | cut -d: -f3)
	sup=$(getent group pbstatic-sup | cut -d: -f3)
	# the control: a dynamically linked program cannot even start there
	run -127 without_libs "$PB_HELPERS/pbtest" id
	run -0 without_libs "$PRIVBIND" -V
	is "$output" "privbind $(sed -n 's/^AC_INIT(\[privbind\], \[\([^]]*\)\].*/\1/p' "$PB_SRCDIR/configure.ac")" "-V"
	run -0 without_libs "$PRIVBIND" -u "$PBT_USER" -- "$PBT_BIN/pbtest-static" id
	is "$(field Uid)" "$uid $uid $uid $uid" "uids of -u $PBT_USER"
	is "$(field Gid)" "$prim $prim $prim $prim" "gids: the login group"
	is "$(field Groups)" "$(printf '%s\n' "$prim" "$sup" | sort -n | paste -sd' ')" "groups from /etc/group"
	is "$(field CapEff)" 0000000000000000 CapEff
	run -0 without_libs "$PRIVBIND" -u nobody -g pbstatic-sup -- "$PBT_BIN/pbtest-static" id
	is "$(field Uid)" "65534 65534 65534 65534" "uids of -u nobody"
	is "$(field Gid)" "$sup $sup $sup $sup" "gids of -g pbstatic-sup"
	run -0 without_libs "$PRIVBIND" -u "$PBT_USER" -p 80 -- "$PBT_BIN/pbtest-static" bind tcp 127.0.0.1 80 tcp 127.0.0.1 81
	is "$(joined)" "OK EACCES" "binds of 80 (granted) and 81 (not in -p)"
	# an unknown name is an error naming it, as with the dynamic privbind
	run -125 --separate-stderr without_libs "$PRIVBIND" -u pbstatic-nosuchuser -- "$PBT_BIN/pbtest-static" id
	like "$stderr" "pbstatic-nosuchuser" "the message names the user"
}
