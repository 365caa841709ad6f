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
#   E <line>                 a line of `evemu-describe /dev/input/eventN`
#   ENDINPUT / ENDHID
for h in /sys/bus/hid/devices/*; do
  [ -e "$h" ] || continue
  echo "HID ${h##*/}"
  sed 's/^/U /' "$h/uevent" 2>/dev/null
  d=$(readlink "$h/driver" 2>/dev/null) && echo "DRIVER ${d##*/}"
  for r in "$h"/hidraw/hidraw*; do [ -e "$r" ] && echo "HIDRAW ${r##*/}"; done
  for i in "$h"/input/input*; do
    [ -e "$i" ] || continue
    echo "INPUT ${i##*/}"
    echo "NAME $(cat "$i/name" 2>/dev/null)"
    echo "PHYS $(cat "$i/phys" 2>/dev/null)"
    echo "UNIQ $(cat "$i/uniq" 2>/dev/null)"
    for c in ev key rel abs msc sw led; do
      echo "CAP $c $(cat "$i/capabilities/$c" 2>/dev/null)"
    done
    echo "PROPS $(cat "$i/properties" 2>/dev/null)"
    for e in "$i"/event*; do
      [ -e "$e" ] || continue
      echo "EVENT ${e##*/}"
      evemu-describe "/dev/input/${e##*/}" 2>&1 </dev/null | sed 's/^/E /'
    done
    echo "ENDINPUT"
  done
  echo "ENDHID"
done
