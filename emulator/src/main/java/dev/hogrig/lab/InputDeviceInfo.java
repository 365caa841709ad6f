package dev.hogrig.lab;

import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.Optional;

/**
 * One input device the guest kernel made for a HID device ({@code /sys/class/input/inputN}), as
 * {@link HostInputDevices} read it: what user space (libinput, X, a game) will see of the
 * peripheral.
 *
 * @param sysName {@code input7}
 * @param name the input device's name: the HID name, plus a suffix some drivers add
 *     (hid-multitouch: {@code " Touchpad"}, {@code " Mouse"}; hid-input: {@code " Keyboard"} ...)
 * @param phys {@code phys} (uhid: what the creator passed; BlueZ: the adapter address)
 * @param uniq {@code uniq} (BlueZ: the device address)
 * @param eventNode the evdev node, e.g. {@code /dev/input/event7}; empty when evdev made none
 * @param types event types the device can send ({@code capabilities/ev})
 * @param keys {@code EV_KEY} codes ({@code capabilities/key})
 * @param rels {@code EV_REL} codes ({@code capabilities/rel})
 * @param abs {@code EV_ABS} codes ({@code capabilities/abs})
 * @param msc {@code EV_MSC} codes ({@code capabilities/msc})
 * @param absInfo range of each absolute axis by code, from {@code evemu-describe}
 * @param props input properties ({@link InputEventCodes#INPUT_PROP_BUTTONPAD} ...)
 * @param description the whole {@code evemu-describe} text; empty for a device without {@code
 *     EV_ABS} (the dump spares them that slow command) or without event node
 */
public record InputDeviceInfo(
    String sysName,
    String name,
    String phys,
    String uniq,
    String eventNode,
    ImmutableSet<Integer> types,
    ImmutableSet<EventCode> keys,
    ImmutableSet<EventCode> rels,
    ImmutableSet<EventCode> abs,
    ImmutableSet<EventCode> msc,
    ImmutableMap<Integer, AbsInfo> absInfo,
    ImmutableSet<Integer> props,
    String description) {

  /**
   * Whether the device declares the code called {@code name} (a key, relative or absolute axis, or
   * misc code), e.g. {@code has("BTN_LEFT")}.
   */
  public boolean has(String name) {
    return has(EventCode.of(name));
  }

  /** Whether the device declares {@code code}. */
  public boolean has(EventCode code) {
    return keys.contains(code) || rels.contains(code) || abs.contains(code) || msc.contains(code);
  }

  /** Whether input property {@code prop} ({@link InputEventCodes#INPUT_PROP_BUTTONPAD}) is set. */
  public boolean hasProp(int prop) {
    return props.contains(prop);
  }

  /** The range of the absolute axis called {@code name} ({@code ABS_MT_POSITION_X}). */
  public Optional<AbsInfo> absInfo(String name) {
    EventCode c = EventCode.of(name);
    return c.type() == InputEventCodes.EV_ABS
        ? Optional.ofNullable(absInfo.get(c.code()))
        : Optional.empty();
  }
}
