package dev.hogrig.hid;

/**
 * Something structurally wrong that the parser noticed and stepped over rather than failing, so a
 * descriptor that one host would reject can still be decoded, linted and explained.
 *
 * @param offset byte offset of the item concerned
 */
public record Problem(Kind kind, int offset, String message) {
  public enum Kind {
    /** End Collection with no open collection. */
    END_COLLECTION_WITHOUT_COLLECTION,
    /** A collection still open at the end of the descriptor. */
    COLLECTION_NOT_CLOSED,
    /** Pop with an empty global stack. */
    POP_WITHOUT_PUSH,
    /** Push never popped by the end of the descriptor. */
    PUSH_NOT_POPPED,
    /** A short item with a reserved tag or type. */
    RESERVED_ITEM,
    /** A long item: HID 1.11 defines none. */
    LONG_ITEM,
    /** Input, Output or Feature outside any Application collection. */
    MAIN_ITEM_OUTSIDE_APPLICATION,
    /** Report ID (0), which HID 1.11 reserves. */
    REPORT_ID_ZERO,
    /** Usage Minimum without Usage Maximum, or the reverse. */
    UNPAIRED_USAGE_RANGE,
    /** Usage Minimum and Maximum on different usage pages. */
    USAGE_RANGE_ACROSS_PAGES,
    /** A Delimiter that does not open and close properly. */
    BAD_DELIMITER
  }
}
