#!/bin/bash
# hogrig virtual lab: the guest script, run by init in the machine's root (read-only 9p).
# Prints exactly one readiness line on the console:
#   HOGRIG-LAB READY controllers=hci1/00:AA:01:01:00:01,hci2/00:AA:01:02:00:02 dead= bluez=5.82
#   HOGRIG-LAB FAILED <why>
# and serves the host's commands on the virtio-serial port named hogrig.ctl.
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C.UTF-8
LAB=/run/hogrig-lab
OUT=$LAB/out
cd /

# This script is PID 1 after init's exec chroot: it must stay alive (its end would panic the
# kernel) and reap orphans that guest commands leave behind, which bash's wait does.
idle() { while :; do sleep 3600 & wait $!; done; }
say() { printf "\nHOGRIG-LAB %s\n" "$*" >/dev/console; step "$*"; }
# Guest uptime at each step, for the boot figures in docs/virtual-lab.md.
step() { echo "$(cut -d' ' -f1 /proc/uptime) $*" >>"$OUT/guest.log"; }
step "guest script started"

cmdline_param() { sed -n "s/.*\\bhogrig\\.$1=\\([^ ]*\\).*/\\1/p" /proc/cmdline; }
WANT=$(cmdline_param controllers)
WANT=${WANT:-3}
BTDEBUG=$(cmdline_param btdebug)
# Which controllers: btvirt's (default), or the JVM's Java radio on ttyS1 and ttyS2 (H4).
RADIO=$(cmdline_param radio)
[ "$RADIO" = java ] && WANT=2
SETTLE=$(cmdline_param settle)
SETTLE=${SETTLE:-40}
# Which bluetoothd: a BlueZ staged by scripts/stage-bluez (its folder), or the machine's own.
BLUEZ=$(cmdline_param bluez)
BTD=/usr/libexec/bluetooth/bluetoothd
[ -n "$BLUEZ" ] && BTD=$BLUEZ/bin/bluetoothd

# --- control channel -------------------------------------------------------------------
# One request a line: "<token> <timeout-seconds> <base64 of the command>". The answer is the
# command's stdout+stderr, then "\n<token> <exit status>\n".
ctl_port() {
  local d
  for d in /sys/class/virtio-ports/*; do
    [ "$(cat "$d/name" 2>/dev/null)" = hogrig.ctl ] && { echo "/dev/${d##*/}"; return 0; }
  done
  return 1
}
ctl_loop() {
  local port token secs b64 cmd rc
  while true; do
    port=$(ctl_port) || { sleep 0.5; continue; }
    [ -c "$port" ] || { sleep 0.5; continue; }
    exec 3<>"$port" || { sleep 0.5; continue; }
    # read returns EOF while no host is connected: then reopen after a pause.
    while IFS=' ' read -r token secs b64 <&3; do
      [ -n "$token" ] || continue
      cmd=$(printf '%s' "$b64" | base64 -d 2>/dev/null)
      (cd /root 2>/dev/null || cd /; exec timeout -k 2 "${secs:-60}" bash -c "$cmd") \
        <&4 >&3 2>&3
      rc=$?
      printf '\n%s %d\n' "$token" "$rc" >&3
    done
    exec 3<&-
    sleep 0.3
  done
}

# Commands get an idle stdin: a FIFO whose write end stays open, so reads block instead of
# seeing EOF. BlueZ's shell-based tools (bluetoothctl, btmgmt) quit on stdin EOF before their
# answer arrives, printing nothing and exiting 0, when stdin is /dev/null.
mkfifo $LAB/idle-stdin
exec 4<>$LAB/idle-stdin

# init loaded the lab's modules from the initramfs (InitramfsBuilder.LAB_MODULES); modprobe
# is the fallback for an initramfs built without them.
[ -d /sys/module/virtio_console ] || modprobe virtio_console || say "FAILED modprobe virtio_console"
ctl_loop &
step "shell loop started"

# --- kernel side --------------------------------------------------------------------------
[ -d /sys/module/hci_vhci ] && [ -d /sys/module/uhid ] && [ -d /sys/module/virtio_net ] \
  || modprobe -a hci_vhci uhid hid-generic hid-multitouch evdev virtio_net \
  || { say "FAILED modprobe of the Bluetooth/HID/network modules"; idle; }

step "modules loaded"

# --- network: only so the host's forwarded port reaches the bus --------------------------
ip link set lo up
ip link set eth0 up && ip addr add 10.0.2.15/24 dev eth0 \
  || { say "FAILED network (eth0)"; idle; }

# --- logs and the bus ------------------------------------------------------------------------
busybox syslogd -n -O "$OUT/syslog.log" &
mkdir -p /run/dbus
dbus-daemon --config-file=$LAB/dbus-lab.conf --nofork --nopidfile \
  >"$OUT/dbus-daemon.log" 2>&1 &
for _ in $(seq 100); do [ -S /run/dbus/system_bus_socket ] && break; sleep 0.1; done
[ -S /run/dbus/system_bus_socket ] || { say "FAILED dbus-daemon did not start"; idle; }

step "dbus-daemon up"

# --- virtual controllers -----------------------------------------------------------------
# btmon first, so the capture sees the controllers' setup. btmon writes each record to the
# btsnoop file and then decodes it to stdout in the same callback of its single-threaded main
# loop: a stdout that blocks (a pipe nobody drains, a slow console) stops the capture too, and
# the kernel then drops monitor frames unseen. Hence stdout to /dev/null (and -P, no pager).
btmon -P -w "$OUT/hci.btsnoop" >/dev/null 2>"$OUT/btmon.err" &
# btmon writes the 16-byte btsnoop header when it opens the file, and the kernel's first notes
# ("Linux version ...") once its monitor socket is bound: only then is btvirt's setup captured.
for _ in $(seq 100); do
  [ "$(stat -c %s "$OUT/hci.btsnoop" 2>/dev/null || echo 0)" -gt 16 ] && break
  sleep 0.1
done
step "btmon capturing"
if [ "$RADIO" = java ]; then
  modprobe hci_uart || { say "FAILED modprobe hci_uart"; idle; }
  # -B: a primary (not AMP) controller; -P h4: the H4 line discipline (hci_uart's hci_h4.c).
  for tty in ttyS1 ttyS2; do
    btattach -B /dev/$tty -P h4 >"$OUT/btattach-$tty.log" 2>&1 &
  done
else
  btvirt -L -l"$WANT" >"$OUT/btvirt.log" 2>&1 &
fi
for _ in $(seq 100); do
  [ "$(ls /sys/class/bluetooth 2>/dev/null | grep -c '^hci')" -ge "$WANT" ] && break
  sleep 0.2
done
n=$(ls /sys/class/bluetooth 2>/dev/null | grep -c '^hci')
[ "$n" -ge 1 ] || { say "FAILED btvirt/btattach created no controller"; idle; }
step "$n controllers registered"

BTVER=$("$BTD" --version 2>/dev/null) || { say "FAILED $BTD does not run (scripts/stage-bluez)"; idle; }
step "bluetoothd $BTVER ($BTD)"
if [ -n "$BTDEBUG" ]; then
  "$BTD" -n -E -d -f $LAB/bluetooth-main.conf >"$OUT/bluetoothd.log" 2>&1 &
else
  "$BTD" -n -E -f $LAB/bluetooth-main.conf >"$OUT/bluetoothd.log" 2>&1 &
fi

# --- which controllers are usable ----------------------------------------------------------
# A controller is usable when mgmt reports it powered (bluetoothd's AutoEnable powered it, so
# it answered the whole init sequence). One whose HCI_Reset timed out (often hci0 under TCG)
# never reaches mgmt; the kernel logs "hciN: ... failed" or "timeout" for it.
powered() {
  timeout 5 btmgmt info 2>/dev/null <&4 | awk '
    /^hci[0-9]+:/ { name = $1; sub(":", "", name); addr = "" }
    /^\taddr / { addr = $2 }
    /current settings:/ && /powered/ { if (name != "" && addr != "") print name "/" addr }'
}
dead() {
  dmesg | grep -oE 'Bluetooth: hci[0-9]+: .*(failed|timeout)' | grep -oE 'hci[0-9]+' | sort -u
}
step "bluetoothd started"
deadline=$((SECONDS + SETTLE))
while :; do
  ok=$(powered | sort -u)
  nok=$(printf '%s\n' "$ok" | grep -c /)
  ndead=$(dead | while read -r c; do printf '%s\n' "$ok" | grep -q "^$c/" || echo "$c"; done | grep -c hci)
  nall=$(ls /sys/class/bluetooth | grep -c '^hci')
  if [ "$nok" -ge "$WANT" ] || { [ "$nok" -ge 1 ] && [ $((nok + ndead)) -ge "$nall" ]; }; then
    break
  fi
  [ $SECONDS -ge $deadline ] && break
  sleep 0.5
done
pgrep -x bluetoothd >/dev/null || { say "FAILED bluetoothd exited (see bluetoothd.log)"; idle; }
if [ "$nok" -ge 1 ]; then
  printf '%s\n' "$ok" >"$OUT/controllers"
  say "READY controllers=$(printf '%s\n' "$ok" | paste -sd, -) dead=$(dead | paste -sd, -) bluez=$BTVER"
else
  say "FAILED no usable controller among $(ls /sys/class/bluetooth | paste -sd, -) after ${SETTLE}s"
fi
idle
