package dev.hogrig.hid;

import java.util.Optional;

/**
 * Every short item tag HID 1.11 defines (sections 6.2.2.4 to 6.2.2.8), keyed by the upper six bits
 * of the item prefix. The names are the ones hid-tools' {@code hid-decode} prints.
 *
 * <pre>
 *   prefix byte:  7   6   5   4   3   2   1   0
 *               +---------------+-------+-------+
 *               |     bTag      | bType | bSize |   bSize 0,1,2,3 = 0,1,2,4 data bytes
 *               +---------------+-------+-------+   bType 0 main, 1 global, 2 local
 * </pre>
 */
public enum ItemTag {
  INPUT(0x80, "Input"),
  OUTPUT(0x90, "Output"),
  COLLECTION(0xA0, "Collection"),
  FEATURE(0xB0, "Feature"),
  END_COLLECTION(0xC0, "End Collection"),

  USAGE_PAGE(0x04, "Usage Page"),
  LOGICAL_MINIMUM(0x14, "Logical Minimum"),
  LOGICAL_MAXIMUM(0x24, "Logical Maximum"),
  PHYSICAL_MINIMUM(0x34, "Physical Minimum"),
  PHYSICAL_MAXIMUM(0x44, "Physical Maximum"),
  UNIT_EXPONENT(0x54, "Unit Exponent"),
  UNIT(0x64, "Unit"),
  REPORT_SIZE(0x74, "Report Size"),
  REPORT_ID(0x84, "Report ID"),
  REPORT_COUNT(0x94, "Report Count"),
  PUSH(0xA4, "Push"),
  POP(0xB4, "Pop"),

  USAGE(0x08, "Usage"),
  USAGE_MINIMUM(0x18, "Usage Minimum"),
  USAGE_MAXIMUM(0x28, "Usage Maximum"),
  DESIGNATOR_INDEX(0x38, "Designator Index"),
  DESIGNATOR_MINIMUM(0x48, "Designator Minimum"),
  DESIGNATOR_MAXIMUM(0x58, "Designator Maximum"),
  STRING_INDEX(0x78, "String Index"),
  STRING_MINIMUM(0x88, "String Minimum"),
  STRING_MAXIMUM(0x98, "String Maximum"),
  DELIMITER(0xA8, "Delimiter");

  private static final ItemTag[] BY_PREFIX = new ItemTag[64];

  static {
    for (ItemTag t : values()) {
      BY_PREFIX[t.prefix >> 2] = t;
    }
  }

  private final int prefix;
  private final String displayName;

  ItemTag(int prefix, String displayName) {
    this.prefix = prefix;
    this.displayName = displayName;
  }

  /** The prefix byte with {@code bSize} = 0; OR in the size code to get a real prefix. */
  public int prefix() {
    return prefix;
  }

  /** The name hid-decode prints, e.g. {@code "Usage Page"}. */
  public String displayName() {
    return displayName;
  }

  public ItemType type() {
    return ItemType.ofPrefix(prefix);
  }

  /** True for Input, Output and Feature: the main items that declare report fields. */
  public boolean declaresField() {
    return this == INPUT || this == OUTPUT || this == FEATURE;
  }

  /** The tag of a prefix byte, ignoring its size bits; empty for undefined tags. */
  public static Optional<ItemTag> ofPrefix(int prefixByte) {
    return Optional.ofNullable(BY_PREFIX[(prefixByte & 0xff) >> 2]);
  }

  /** Looks a tag up by its display name, ignoring case; empty if none. */
  public static Optional<ItemTag> ofDisplayName(String name) {
    for (ItemTag t : values()) {
      if (t.displayName.equalsIgnoreCase(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
