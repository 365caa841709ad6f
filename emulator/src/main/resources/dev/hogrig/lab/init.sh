#!/bin/busybox sh
# hogrig virtual lab: /init of the initramfs (runs as PID 1 under busybox sh).
# Loads the virtio-9p modules, mounts the machine's root read-only and the lab's output
# directory writable, then chroots into the machine's root and runs the lab's guest script.
/bin/busybox --install -s /bin
export PATH=/bin

fail() {
  echo "HOGRIG-LAB FAILED init: $*"
  sleep 2
  poweroff -f
}

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

for m in $(cat /modules/order); do
  insmod "/modules/$m" || fail "insmod $m"
done

R=/newroot
# cache=loose: programs and libraries are read ahead into the page cache instead of one 4 KiB
# 9p read per page fault (btmon started in 2 s instead of 6, bluetoothd powered its controllers
# in 4 s instead of 10). The guest then never sees a change the machine makes to a file it has
# read: what may change is read through the uncached view mounted below (freshroot).
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144,cache=loose hostroot $R \
  || fail "cannot mount the machine's root over 9p (mount tag hostroot)"
mount -t proc proc $R/proc || fail "proc"
mount -t sysfs sysfs $R/sys || fail "sysfs"
mount -t devtmpfs devtmpfs $R/dev || fail "devtmpfs"
mkdir -p $R/dev/pts $R/dev/shm 2>/dev/null
mount -t devpts devpts $R/dev/pts 2>/dev/null
mount -t tmpfs -o mode=1777 tmpfs $R/dev/shm 2>/dev/null
mount -t tmpfs -o mode=0755 tmpfs $R/run || fail "tmpfs /run"
mount -t tmpfs -o mode=1777 tmpfs $R/tmp || fail "tmpfs /tmp"
mount -t tmpfs -o mode=0700 tmpfs $R/var/lib/bluetooth || fail "tmpfs /var/lib/bluetooth"
mkdir -p $R/run/hogrig-lab/out $R/run/hogrig-lab/fresh
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144 freshroot $R/run/hogrig-lab/fresh \
  || fail "cannot mount the machine's root uncached over 9p (mount tag freshroot)"
mount -t 9p -o trans=virtio,version=9p2000.L,rw,msize=262144 labout $R/run/hogrig-lab/out \
  || fail "cannot mount the lab output share (mount tag labout)"
cp /lab/* $R/run/hogrig-lab/ || fail "cannot copy the lab files"
exec chroot $R /bin/bash /run/hogrig-lab/guest.sh
fail "chroot"
