#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# valgrind's memcheck on privbind over a bind-heavy program: no invalid read or write, no use
# of uninitialised memory, no leak. valgrind cannot run privbind whole (it does not implement
# seccomp(2)): tests/helpers/pbtracer is privbind's main() over the same libprivbind.a, whose
# option parsing, lookups, launch and forked tracer run under valgrind, while the process
# that becomes the command re-executes itself natively. The log on stderr keeps `run` waiting
# for the tracer, so valgrind's leak check of it is in the log before the test reads it.

load test_helper
load hostile_helper

setup_file() {
	pbt_setup_file
	is_root || return 0
	cp "$PB_HELPERS/pbtracer" "$PBT_BIN/"
	chmod 755 "$PBT_BIN/pbtracer"
}

@test "memcheck: the tracer loop through granted, denied, failed and passed binds, threads and forks" {
	command -v valgrind >/dev/null || skip "valgrind is not installed (apt-get install valgrind)"
	! grep -q __asan_init "$PBT_BIN/pbtracer" ||
		skip "built with AddressSanitizer (--enable-sanitizers), which valgrind cannot run beside"
	local log=$PBT_DIR/memcheck.log
	run nsrun timeout -k 5 300 valgrind -q --trace-children=no --child-silent-after-fork=no \
		--log-file="$log" --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
		"$PBT_BIN/pbtracer" -v -u nobody -p 1-100,[::1]:443/tcp -- "$PBTEST" -c bind \
		loop 1000 tcp 127.0.0.1 80 tcp 127.0.0.1 80 tcp ::1 443 udp ::1 443 tcp 127.0.0.1 200 \
		unix "$PBT_DIR/sock" tcp 127.0.0.1 8080 badfd 127.0.0.1 80 tcp badptr 80 \
		tcp short:127.0.0.1 80 tcp6 ::ffff:127.0.0.1 80 tcp unspec 81
	sed 's/^/# /' "$log" >&2
	is "$status" 0 "pbtracer's status under valgrind (99: memcheck found errors)"
	is "$(grep -v -e '^privbind: ' <<<"$output" | tr '\n' ' ')" \
		"loop ok=1000 fail=0 first=- OK OK EACCES EACCES OK OK EBADF EFAULT EINVAL OK OK " "the program's results"
	is "$(grep -c 'decision=granted result=OK' <<<"$output")" 1004 "granted binds logged"
	run ! grep -E 'Invalid (read|write|free)|uninitialised|definitely lost|indirectly lost|possibly lost' "$log"

	run nsrun timeout -k 5 300 valgrind -q --trace-children=no --child-silent-after-fork=no \
		--log-file="$log" --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
		"$PBT_BIN/pbtracer" -v -u nobody -- "$PBTEST" threads 16 tcp 127.0.0.1 81
	sed 's/^/# /' "$log" >&2
	is "$status" 0 "pbtracer's status under valgrind, threads"
	is "$(grep -c ' OK$' <<<"$output")" 16 "16 threads' binds"
	run nsrun timeout -k 5 300 valgrind -q --trace-children=no --child-silent-after-fork=no \
		--log-file="$log" --leak-check=full --show-leak-kinds=definite,indirect,possible \
		--errors-for-leak-kinds=definite,indirect,possible --error-exitcode=99 \
		"$PBT_BIN/pbtracer" -v -u nobody -- "$PBTEST" tree tcp 127.0.0.1 80 81 82
	sed 's/^/# /' "$log" >&2
	is "$status" 0 "pbtracer's status under valgrind, fork and exec"
	is "$(grep -v '^privbind: ' <<<"$output" | tr '\n' ' ')" "parent OK child OK grandchild OK " "tree"
	report "valgrind memcheck: tracer loop clean over 1,000+ granted binds, 16 threads, fork+exec"
}
