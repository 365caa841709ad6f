package dev.hogrig.gatt;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.UUID;

/**
 * A Bluetooth UUID: a 16- or 32-bit SIG-assigned value or a full 128-bit UUID.
 *
 * <p>Short values are aliases for the Bluetooth Base UUID (Core 5.4 Vol 3 Part B §2.5.1):
 *
 * <pre>
 *   0000xxxx-0000-1000-8000-00805f9b34fb     16-bit value xxxx
 *   yyyyxxxx-0000-1000-8000-00805f9b34fb     32-bit value yyyyxxxx
 * </pre>
 *
 * <p>{@link #toString()} is always the lowercase 36-character form, which is what BlueZ's {@code
 * org.bluez.GattService1/GattCharacteristic1/GattDescriptor1} {@code UUID} properties carry, so a
 * backend can export it unchanged.
 */
public record BtUuid(UUID uuid) implements Comparable<BtUuid> {
  private static final long BASE_MSB_LOW = 0x0000_1000L;
  private static final long BASE_LSB = 0x8000_0080_5f9b_34fbL;

  public BtUuid {
    if (uuid == null) {
      throw new GattModelException("UUID must not be null");
    }
  }

  /** The SIG UUID for a 16-bit assigned number, e.g. {@code of16(0x2A4D)} for Report. */
  public static BtUuid of16(int value) {
    if (value < 0 || value > 0xffff) {
      throw new GattModelException(
          "16-bit UUID out of range 0x0000..0xFFFF: 0x" + Integer.toHexString(value));
    }
    return of32(value);
  }

  /** The SIG UUID for a 32-bit assigned number. */
  public static BtUuid of32(long value) {
    if (value < 0 || value > 0xffff_ffffL) {
      throw new GattModelException(
          "32-bit UUID out of range 0..0xFFFFFFFF: 0x" + Long.toHexString(value));
    }
    return new BtUuid(new UUID((value << 32) | BASE_MSB_LOW, BASE_LSB));
  }

  /**
   * Parses {@code "2a4d"}, {@code "0x2A4D"}, an 8-digit 32-bit value, or the 36-character form.
   *
   * @throws GattModelException naming the text and the accepted forms
   */
  public static BtUuid parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("0x")) {
      t = t.substring(2);
    }
    try {
      if (t.length() == 4 && t.matches("[0-9a-f]{4}")) {
        return of16(Integer.parseInt(t, 16));
      }
      if (t.length() == 8 && t.matches("[0-9a-f]{8}")) {
        return of32(Long.parseLong(t, 16));
      }
      if (t.matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")) {
        return new BtUuid(UUID.fromString(t));
      }
    } catch (IllegalArgumentException e) {
      // fall through to the message below
    }
    throw new GattModelException(
        "not a Bluetooth UUID: \""
            + text
            + "\" (expected 4 or 8 hex digits, or xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
  }

  /** True when this UUID lies on the Bluetooth Base UUID (a SIG 16- or 32-bit value). */
  public boolean isSigShort() {
    return uuid.getLeastSignificantBits() == BASE_LSB
        && (uuid.getMostSignificantBits() & 0xffff_ffffL) == BASE_MSB_LOW;
  }

  /** The 16-bit value when this is a 16-bit SIG UUID. */
  public OptionalInt short16() {
    if (!isSigShort()) {
      return OptionalInt.empty();
    }
    long v = uuid.getMostSignificantBits() >>> 32;
    return v <= 0xffff ? OptionalInt.of((int) v) : OptionalInt.empty();
  }

  /** {@code 0x2A4D} for a 16-bit UUID, the 128-bit form otherwise; for messages. */
  public String shortString() {
    OptionalInt s = short16();
    return s.isPresent() ? String.format("0x%04X", s.getAsInt()) : toString();
  }

  @Override
  public int compareTo(BtUuid o) {
    return uuid.compareTo(o.uuid);
  }

  /** Lowercase 128-bit form, e.g. {@code 00002a4d-0000-1000-8000-00805f9b34fb}. */
  @Override
  public String toString() {
    return uuid.toString();
  }
}
