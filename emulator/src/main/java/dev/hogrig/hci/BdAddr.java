package dev.hogrig.hci;

import dev.hogrig.util.Bytes;

/**
 * A 48-bit Bluetooth device address. On the wire (HCI, btsnoop) it is little-endian, least
 * significant octet first; people and BlueZ write it most significant first, {@code
 * 00:AA:01:01:00:01} (Core v5.4 Vol 2 Part B §1.2, Vol 4 Part E §5.2).
 *
 * @param value the address as an unsigned 48-bit number
 */
public record BdAddr(long value) {
  public BdAddr {
    if (value < 0 || value > 0xffff_ffff_ffffL) {
      throw new IllegalArgumentException("not a 48-bit address: " + Long.toHexString(value));
    }
  }

  /** Reads six little-endian octets at {@code offset}. */
  public static BdAddr fromWire(Bytes b, int offset) {
    long v = 0;
    for (int i = 5; i >= 0; i--) {
      v = (v << 8) | b.get(offset + i);
    }
    return new BdAddr(v);
  }

  /** Parses {@code 00:AA:01:01:00:01}. */
  public static BdAddr parse(String text) {
    if (!text.matches("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}")) {
      throw new IllegalArgumentException("not a Bluetooth address: " + text);
    }
    return new BdAddr(Long.parseLong(text.replace(":", ""), 16));
  }

  /** The six octets as sent on the wire, least significant first. */
  public Bytes toWire() {
    int[] out = new int[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (int) ((value >>> (8 * i)) & 0xff);
    }
    return Bytes.of(out);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (int i = 5; i >= 0; i--) {
      sb.append(String.format("%02X", (value >>> (8 * i)) & 0xff));
      if (i > 0) {
        sb.append(':');
      }
    }
    return sb.toString();
  }
}
