package dev.hogrig.util;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable sequence of bytes with value equality and a hex {@code toString}.
 *
 * <p>Protocol records in hogrig never hold a {@code byte[]}: arrays compare by identity and can be
 * changed behind a record's back. This type copies on the way in and on the way out.
 */
public final class Bytes implements Comparable<Bytes> {
  private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] data;

  private Bytes(byte[] data) {
    this.data = data;
  }

  /** Copies {@code data}. */
  public static Bytes copyOf(byte[] data) {
    return new Bytes(data.clone());
  }

  /** Copies {@code length} bytes of {@code data} starting at {@code offset}. */
  public static Bytes copyOf(byte[] data, int offset, int length) {
    return new Bytes(Arrays.copyOfRange(data, offset, offset + length));
  }

  /** Bytes from ints in 0..255 (or -128..-1), e.g. {@code Bytes.of(0x05, 0x01)}. */
  public static Bytes of(int... values) {
    byte[] out = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      if (values[i] < -128 || values[i] > 255) {
        throw new IllegalArgumentException("byte " + i + " out of range: " + values[i]);
      }
      out[i] = (byte) values[i];
    }
    return new Bytes(out);
  }

  /**
   * Parses hex such as {@code "05 01 09 02"}, {@code "0501"} or {@code "0x05, 0x01"}.
   *
   * @throws IllegalArgumentException naming the character position of the first bad digit
   */
  public static Bytes fromHex(String hex) {
    String cleaned = hex.replaceAll("0[xX]", " ").replaceAll("[\\s,;:]+", "");
    for (int i = 0; i < cleaned.length(); i++) {
      if (Character.digit(cleaned.charAt(i), 16) < 0) {
        throw new IllegalArgumentException(
            "not a hex digit: '" + cleaned.charAt(i) + "' (hex digit " + (i + 1) + ")");
      }
    }
    if (cleaned.length() % 2 != 0) {
      throw new IllegalArgumentException("odd number of hex digits: " + cleaned.length());
    }
    return new Bytes(HexFormat.of().parseHex(cleaned));
  }

  public int size() {
    return data.length;
  }

  public boolean isEmpty() {
    return data.length == 0;
  }

  /** The byte at {@code index} as an unsigned value 0..255. */
  public int get(int index) {
    return data[index] & 0xff;
  }

  public Bytes slice(int from, int to) {
    return new Bytes(Arrays.copyOfRange(data, from, to));
  }

  public Bytes concat(Bytes other) {
    byte[] out = Arrays.copyOf(data, data.length + other.data.length);
    System.arraycopy(other.data, 0, out, data.length, other.data.length);
    return new Bytes(out);
  }

  public byte[] toArray() {
    return data.clone();
  }

  /** Lowercase hex, bytes separated by single spaces: {@code "05 01 09 02"}. */
  public String toHex() {
    return SPACED.formatHex(data);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Bytes other && Arrays.equals(data, other.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public int compareTo(Bytes o) {
    return Arrays.compareUnsigned(data, o.data);
  }

  @Override
  public String toString() {
    return "[" + toHex() + "]";
  }
}
