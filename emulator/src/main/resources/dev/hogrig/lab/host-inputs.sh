# hogrig virtual lab: one dump of what the guest kernel made of its HID devices, for
# dev.hogrig.lab.HostInputDevices (sent as the command itself: one shell round trip).
# Every line starts with a tag; values are the sysfs/evemu text as is:
#   HID <sysname>            a /sys/bus/hid/devices entry, e.g. 0005:1234:5678.0001
#   U <KEY=VALUE>            a line of its uevent (HID_ID, HID_NAME, HID_PHYS, HID_UNIQ, DRIVER)
#   DRIVER <name>            basename of its driver symlink (absent: no driver bound)
#   HIDRAW <node>            its hidraw node, e.g. hidraw0
#   INPUT <inputN>           an input device made for it (under <hid>/input/)
#   NAME|PHYS|UNIQ <text>    /sys/class/input/inputN/name, phys, uniq
#   CAP <ev|key|rel|abs|msc|sw|led> <bitmap>   capabilities/*, hex words, most significant first
#   PROPS <bitmap>           properties (INPUT_PROP_* bits), same format
#   EVENT <eventN>           its evdev node
#   E <line>                 a line of `evemu-describe /dev/input/eventN`, only for devices
#                            with EV_ABS (the only way to their ranges; it costs ~1 s a device
#                            under TCG, so keyboards and mice are spared)
#   ENDINPUT / ENDHID
# Bash builtins (read, echo) where possible: every fork+exec costs tens of ms under TCG.
one() { v=""; read -r v 2>/dev/null <"$1"; }
for h in /sys/bus/hid/devices/*; do
  [ -e "$h" ] || continue
  echo "HID ${h##*/}"
  while IFS= read -r l; do echo "U $l"; done <"$h/uevent"
  [ -L "$h/driver" ] && d=$(readlink "$h/driver") && echo "DRIVER ${d##*/}"
  for r in "$h"/hidraw/hidraw*; do [ -e "$r" ] && echo "HIDRAW ${r##*/}"; done
  for i in "$h"/input/input*; do
    [ -e "$i" ] || continue
    echo "INPUT ${i##*/}"
    one "$i/name"; echo "NAME $v"
    one "$i/phys"; echo "PHYS $v"
    one "$i/uniq"; echo "UNIQ $v"
    for c in ev key rel abs msc sw led; do
      one "$i/capabilities/$c"; echo "CAP $c $v"
    done
    one "$i/properties"; echo "PROPS $v"
    one "$i/capabilities/ev"; ev=$v
    for e in "$i"/event*; do
      [ -e "$e" ] || continue
      echo "EVENT ${e##*/}"
      [ $(( 0x${ev:-0} & 8 )) -ne 0 ] || continue
      evemu-describe "/dev/input/${e##*/}" 2>&1 </dev/null | sed 's/^/E /'
    done
    echo "ENDINPUT"
  done
  echo "ENDHID"
done 2>/dev/null # a device that vanishes mid-dump must not put shell errors in the dump
