package dev.hogrig.hid;

/** The {@code bType} field of a short item prefix (HID 1.11, 6.2.2.2). */
public enum ItemType {
  MAIN,
  GLOBAL,
  LOCAL,
  RESERVED;

  static ItemType ofPrefix(int prefix) {
    return values()[(prefix >> 2) & 0x3];
  }
}
