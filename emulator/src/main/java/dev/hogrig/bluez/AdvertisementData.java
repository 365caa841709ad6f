package dev.hogrig.bluez;

import com.google.common.collect.ImmutableList;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What an LE advertisement says (bluez doc/advertising-api.txt, {@code org.bluez.LEAdvertisement1}
 * properties). A HID peripheral advertises {@code Type peripheral}, the HID service UUID {@code
 * 1812} (HOGP §5.1.2: the HID Service UUID shall be in the advertising data), an Appearance
 * (Assigned Numbers §2.6: 0x03C1 keyboard, 0x03C2 mouse) and its name.
 *
 * @param type {@code peripheral} (connectable) or {@code broadcast}
 * @param serviceUuids 16-bit ({@code 1812}) or 128-bit UUID strings
 * @param appearance 16-bit GAP Appearance, if any
 * @param localName name put in the advertising data, if any
 * @param discoverable sets the LE General Discoverable flag (BlueZ's {@code Discoverable})
 */
public record AdvertisementData(
    Type type,
    ImmutableList<String> serviceUuids,
    OptionalInt appearance,
    Optional<String> localName,
    boolean discoverable) {

  public enum Type {
    PERIPHERAL("peripheral"),
    BROADCAST("broadcast");

    private final String wire;

    Type(String wire) {
      this.wire = wire;
    }

    /** BlueZ's spelling. */
    public String wireName() {
      return wire;
    }
  }

  public AdvertisementData {
    if (appearance.isPresent() && (appearance.getAsInt() < 0 || appearance.getAsInt() > 0xFFFF)) {
      throw new IllegalArgumentException("appearance is 16 bits: " + appearance);
    }
  }

  /** A connectable, discoverable advertisement with only a name. */
  public static AdvertisementData peripheral(String localName) {
    return new AdvertisementData(
        Type.PERIPHERAL, ImmutableList.of(), OptionalInt.empty(), Optional.of(localName), true);
  }

  public AdvertisementData withServiceUuids(String... uuids) {
    return new AdvertisementData(
        type, ImmutableList.copyOf(uuids), appearance, localName, discoverable);
  }

  public AdvertisementData withAppearance(int value) {
    return new AdvertisementData(
        type, serviceUuids, OptionalInt.of(value), localName, discoverable);
  }

  public AdvertisementData withDiscoverable(boolean on) {
    return new AdvertisementData(type, serviceUuids, appearance, localName, on);
  }
}
