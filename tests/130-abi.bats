#!/usr/bin/env bats
# SPDX-License-Identifier: GPL-2.0-or-later
# Every ABI the x86_64 kernel runs: ia32 programs (glibc's bind goes through socketcall,
# direct bind is i386 syscall 361), 64-bit programs making ia32 calls with int $0x80, and
# x32. The filter tells them apart by the architecture the kernel reports, never by the
# number alone: i386 syscall 49 is geteuid, not bind.
#
# A kernel may run no ia32 code at all although it has IA32_EMULATION (booted with
# ia32_emulation=0, or built without it): an i686 program's exec fails with ENOEXEC and
# int $0x80 kills its caller. There the ia32 tests skip, saying why; the x86_64 QEMU guests
# (make check-vms) run the same cases on kernels that do run ia32 code, so CI covers them on
# any host.

load test_helper

setup_file() {
	pbt_setup_file
	is_root || return 0
	local h
	for h in pbabi pbabi32; do
		if [[ -x $PB_HELPERS/$h ]]; then
			cp "$PB_HELPERS/$h" "$PBT_BIN/"
			chmod 755 "$PBT_BIN/$h"
		fi
	done
	# Once for the file: why this host's kernel cannot run ia32 code, or nothing
	local why= got
	if [[ -x $PBT_BIN/pbabi32 ]]; then
		got=$("$PBT_BIN/pbabi32" abi 2>&1) || got="$got${got:+, }status $?"
		[[ $got == ia32 ]] || why="a static i686 program did not run (${got:-no output})"
	fi
	if [[ -x $PBT_BIN/pbabi ]]; then
		got=$("$PBT_BIN/pbabi" int80-probe 2>&1) || got="$got${got:+, }status $?"
		[[ $got == OK ]] || why="$why${why:+; }${got:-int \$0x80 probe: no output}"
	fi
	PBT_NO_IA32=${why:+"this host's kernel runs no ia32 code: $why; the x86_64 QEMU guests (make check-vms) run these cases"}
	export PBT_NO_IA32
}

# need PROGRAM [ia32]: skip unless PROGRAM was built and, with ia32, the kernel runs ia32 code
need() {
	[[ $(uname -m) == x86_64 ]] || skip "x86_64 ABIs"
	[[ -x $PBT_BIN/$1 ]] || skip "$1 not built (the ia32 one needs Debian's gcc-i686-linux-gnu)"
	[[ ${2:-} != ia32 || -z ${PBT_NO_IA32:-} ]] || skip "$PBT_NO_IA32"
}

@test "ia32: glibc's bind (socketcall) of port 80 fails for nobody without privbind" {
	need pbabi32 ia32
	run -0 as_nobody "$PBT_BIN/pbabi32" libc 80
	is "$output" EACCES
}

@test "ia32: glibc's bind (socketcall), socketcall(SYS_BIND) and direct bind of port 80 are granted" {
	need pbabi32 ia32
	local mode
	for mode in libc socketcall direct; do
		run_privbind -0 --separate-stderr -v -u nobody "$PBT_BIN/pbabi32" "$mode" 80
		is "$output" OK "$mode: result"
		like "$stderr" "proto=tcp addr=127\.0\.0\.1:80 decision=granted result=OK" "$mode: log"
	done
}

@test "ia32: a bind -p does not allow is refused with EACCES, as without privbind" {
	need pbabi32 ia32
	run_privbind -0 --separate-stderr -v -u nobody -p 81 "$PBT_BIN/pbabi32" socketcall 80
	is "$output" EACCES
	like "$stderr" "decision=denied:ports result=EACCES" "log"
}

@test "ia32: binding an unprivileged port passes through" {
	need pbabi32 ia32
	run_privbind -0 --separate-stderr -v -u nobody "$PBT_BIN/pbabi32" direct 8080
	is "$output" OK
	like "$stderr" "decision=passed result=OK" "log"
}

@test "int \$0x80 from a 64-bit program: ia32 bind and socketcall(SYS_BIND) of port 80 are granted" {
	need pbabi ia32
	run -0 as_nobody "$PBT_BIN/pbabi" int80 80
	is "$output" EACCES "without privbind"
	run_privbind -0 -u nobody "$PBT_BIN/pbabi" int80 80
	is "$output" OK "int80 bind"
	run_privbind -0 -u nobody "$PBT_BIN/pbabi" int80-socketcall 80
	is "$output" OK "int80 socketcall"
}

@test "int \$0x80 with i386 number 49 is geteuid, not bind: it runs untouched" {
	need pbabi ia32
	run_privbind -0 --separate-stderr -v -u nobody "$PBT_BIN/pbabi" int80-geteuid
	is "$output" 65534 "geteuid"
	is "$stderr" "" "privbind saw no bind"
}

@test "x32: a bind answers as it does for root (ENOSYS where the kernel has x32 off)" {
	need pbabi
	run -0 nsrun "$PBT_BIN/pbabi" x32 80
	local root=$output
	like "$root" '^(OK|ENOSYS)$' "root's result"
	run_privbind -0 -u nobody "$PBT_BIN/pbabi" x32 80
	is "$output" "$root" "nobody's result under privbind"
}

@test "int \$0x80 from 64-bit code, told from the registers alone (no seccomp, no PTRACE_GET_SYSCALL_INFO)" {
	need pbabi ia32
	local regs=no-seccomp,no-syscall-info
	run -0 --separate-stderr nsrun env PRIVBIND_FALLBACK=$regs "$PRIVBIND" -v -u nobody "$PBT_BIN/pbabi" int80-geteuid
	is "$output" 65534 "geteuid (i386 49)"
	strip_mechanism_line
	is "$stderr" "" "no bind logged (past the start and end records)"
	run -0 nsrun env PRIVBIND_FALLBACK=$regs "$PRIVBIND" -u nobody "$PBT_BIN/pbabi" int80 80
	is "$(joined)" "OK" "an ia32 bind by int \$0x80 is granted"
}
