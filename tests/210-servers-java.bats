#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Java, which can never drop root by itself: a com.sun.net.httpserver server on port 80,
# run as a single-file program (java Server.java) by nobody under privbind.

load test_helper

setup() {
	command -v java >/dev/null || skip "java not installed (Debian package openjdk-17-jdk-headless)"
	# `java File.java` compiles in memory with the JDK's compiler; a JRE alone cannot
	command -v javac >/dev/null || skip "no JDK: java Server.java needs javac's module (openjdk-17-jdk-headless)"
	pbt_setup
	# nobody reads the source: a copy where it can (the source tree may be mode 0700)
	SERVER=$PBT_DIR/Server.java
	install -m 0644 "$PB_SRCDIR/tests/servers/Server.java" "$SERVER"
	# no hsperfdata files in /tmp, no class data sharing archive to map: nothing to clean up
	JAVA=(java -XX:-UsePerfData -Xshare:off -XX:TieredStopAtLevel=1)
}

@test "without privbind, the Java server as nobody cannot bind port 80 (control)" {
	run ! as_nobody timeout "$PBT_TIMEOUT" "${JAVA[@]}" "$SERVER" 0.0.0.0 80
	like "$output" 'java\.net\.BindException: Permission denied' "the JVM's exception"
}

@test "a Java HTTP server as nobody on port 80 answers curl over IPv4 and IPv6" {
	bg_start java nsrun "$PRIVBIND" -v -u nobody -p 80/tcp -- "${JAVA[@]}" "$SERVER" :: 80
	bg_expect java '^listening on '
	run -0 nsrun curl -sS --max-time "$PBT_TIMEOUT" http://127.0.0.1/
	is "$output" "java user.name=nobody" "answer over IPv4"
	run -0 nsrun curl -sS -g --max-time "$PBT_TIMEOUT" 'http://[::1]:80/'
	is "$output" "java user.name=nobody" "answer over IPv6"
	# the JVM is the command: privbind's pid, nobody, under the tracer, owner of the listener
	local jvm=${PBT_BG_PID[java]}
	run -0 nsrun ss -Htlnp 'sport = :80'
	like "$output" "\"java\",pid=$jvm," "listener of :80"
	is "$(proc_field "$jvm" Uid)" "65534 65534 65534 65534" "JVM's uids"
	tracer_of "$jvm" >/dev/null
	run -0 grep -c 'decision=granted result=OK' "$BATS_TEST_TMPDIR/java.err"
	is "$output" 1 "granted binds (one dual-stack socket)"
	# SIGTERM runs the JVM's shutdown and ends it as it would without privbind: 143
	kill -TERM "$jvm"
	bg_wait java
	is "$BG_STATUS" 143 "the JVM's exit status after SIGTERM"
	wait_until "the namespace to be empty" ns_is_empty
}

@test "Java binds 127.0.0.1 through an IPv4-mapped IPv6 address, which -p 127.0.0.1:80 allows" {
	bg_start java nsrun "$PRIVBIND" -v -u nobody -p 127.0.0.1:80/tcp -- "${JAVA[@]}" "$SERVER" 127.0.0.1 80
	bg_expect java '^listening on '
	run -0 nsrun curl -sS --max-time "$PBT_TIMEOUT" http://127.0.0.1:80/
	is "$output" "java user.name=nobody" "answer"
	run -0 grep 'decision=' "$BATS_TEST_TMPDIR/java.err"
	like "$output" 'proto=tcp addr=\[::ffff:127\.0\.0\.1\]:80 decision=granted result=OK' "what privbind saw"
}
