package dev.hogrig.lab;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.util.Optional;

/**
 * One HID device of the guest kernel ({@code /sys/bus/hid/devices/BBBB:VVVV:PPPP.NNNN}) and the
 * input devices its driver made, as {@link HostInputDevices} read them.
 *
 * @param sysName e.g. {@code 0005:1D6B:0101.0001}: bus, vendor, product, then a sequence number
 * @param name {@code HID_NAME} of its uevent (the name a HOGP host takes from the peripheral's GAP
 *     Device Name, or the name given to uhid)
 * @param bus {@code BUS_*} of linux/input.h: 0x03 USB, 0x05 Bluetooth, ...
 * @param vendor vendor ID (HOGP: from the PnP ID characteristic)
 * @param product product ID
 * @param driver the bound driver ({@code hid-generic}, {@code hid-multitouch}, ...); empty when
 *     none bound
 * @param hidraw the hidraw node, e.g. {@code /dev/hidraw0}; empty when none
 * @param uevent every {@code KEY=VALUE} of its uevent file
 * @param inputs the input devices made for it, in sysfs order
 */
public record HidDeviceInfo(
    String sysName,
    String name,
    int bus,
    int vendor,
    int product,
    Optional<String> driver,
    Optional<String> hidraw,
    ImmutableMap<String, String> uevent,
    ImmutableList<InputDeviceInfo> inputs) {

  /** {@code BUS_BLUETOOTH} of linux/input.h. */
  public static final int BUS_BLUETOOTH = 0x05;

  /** {@code BUS_USB} of linux/input.h. */
  public static final int BUS_USB = 0x03;

  /** {@code HID_UNIQ} of its uevent (BlueZ: the peripheral's address), empty string if none. */
  public String uniq() {
    return uevent.getOrDefault("HID_UNIQ", "");
  }

  /** The first input device whose name ends with {@code suffix} (e.g. {@code "Touchpad"}). */
  public Optional<InputDeviceInfo> input(String suffix) {
    return inputs.stream().filter(i -> i.name().endsWith(suffix)).findFirst();
  }
}
