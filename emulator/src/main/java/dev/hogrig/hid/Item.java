package dev.hogrig.hid;

import dev.hogrig.util.Bytes;

/**
 * One item of a report descriptor, exactly as it was encoded (HID 1.11, 6.2.2.2 and 6.2.2.3).
 * Keeping the encoding, not just the value, is what makes bytes → text → bytes exact: {@code 0x25
 * 0x01} and {@code 0x26 0x01 0x00} are both "Logical Maximum (1)".
 */
public sealed interface Item permits ShortItem, LongItem {
  /** Offset of the item's first byte in the descriptor it was read from (0 for built items). */
  int offset();

  /** The item's full encoding, prefix included. */
  Bytes encoded();

  /** Number of bytes the item occupies in the descriptor. */
  default int length() {
    return encoded().size();
  }
}
