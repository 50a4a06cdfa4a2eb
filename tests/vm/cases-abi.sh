# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=sh disable=SC2154,SC2034 # sourced by cases.sh: pb, out, run, check, known are its
# cases-abi.sh - the x86_64 guests' ia32 and x32 cases, sourced by cases.sh (its run, check,
# lines and as_nobody). They mirror tests/130-abi.bats, which skips on hosts whose kernel runs
# no ia32 code: here every x86_64 kernel is one that does, so ia32 stays tested in CI.
# pbabi32 is a static i686 program; pbabi a static, non-PIE 64-bit one that makes ia32 calls
# with int $0x80 (its data below 4 GiB) and x32 calls.
a32=/bin/pbabi32
a64=/bin/pbabi

# $PB_MECH: privbind -v's mechanism in this mode (init.sh). Syscall injection, the path
# without pidfd_getfd (kernels before 5.6), serves the native ABI only (README, Requirements):
# there an ia32 or x32 bind is not granted and fails as it does without privbind, which is
# what these cases then expect.
native_only=no
case $PB_MECH in *+injection*) native_only=yes ;; esac
# (int $0x80 from 64-bit code on the registers-only path was a privbind bug these cases found,
# marked XFAIL until x86_64's arch_audit_of read the instruction: now an ordinary case.)

run $a32 abi
abi=$out
run $a64 int80-probe
check "ia32: the guest kernel runs a static i686 program and int \$0x80 from 64-bit code" \
	"$(lines ia32 OK)" "$(lines "$abi" "$out")"

run as_nobody "$a32 libc 180"
check "ia32: glibc's bind (socketcall) of port 180 fails for nobody without privbind" EACCES "$out"

port=181
for m in libc socketcall direct; do
	run $pb -u nobody -v -- $a32 $m $port
	got=$(printf '%s\n' "$out" "$(sed -n 's/.* \(proto=.* result=[^ ]*\).*/\1/p' /tmp/err)")
	if [ $native_only = yes ]; then
		check "ia32: $m bind of port $port is not granted on injection (native ABI only): EACCES, as without privbind" \
			"$(lines EACCES "proto=- addr=127.0.0.1:$port decision=passed result=EACCES")" "$got"
	else
		check "ia32: $m bind of port $port is granted" \
			"$(lines OK "proto=tcp addr=127.0.0.1:$port decision=granted result=OK")" "$got"
	fi
	port=$((port + 1))
done

run $pb -u nobody -v -p 81 -- $a32 socketcall 184
got=$(printf '%s\n' "$out" "$(sed -n 's/.* \(decision=[^ ]* result=[^ ]*\).*/\1/p' /tmp/err)")
if [ $native_only = yes ]; then
	check "ia32: a bind -p does not allow fails with EACCES (injection: passed through, not served)" \
		"$(lines EACCES 'decision=passed result=EACCES')" "$got"
else
	check "ia32: a bind -p does not allow is refused with EACCES" \
		"$(lines EACCES 'decision=denied:ports result=EACCES')" "$got"
fi

run $pb -u nobody -v -- $a32 direct 8090
got=$(printf '%s\n' "$out" "$(sed -n 's/.* \(decision=[^ ]* result=[^ ]*\).*/\1/p' /tmp/err)")
check "ia32: binding an unprivileged port passes through" \
	"$(lines OK 'decision=passed result=OK')" "$got"

run as_nobody "$a64 int80 185"
without=$out
run $pb -u nobody -- $a64 int80 186
bind=$out
run $pb -u nobody -- $a64 int80-socketcall 187
if [ $native_only = yes ]; then
	check "int \$0x80 from 64-bit code: EACCES with and without privbind (injection: native ABI only)" \
		"$(lines EACCES EACCES EACCES)" "$(lines "$without" "$bind" "$out")"
else
	check "int \$0x80 from 64-bit code: EACCES without privbind; bind and socketcall granted" \
		"$(lines EACCES OK OK)" "$(lines "$without" "$bind" "$out")"
fi

run $pb -u nobody -v -- $a64 int80-geteuid
# -v's start and end records; nothing else may come
got=$(printf '%s\n' "$out" "stderr: $(sed '/^privbind: .* event=\(start\|end\) /d' /tmp/err)")
check "int \$0x80 with i386 number 49 is geteuid, not bind: it runs untouched" \
	"$(lines 65534 'stderr: ')" "$got"

# x32 is on in the upstream kernels (X86_X32=y) and off by default in Debian's (ENOSYS)
run $a64 x32 188
root=$out
run $pb -u nobody -- $a64 x32 189
if [ $native_only = yes ] && [ "$root" = OK ]; then
	check "x32: a bind of port 189 is not granted on injection (native ABI only): EACCES (root: OK)" \
		EACCES "$out"
else
	check "x32: nobody under privbind gets root's answer ($root)" "$root" "$out"
fi
