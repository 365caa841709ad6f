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
mount -t 9p -o trans=virtio,version=9p2000.L,ro,msize=262144 hostroot $R \
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
mkdir -p $R/run/hogrig-lab/out
mount -t 9p -o trans=virtio,version=9p2000.L,rw,msize=262144 labout $R/run/hogrig-lab/out \
  || fail "cannot mount the lab output share (mount tag labout)"
cp /lab/* $R/run/hogrig-lab/ || fail "cannot copy the lab files"
exec chroot $R /bin/bash /run/hogrig-lab/guest.sh
fail "chroot"
