#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# nginx, the man page's first example: as www-data on port 80 and on 443 with TLS, under
# privbind, in the foreground and as the daemon it makes of itself, fetched with curl.

load test_helper

NGINX=/usr/sbin/nginx

setup() {
	[[ -x $NGINX ]] || skip "nginx not installed (Debian package nginx)"
	command -v openssl >/dev/null || skip "openssl not installed"
	pbt_setup
	mkdir "$PBT_DIR/www" "$PBT_DIR/www2" "$PBT_DIR/temp"
	echo "nginx page ($BATS_TEST_NUMBER)" >"$PBT_DIR/www/index.html"
	echo "nginx page after reload" >"$PBT_DIR/www2/index.html"
	# a self-signed certificate; www-data must read the key, as nginx reads it as www-data
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
		-subj /CN=pbt.test -keyout "$PBT_DIR/key.pem" -out "$PBT_DIR/cert.pem" 2>/dev/null
	chown www-data "$PBT_DIR/key.pem" "$PBT_DIR/temp"
	write_conf www on
}

# write_conf ROOT DAEMON: nginx.conf serving $PBT_DIR/ROOT on 80 and 443, IPv4 and IPv6.
# Everything nginx writes (pid file, logs, temp files) is in $PBT_DIR, where www-data may.
write_conf() {
	cat >"$PBT_DIR/nginx.conf" <<EOF
daemon $2;
worker_processes 2;
pid $PBT_DIR/nginx.pid;
error_log $PBT_DIR/error.log notice;
events { worker_connections 64; }
http {
	access_log $PBT_DIR/access.log;
	client_body_temp_path $PBT_DIR/temp/body;
	proxy_temp_path $PBT_DIR/temp/proxy;
	fastcgi_temp_path $PBT_DIR/temp/fastcgi;
	uwsgi_temp_path $PBT_DIR/temp/uwsgi;
	scgi_temp_path $PBT_DIR/temp/scgi;
	server {
		listen 80;
		listen [::]:80;
		listen 443 ssl;
		listen [::]:443 ssl;
		ssl_certificate $PBT_DIR/cert.pem;
		ssl_certificate_key $PBT_DIR/key.pem;
		root $PBT_DIR/$1;
	}
}
EOF
}

nginx_cmd=()
set_nginx_cmd() { nginx_cmd=("$NGINX" -p "$PBT_DIR/" -c "$PBT_DIR/nginx.conf"); }

# fetch URL: the body, over HTTP or HTTPS (self-signed: -k), from inside the namespace
fetch() {
	nsrun curl -sS -k -g --max-time "$PBT_TIMEOUT" "$1"
}

serves() {	# serves URL BODY
	[[ $(fetch "$1" 2>/dev/null) == "$2" ]]
}

error_log() {
	sed 's/^/#   /' "$PBT_DIR/error.log" >&2 2>/dev/null || true
}

@test "without privbind, nginx as www-data cannot bind port 80 (control)" {
	write_conf www off
	set_nginx_cmd
	run -1 nsrun setpriv --reuid=www-data --regid=www-data --clear-groups "${nginx_cmd[@]}"
	like "$output" 'bind\(\) to 0\.0\.0\.0:80 failed \(13: Permission denied\)' "nginx's complaint"
}

@test "nginx in the foreground as www-data serves HTTP on 80 and HTTPS on 443, IPv4 and IPv6" {
	write_conf www off
	set_nginx_cmd
	bg_start web nsrun "$PRIVBIND" -v -u www-data -p 80,443 -- "${nginx_cmd[@]}"
	local page="nginx page ($BATS_TEST_NUMBER)"
	wait_until "nginx to answer on 443" serves https://127.0.0.1/ "$page" || { error_log; bg_dump web; false; }
	is "$(fetch http://127.0.0.1/)" "$page" "HTTP over IPv4"
	is "$(fetch 'http://[::1]/')" "$page" "HTTP over IPv6"
	is "$(fetch https://127.0.0.1/)" "$page" "HTTPS over IPv4"
	is "$(fetch 'https://[::1]:443/')" "$page" "HTTPS over IPv6"
	# the TLS server is the one configured here
	run -0 nsrun curl -sS -k -v --max-time "$PBT_TIMEOUT" -o /dev/null https://127.0.0.1/
	like "$output" 'subject: CN=pbt\.test' "certificate curl was shown"

	# nginx's master is the command (privbind's pid) and every listener is its, as www-data
	local master=${PBT_BG_PID[web]} port line
	for port in 80 443; do
		run -0 nsrun ss -Htlnp "sport = :$port"
		is "${#lines[@]}" 2 "listeners on :$port (IPv4 and IPv6)"
		for line in "${lines[@]}"; do
			like "$line" "\"nginx\",pid=$master,fd=" "listener of :$port"
		done
	done
	is "$(proc_field "$master" Uid)" "33 33 33 33" "master's uids (www-data)"
	tracer_of "$master" >/dev/null
	local workers
	workers=$(pgrep -P "$master")
	[[ -n $workers ]] || { echo "# nginx has no workers" >&2; false; }
	local pid
	for pid in $workers; do
		is "$(proc_field "$pid" Uid)" "33 33 33 33" "worker $pid's uids"
	done
	assert_no_root_process_in_ns_but_tracer

	# privbind -v saw each of the four binds and granted it
	local err=$BATS_TEST_TMPDIR/web.err addr
	for addr in '0\.0\.0\.0:80' '\[::\]:80' '0\.0\.0\.0:443' '\[::\]:443'; do
		grep -Eq "privbind: pid=$master .*proto=tcp addr=$addr decision=granted result=OK" "$err" ||
			{ echo "# no granted bind of $addr in:" >&2; sed 's/^/#   /' "$err" >&2; false; }
	done

	# SIGQUIT, nginx's graceful stop, ends master and workers; the tracer follows them
	kill -QUIT "$master"
	bg_wait web
	is "$BG_STATUS" 0 "nginx's exit status through privbind"
	wait_until "the namespace to be empty" ns_is_empty
}

@test "nginx allowed port 80 only fails on 443 as it would without privbind" {
	write_conf www off
	set_nginx_cmd
	run_privbind -1 -u www-data -p 80 -- "${nginx_cmd[@]}"
	like "$(cat "$PBT_DIR/error.log")" 'bind\(\) to 0\.0\.0\.0:443 failed \(13: Permission denied\)' "nginx's error log"
}

@test "nginx daemonizing itself: privbind returns 0 at once, the daemon serves, reloads and stops" {
	write_conf www on
	set_nginx_cmd
	run_privbind -0 -u www-data -p 80,443 -- "${nginx_cmd[@]}"
	is "$output" "" "privbind's and nginx's output"
	local master page="nginx page ($BATS_TEST_NUMBER)"
	master=$(cat "$PBT_DIR/nginx.pid")
	wait_until "nginx to answer on 443" serves https://127.0.0.1/ "$page" || { error_log; false; }
	is "$(fetch http://127.0.0.1/)" "$page" "HTTP from the daemon"
	is "$(proc_field "$master" Uid)" "33 33 33 33" "daemon master's uids"
	tracer_of "$master" >/dev/null

	# reload (SIGHUP): the master, as www-data, rereads its configuration and starts new
	# workers, which the tracer follows like the old ones
	local old_workers
	old_workers=$(pgrep -P "$master" | sort)
	write_conf www2 on
	kill -HUP "$master"
	wait_until "nginx to serve the new root" serves https://127.0.0.1/ "nginx page after reload" ||
		{ error_log; false; }
	is "$(fetch 'http://[::1]/')" "nginx page after reload" "HTTP after reload"
	local new
	for new in $(pgrep -P "$master"); do
		[[ $'\n'$old_workers$'\n' != *$'\n'$new$'\n'* ]] || continue
		tracer_of "$new" >/dev/null
		is "$(proc_field "$new" Uid)" "33 33 33 33" "new worker $new's uids"
	done

	# graceful stop; privbind's tracer leaves with the last nginx process
	kill -QUIT "$master"
	wait_until "the namespace to be empty" ns_is_empty
}

# every process in the namespace but privbind's tracer is www-data, without capabilities
assert_no_root_process_in_ns_but_tracer() {
	local pid tracer
	tracer=$(tracer_of "${PBT_BG_PID[web]}")
	for pid in $(ip netns pids "$PBT_NS"); do
		[[ $pid == "$tracer" ]] && continue
		is "$(proc_field "$pid" Uid)" "33 33 33 33" "uids of pid $pid ($(cat /proc/$pid/comm))"
		is "$(proc_field "$pid" CapEff)" 0000000000000000 "CapEff of pid $pid"
	done
}
