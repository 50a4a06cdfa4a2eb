#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Who the command is: uid, gid, groups from the group database, no capabilities.

load test_helper

PBT_USER=pbtest-user
PBT_GROUPS=(pbtest-prim pbtest-sup1 pbtest-sup2)

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
	remove_test_user		# leftovers of an interrupted run
	local g
	for g in "${PBT_GROUPS[@]}"; do
		groupadd "$g"
	done
	useradd -M -N -d /nonexistent -s /usr/sbin/nologin -g pbtest-prim -G pbtest-sup1,pbtest-sup2 "$PBT_USER"
}

teardown_file() {
	is_root && remove_test_user
	pbt_teardown_file
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

gid_of() { getent group "$1" | cut -d: -f3; }

@test "the command runs as nobody:nogroup with nogroup as its only group" {
	run_privbind -0 -u nobody "$PBTEST" id
	is "$(field Uid)" "65534 65534 65534 65534" "real, effective, saved, fs uid"
	is "$(field Gid)" "65534 65534 65534 65534" "real, effective, saved, fs gid"
	is "$(field Groups)" "65534" "supplementary groups"
}

@test "the command has no capabilities and NoNewPrivs stays 0" {
	run_privbind -0 -u nobody "$PBTEST" id
	is "$(field CapInh)" 0000000000000000 CapInh
	is "$(field CapPrm)" 0000000000000000 CapPrm
	is "$(field CapEff)" 0000000000000000 CapEff
	is "$(field CapAmb)" 0000000000000000 CapAmb
	is "$(field NoNewPrivs)" 0 NoNewPrivs
}

@test "a created user gets its login group and its supplementary groups from the group database" {
	local uid gid expected
	uid=$(id -u "$PBT_USER")
	gid=$(gid_of pbtest-prim)
	expected=$(id -G "$PBT_USER" | tr ' ' '\n' | sort -n | paste -sd' ')
	like "$expected" "^[0-9]+ [0-9]+ [0-9]+$" "id -G $PBT_USER (three groups)"
	run_privbind -0 -u "$PBT_USER" "$PBTEST" id
	is "$(field Uid)" "$uid $uid $uid $uid" "uids"
	is "$(field Gid)" "$gid $gid $gid $gid" "gids"
	is "$(field Groups)" "$expected" "groups"
	is "$(field CapEff)" 0000000000000000 CapEff
}

@test "-g sets the primary group and the user keeps the supplementary groups of the database" {
	local sup1 sup2 gid groups
	sup1=$(gid_of pbtest-sup1)
	sup2=$(gid_of pbtest-sup2)
	run_privbind -0 -u "$PBT_USER" -g pbtest-sup2 "$PBTEST" id
	is "$(field Gid)" "$sup2 $sup2 $sup2 $sup2" "gids with -g pbtest-sup2"
	groups=" $(field Groups) "
	like "$groups" " $sup1 " "groups contain pbtest-sup1"
	like "$groups" " $sup2 " "groups contain pbtest-sup2"
	[[ $groups != *" 0 "* ]] || { echo "# root's group kept: $groups" >&2; false; }
}

@test "-u and -g take numeric ids" {
	run_privbind -0 -u 65534 -g 65534 "$PBTEST" id
	is "$(field Uid)" "65534 65534 65534 65534" "uids"
	is "$(field Gid)" "65534 65534 65534 65534" "gids"
	is "$(field Groups)" "65534" "groups"
}

@test "a numeric uid without a passwd entry runs with -g and gets no supplementary groups" {
	getent passwd 4242 >/dev/null && skip "uid 4242 has a passwd entry here"
	getent group 4242 >/dev/null && skip "gid 4242 has a group entry here"
	run_privbind -0 -u 4242 -g 4242 "$PBTEST" id
	is "$(field Uid)" "4242 4242 4242 4242" "uids"
	is "$(field Gid)" "4242 4242 4242 4242" "gids"
	like "$(field Groups)" "^(4242)?$" "groups (none, or only the primary group)"
	is "$(field CapEff)" 0000000000000000 CapEff
	run_privbind -0 -u 4242 -g 4242 "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" "OK" "bind of port 80 as uid 4242"
}

@test "a setuid-root program run by the command still gains root (no no_new_privs)" {
	cp "$PBTEST" "$PBT_DIR/pbtest-suid"
	chown root:root "$PBT_DIR/pbtest-suid"
	chmod 4755 "$PBT_DIR/pbtest-suid"
	# control: the same without privbind
	run -0 as_nobody "$PBT_DIR/pbtest-suid" id
	is "${lines[0]}" "Uid=65534 0 0 0" "setuid program's uids without privbind"
	run_privbind -0 -u nobody "$PBT_DIR/pbtest-suid" id
	is "${lines[0]}" "Uid=65534 0 0 0" "setuid program's uids under privbind"
}

# own_etc PASSWD GROUP: $PBT_DIR/etc, an /etc of its own for run_in_etc: NSS reads only files,
# and the passwd and group databases hold root alone; PASSWD or GROUP "dir" makes that
# database a directory (unreadable: EISDIR), "none" leaves it out
own_etc() {
	local e=$PBT_DIR/etc
	mkdir -p "$e"
	cp /etc/ld.so.cache "$e/"
	printf 'passwd: files\ngroup: files\n' >"$e/nsswitch.conf"
	case $1 in
	dir) mkdir "$e/passwd" ;;
	none) ;;
	*) echo 'root:x:0:0:root:/root:/bin/sh' >"$e/passwd" ;;
	esac
	case $2 in
	dir) mkdir "$e/group" ;;
	none) ;;
	*) echo 'root:x:0:' >"$e/group" ;;
	esac
}

# run_in_etc [run flags] PRIVBIND-ARGS...: run_privbind with $PBT_DIR/etc mounted on /etc
# (in a mount namespace of its own)
run_in_etc() {
	local -a flags=()
	while [[ $1 == -[0-9]* || $1 == --separate-stderr ]]; do
		flags+=("$1")
		shift
	done
	run "${flags[@]}" nsrun timeout -k 5 "$PBT_TIMEOUT" unshare -m sh -c \
		'mount --bind "$0" /etc && exec "$@"' "$PBT_DIR/etc" "$PRIVBIND" "$@"
}

@test "numeric -u 65534 -g 65534 with no passwd or group entry for them: those ids, no groups" {
	own_etc root root
	run_in_etc -0 -u 65534 -g 65534 "$PBTEST" id
	is "$(field Uid)" "65534 65534 65534 65534" "uids (the kernel's)"
	is "$(field Gid)" "65534 65534 65534 65534" "gids"
	is "$(field Groups)" "" "no supplementary groups"
	is "$(field CapEff)" 0000000000000000 CapEff
	run_in_etc -0 -u 65534 -g 65534 "$PBTEST" bind tcp 127.0.0.1 80
	is "$output" OK "bind of port 80 as uid 65534"
	# the same with no database files at all (a container's /etc)
	rm -rf "$PBT_DIR/etc" && own_etc none none
	run_in_etc -0 -u 4242 -g 4242 "$PBTEST" id
	is "$(field Uid)" "4242 4242 4242 4242" "uids with no /etc/passwd"
	is "$(field Groups)" "" "no supplementary groups with no /etc/group"
	# a name is still looked up, and not found
	run_in_etc -125 --separate-stderr -u nobody "$PBTEST" id
	like "$stderr" "unknown user 'nobody'" "message"
}

@test "a passwd or group database that cannot be read is an error naming it (125), even for numeric ids" {
	own_etc dir root
	run_in_etc -125 --separate-stderr -u 4242 -g 4242 touch "$PBT_DIR/ran"
	like "$stderr" "cannot read the passwd database \(/etc/passwd, .*\) to look up user '4242': Is a directory" "numeric uid"
	run_in_etc -125 --separate-stderr -u nobody touch "$PBT_DIR/ran"
	like "$stderr" "cannot read the passwd database \(/etc/passwd, .*\) to look up user 'nobody'" "user name"
	rm -rf "$PBT_DIR/etc" && own_etc root dir
	run_in_etc -125 --separate-stderr -u 4242 -g nogroup touch "$PBT_DIR/ran"
	like "$stderr" "cannot read the group database \(/etc/group, .*\) to look up group 'nogroup'" "group name"
	[[ ! -e $PBT_DIR/ran ]]
}
