#!/bin/sh
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

echo "@@privbind-vm begin arch=$(uname -m) kernel=$(uname -r)"
status=0
sh /cases.sh || status=$?
echo "@@privbind-vm end status=$status $(cat /tmp/cases.count 2>/dev/null || echo cases=0)"
poweroff -f
