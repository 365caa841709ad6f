#!/bin/bash
# hogrig virtual lab: orderly power-off. Stops btmon first so its btsnoop file ends on a
# complete record, then bluetoothd, flushes the 9p share and powers the VM off.
pkill -INT -x btmon
for _ in 1 2 3 4 5 6 7 8 9 10; do pgrep -x btmon >/dev/null || break; sleep 0.2; done
pkill -TERM -x bluetoothd
pkill -TERM -x btvirt
sleep 0.3
sync
echo "HOGRIG-LAB POWEROFF" >/dev/console
/bin/busybox poweroff -f || echo o >/proc/sysrq-trigger
