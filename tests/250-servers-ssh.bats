#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# SSH on port 22 without root: dropbear, which (unlike OpenSSH's sshd, whose privilege
# separation needs root) runs as an ordinary user and then lets that user alone log in.
# The user is one this file creates; OpenSSH's client logs in with a key and runs commands.

load test_helper

DROPBEAR=/usr/sbin/dropbear
PBT_USER=pbtest-ssh

remove_test_user() {
	userdel "$PBT_USER" 2>/dev/null || true
	groupdel "$PBT_USER" 2>/dev/null || true
}

setup_file() {
	pbt_setup_file
	is_root || return 0
	remove_test_user		# leftovers of an interrupted run
	# dropbear insists on a login shell listed in /etc/shells; the home is made per test
	useradd -M -U -d /nonexistent -s /bin/sh "$PBT_USER"
}

teardown_file() {
	is_root && remove_test_user
	pbt_teardown_file
}

setup() {
	[[ -x $DROPBEAR ]] || skip "dropbear not installed (Debian package dropbear-bin)"
	command -v ssh >/dev/null || skip "ssh not installed (Debian package openssh-client)"
	pbt_setup
	# the user's home, with the client's key authorized, and the server's host key
	local home=$PBT_DIR/home
	mkdir -m 0755 "$home"
	mkdir -m 0700 "$home/.ssh"
	ssh-keygen -q -t ed25519 -N '' -C pbt-client -f "$PBT_DIR/client_key"
	cp "$PBT_DIR/client_key.pub" "$home/.ssh/authorized_keys"
	dropbearkey -t ed25519 -f "$home/host_key" >/dev/null 2>&1
	chown -R "$PBT_USER:$PBT_USER" "$home"
	usermod -d "$home" "$PBT_USER"
	SSHD=("$DROPBEAR" -F -E -s -p 22 -r "$home/host_key" -P "$home/dropbear.pid")
}

# ssh_run ADDR CMD: CMD run by the server over SSH, as the test user
ssh_run() {
	nsrun timeout "$PBT_TIMEOUT" ssh -i "$PBT_DIR/client_key" -p 22 \
		-o BatchMode=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null \
		-o LogLevel=ERROR -o ConnectTimeout=5 "$PBT_USER@$1" "$2"
}

listening() {	# listening PID
	nsrun ss -Htlnp 'sport = :22' | grep -q "pid=$1,"
}

@test "without privbind, dropbear as its user cannot bind port 22 (control)" {
	run ! nsrun setpriv --reuid="$PBT_USER" --regid="$PBT_USER" --init-groups timeout "$PBT_TIMEOUT" "${SSHD[@]}"
	like "$output" 'Error listening: Permission denied' "dropbear's complaint"
}

@test "dropbear as an ordinary user on port 22: ssh logs in with a key over IPv4 and IPv6" {
	bg_start sshd nsrun "$PRIVBIND" -u "$PBT_USER" -p 22/tcp -- "${SSHD[@]}"
	local pid=${PBT_BG_PID[sshd]} uid
	wait_until "dropbear to listen on 22" listening "$pid" || { bg_dump sshd; false; }
	uid=$(id -u "$PBT_USER")
	run -0 ssh_run 127.0.0.1 'id -un; echo "$SSH_CONNECTION"'
	is "${lines[0]}" "$PBT_USER" "who the session runs as"
	like "${lines[1]}" '^127\.0\.0\.1 [0-9]+ 127\.0\.0\.1 22$' "the session's SSH_CONNECTION"
	run -0 ssh_run ::1 'grep -E "^(Uid|TracerPid):" /proc/$$/status'
	like "$output" "Uid:	$uid	$uid	$uid	$uid" "the session shell's uids"
	# the session's shell is a child of dropbear: privbind's tracer follows it too
	like "$output" "TracerPid:	$(tracer_of "$pid")" "the session shell's tracer"
	# dropbear is the command: privbind's pid, the user's identity, its pid file
	is "$(cat "$PBT_DIR/home/dropbear.pid")" "$pid" "dropbear's pid file"
	is "$(proc_field "$pid" Uid)" "$uid $uid $uid $uid" "dropbear's uids"
	kill -TERM "$pid"
	bg_wait sshd
	wait_until "the namespace to be empty" ns_is_empty
}
