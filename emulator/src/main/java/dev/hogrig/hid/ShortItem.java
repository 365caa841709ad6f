package dev.hogrig.hid;

import dev.hogrig.util.Bytes;
import java.util.Optional;

/**
 * A short item: a prefix byte and 0, 1, 2 or 4 data bytes, little-endian.
 *
 * <pre>
 *   +--------+--------+--------+--------+--------+
 *   | prefix | data 0 | data 1 | data 2 | data 3 |   data bytes present: 0, 1, 2 or 4
 *   +--------+--------+--------+--------+--------+
 * </pre>
 *
 * @param offset byte offset in the source descriptor
 * @param prefix the prefix byte 0..255 (never 0xFE, which introduces a long item)
 * @param data the data bytes, size 0, 1, 2 or 4 matching the prefix's size code
 */
public record ShortItem(int offset, int prefix, Bytes data) implements Item {
  public ShortItem {
    if (prefix < 0 || prefix > 0xff || prefix == LongItem.PREFIX) {
      throw new IllegalArgumentException("not a short item prefix: " + prefix);
    }
    if (data.size() != dataSize(prefix)) {
      throw new IllegalArgumentException(
          "prefix 0x%02x wants %d data bytes, got %d"
              .formatted(prefix, dataSize(prefix), data.size()));
    }
  }

  /** Encodes {@code value} in the smallest size that holds it as a signed or unsigned number. */
  public static ShortItem of(ItemTag tag, long value, boolean signed) {
    return ofSize(tag, value, minimalSize(value, signed));
  }

  /** An item with no data (e.g. End Collection, Push, Pop). */
  public static ShortItem of(ItemTag tag) {
    return new ShortItem(0, tag.prefix(), Bytes.EMPTY);
  }

  /** Encodes {@code value} in exactly {@code size} (0, 1, 2 or 4) little-endian bytes. */
  public static ShortItem ofSize(ItemTag tag, long value, int size) {
    int code =
        switch (size) {
          case 0 -> 0;
          case 1 -> 1;
          case 2 -> 2;
          case 4 -> 3;
          default -> throw new IllegalArgumentException("short item size must be 0,1,2,4");
        };
    int[] out = new int[size];
    for (int i = 0; i < size; i++) {
      out[i] = (int) ((value >> (8 * i)) & 0xff);
    }
    return new ShortItem(0, tag.prefix() | code, Bytes.of(out));
  }

  /** The smallest short-item data size (0, 1, 2 or 4) that represents {@code value}. */
  public static int minimalSize(long value, boolean signed) {
    if (value == 0) {
      return 0;
    }
    if (signed) {
      if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) return 1;
      if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) return 2;
      return 4;
    }
    if (value >= 0 && value <= 0xff) return 1;
    if (value >= 0 && value <= 0xffff) return 2;
    return 4;
  }

  static int dataSize(int prefix) {
    int code = prefix & 0x3;
    return code == 3 ? 4 : code;
  }

  /** Same item, placed at {@code newOffset}. */
  public ShortItem at(int newOffset) {
    return new ShortItem(newOffset, prefix, data);
  }

  /** The defined tag, or empty for a reserved tag. */
  public Optional<ItemTag> tag() {
    return ItemTag.ofPrefix(prefix);
  }

  public ItemType type() {
    return ItemType.ofPrefix(prefix);
  }

  /** Number of data bytes: 0, 1, 2 or 4. */
  public int size() {
    return data.size();
  }

  /** The data as an unsigned little-endian number (0 when there is no data). */
  public long unsignedValue() {
    long v = 0;
    for (int i = data.size() - 1; i >= 0; i--) {
      v = (v << 8) | data.get(i);
    }
    return v;
  }

  /** The data as a two's-complement little-endian number of its own width. */
  public long signedValue() {
    int bits = data.size() * 8;
    if (bits == 0) {
      return 0;
    }
    long v = unsignedValue();
    return (v << (64 - bits)) >> (64 - bits);
  }

  @Override
  public Bytes encoded() {
    return Bytes.of(prefix).concat(data);
  }

  @Override
  public String toString() {
    return tag().map(ItemTag::displayName).orElse("Reserved") + "@" + offset + encoded();
  }
}
