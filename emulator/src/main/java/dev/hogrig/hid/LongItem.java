package dev.hogrig.hid;

import dev.hogrig.util.Bytes;

/**
 * A long item (HID 1.11, 6.2.2.3). No long item tags are defined, so hogrig carries them through
 * untouched and the linter flags them.
 *
 * <pre>
 *   +------+-----------+--------------+----------------------+
 *   | 0xFE | bDataSize | bLongItemTag | data (bDataSize B.)  |
 *   +------+-----------+--------------+----------------------+
 * </pre>
 */
public record LongItem(int offset, int longTag, Bytes data) implements Item {
  public static final int PREFIX = 0xFE;

  public LongItem {
    if (longTag < 0 || longTag > 0xff || data.size() > 0xff) {
      throw new IllegalArgumentException("long item tag or size out of range");
    }
  }

  public LongItem at(int newOffset) {
    return new LongItem(newOffset, longTag, data);
  }

  @Override
  public Bytes encoded() {
    return Bytes.of(PREFIX, data.size(), longTag).concat(data);
  }
}
