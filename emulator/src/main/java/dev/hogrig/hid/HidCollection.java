package dev.hogrig.hid;

import java.util.Optional;

/**
 * One Collection item and where it sits.
 *
 * @param index position among the descriptor's collections, in order of appearance
 * @param offset byte offset of the Collection item
 * @param kind the collection type byte (0 Physical, 1 Application, 2 Logical, 3 Report, 4 Named
 *     Array, 5 Usage Switch, 6 Usage Modifier, 0x80..0xff vendor)
 * @param usage the usage that precedes it, if any
 * @param parent index of the enclosing collection, or -1 at top level
 * @param depth 0 for a top-level collection
 */
public record HidCollection(
    int index, int offset, int kind, Optional<Usage> usage, int parent, int depth) {
  public static final int PHYSICAL = 0x00;
  public static final int APPLICATION = 0x01;
  public static final int LOGICAL = 0x02;
  public static final int REPORT = 0x03;
  public static final int NAMED_ARRAY = 0x04;
  public static final int USAGE_SWITCH = 0x05;
  public static final int USAGE_MODIFIER = 0x06;

  public boolean isApplication() {
    return kind == APPLICATION;
  }

  /** The name hid-decode prints inside {@code Collection (...)}. */
  public static String kindName(int kind) {
    return switch (kind) {
      case PHYSICAL -> "Physical";
      case APPLICATION -> "Application";
      case LOGICAL -> "Logical";
      case REPORT -> "Report";
      case NAMED_ARRAY -> "Named Array";
      case USAGE_SWITCH -> "Usage Switch";
      case USAGE_MODIFIER -> "Usage Modifier";
      default -> kind >= 0x80 ? "Vendor Defined" : "Reserved";
    };
  }
}
