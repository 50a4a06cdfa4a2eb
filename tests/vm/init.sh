#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the test guest (busybox ash): set up the bare minimum, run /cases.sh between two
# markers the host looks for, power off. If this script exits, the kernel panics and, with
# panic=-1 and qemu's -no-reboot, the VM stops: the missing end marker tells the host.
set -eu
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1
# Keep kernel messages from breaking up the result lines
echo 1 >/proc/sys/kernel/printk
# 127.0.0.1 and ::1 exist only once lo is up
ip link set lo up
export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root
cd /

# The newline ends a kernel line still open (4.9 prints Spectre's without one)
echo
echo "@@privbind-vm begin arch=$(uname -m) kernel=$(uname -r)"
# which privbind this is: run-vm compares the sum with the file it packed
echo "@@privbind-vm privbind sha256=$(sha256sum /bin/privbind | cut -d' ' -f1) $(/bin/privbind -V)"
# Every case on each of privbind's mechanisms in /modes (run-vm -m): the one it picks on this
# kernel (auto), then older ones forced (PRIVBIND_FALLBACK), each in a network namespace of
# its own. The mechanism line is what the README's support matrix is filled from.
status=0
total=0
for mode in $(tr ',' ' ' </modes); do
	case $mode in
	auto) fallback= ;;
	oldest) fallback=no-seccomp,no-pidfd,no-syscall-info ;;
	*) fallback=$mode ;;
	esac
	mech=$(PRIVBIND_FALLBACK=$fallback /bin/privbind -v -u nobody -- true 2>&1 |
		sed -n 's/^privbind: .* event=start .* mechanism=\([^ ]*\) .*/\1/p')
	echo "@@privbind-vm mechanism $mode=${mech:-unknown}"
	PRIVBIND_FALLBACK=$fallback PB_MODE=$mode PB_MECH=$mech \
		unshare -n sh -c 'ip link set lo up && exec sh /cases.sh' || status=$?
	ran=$(sed -n 's/^cases=//p' /tmp/cases.count 2>/dev/null)
	total=$((total + ${ran:-0}))
done
echo "@@privbind-vm end status=$status cases=$total"
poweroff -f
