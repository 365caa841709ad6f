package dev.hogrig.hid.lint;

import java.util.Optional;

/**
 * Every rule the linter applies: a stable, readable ID, the default severity, a one-line summary
 * and the document section it enforces. The CLI prints this table for {@code --list-rules}; docs
 * are generated from it. IDs never change once released: scripts filter on them.
 *
 * <p>ID prefixes say whose rule it is: {@code HID-} the HID 1.11 specification, {@code HOGP-} HID
 * over GATT 1.0 and the Core specification's ATT limits, {@code LINUX-} Linux hid-core (6.1)
 * rejecting or truncating, {@code PTP-} Microsoft's Windows Precision Touchpad requirements, {@code
 * BOOT-} the boot report layouts of HID 1.11 Appendix B.
 */
public enum Rule {
  // ---- HID 1.11 structure ----

  /**
   * An End Collection with nothing open, or a Collection never closed. Linux {@code
   * hid_open_report} refuses both ("collection stack underflow", "unbalanced collection at end of
   * report description"), so the device gets no input node.
   */
  HID_COLLECTION_UNBALANCED(
      "HID-COLLECTION-UNBALANCED",
      Severity.ERROR,
      "Collection and End Collection items do not pair up",
      "HID 1.11 §6.2.2.4, §6.2.2.6"),
  /** A Pop with nothing pushed, or a Push never popped. */
  HID_PUSH_POP_UNBALANCED(
      "HID-PUSH-POP-UNBALANCED",
      Severity.ERROR,
      "Push and Pop items do not pair up",
      "HID 1.11 §6.2.2.7"),
  /** A short item whose tag HID 1.11 reserves. */
  HID_RESERVED_ITEM(
      "HID-RESERVED-ITEM",
      Severity.ERROR,
      "item uses a reserved tag",
      "HID 1.11 §6.2.2.4, §6.2.2.7, §6.2.2.8"),
  /**
   * A long item. HID 1.11 defines the format but no tags; Linux hid-core ({@code hid_open_report})
   * refuses the whole descriptor on one.
   */
  HID_LONG_ITEM(
      "HID-LONG-ITEM",
      Severity.ERROR,
      "long item (0xFE): none are defined and Linux rejects them",
      "HID 1.11 §6.2.2.3"),
  /** Input, Output or Feature outside every Application collection. */
  HID_MAIN_OUTSIDE_APPLICATION(
      "HID-MAIN-OUTSIDE-APPLICATION",
      Severity.ERROR,
      "Input/Output/Feature item outside any Application collection",
      "HID 1.11 §8.4"),
  /** Usage Minimum without Usage Maximum, or the reverse. */
  HID_USAGE_RANGE_UNPAIRED(
      "HID-USAGE-RANGE-UNPAIRED",
      Severity.ERROR,
      "Usage Minimum or Usage Maximum without its partner",
      "HID 1.11 §6.2.2.8"),
  /** Usage Minimum and Maximum on different usage pages. */
  HID_USAGE_RANGE_PAGES(
      "HID-USAGE-RANGE-PAGES",
      Severity.ERROR,
      "Usage Minimum and Usage Maximum on different usage pages",
      "HID 1.11 §6.2.2.8"),
  /** Usage Minimum above Usage Maximum: the range is empty. */
  HID_USAGE_RANGE_INVERTED(
      "HID-USAGE-RANGE-INVERTED",
      Severity.ERROR,
      "Usage Minimum greater than Usage Maximum",
      "HID 1.11 §6.2.2.8"),
  /**
   * A Delimiter that does not open or close a set. Linux rejects a set left open at the end
   * ("unbalanced delimiter at end of report description").
   */
  HID_DELIMITER(
      "HID-DELIMITER",
      Severity.WARNING,
      "Delimiter items do not open and close a set properly",
      "HID 1.11 §6.2.2.8"),
  /**
   * Logical Minimum above Logical Maximum, both read as the model reads them: the maximum is
   * unsigned when the minimum is not negative (as Linux hid-core does). Linux {@code hid_add_field}
   * rejects the descriptor ("logical range invalid").
   */
  HID_LOGICAL_RANGE_INVERTED(
      "HID-LOGICAL-RANGE-INVERTED",
      Severity.ERROR,
      "Logical Minimum greater than Logical Maximum",
      "HID 1.11 §6.2.2.7"),
  /** Physical Minimum above Physical Maximum: hosts compute a negative resolution. */
  HID_PHYSICAL_RANGE_INVERTED(
      "HID-PHYSICAL-RANGE-INVERTED",
      Severity.WARNING,
      "Physical Minimum greater than Physical Maximum",
      "HID 1.11 §6.2.2.7"),
  /** A field declared with Report Size 0 (or no Report Size at all). */
  HID_REPORT_SIZE_ZERO(
      "HID-REPORT-SIZE-ZERO",
      Severity.ERROR,
      "field declared with Report Size 0",
      "HID 1.11 §6.2.2.7"),
  /** Report ID (0): HID 1.11 reserves 0 to mean "no ID". */
  HID_REPORT_ID_ZERO(
      "HID-REPORT-ID-ZERO", Severity.ERROR, "Report ID 0 is reserved", "HID 1.11 §6.2.2.7"),
  /**
   * Report ID above 255: the ID travels as one byte before the report. Linux rejects IDs {@code >=
   * HID_MAX_IDS} (256).
   */
  HID_REPORT_ID_RANGE(
      "HID-REPORT-ID-RANGE",
      Severity.ERROR,
      "Report ID does not fit the one-byte report prefix",
      "HID 1.11 §6.2.2.7"),
  /**
   * Some fields declared before any Report ID while others have one: once any report has an ID,
   * every report is prefixed by one, so the ID-less report cannot be told apart.
   */
  HID_REPORT_ID_MIXED(
      "HID-REPORT-ID-MIXED",
      Severity.ERROR,
      "some reports have a Report ID and others have none",
      "HID 1.11 §6.2.2.7"),
  /**
   * One (report type, report ID) with fields in two different top-level collections: "reports may
   * not span more than one top level collection". ID 0 is left to {@link
   * #HOGP_REPORT_IDS_REQUIRED}.
   */
  HID_REPORT_ID_CONFLICT(
      "HID-REPORT-ID-CONFLICT",
      Severity.ERROR,
      "one report ID and type used in two top-level collections",
      "HID 1.11 §8.4"),

  // ---- HID over GATT ----

  /**
   * Report Map over 512 bytes: the Report Map characteristic value is one ATT attribute, and an
   * attribute value holds at most 512 octets (Core 5.3 Vol 3 Part F §3.2.9).
   */
  HOGP_REPORT_MAP_SIZE(
      "HOGP-REPORT-MAP-SIZE",
      Severity.ERROR,
      "Report Map longer than the 512-byte ATT attribute limit",
      "HIDS 1.0 Report Map; Core 5.3 Vol 3 Part F §3.2.9"),
  /**
   * An Input or Output report whose payload (the report ID is not sent: HOGP maps IDs to
   * characteristics) exceeds ATT_MTU − 3, the most a Handle Value Notification or a Write (Without
   * Response) carries. Feature reports are left out: the host reads them with Read Blob and writes
   * them with Prepare/Execute Write, which have no such limit.
   */
  HOGP_REPORT_EXCEEDS_MTU(
      "HOGP-REPORT-EXCEEDS-MTU",
      Severity.WARNING,
      "Input/Output report larger than ATT_MTU − 3 at the given MTU",
      "HIDS 1.0 Report; Core 5.3 Vol 3 Part F §3.4.7.1"),
  /**
   * A report (of any type) whose payload exceeds 512 bytes: each report is the value of one Report
   * characteristic, and no attribute value may be longer (Core 5.3 Vol 3 Part F §3.2.9), whatever
   * the MTU.
   */
  HOGP_REPORT_VALUE_SIZE(
      "HOGP-REPORT-VALUE-SIZE",
      Severity.ERROR,
      "report payload longer than the 512-byte ATT attribute limit",
      "HIDS 1.0 Report; Core 5.3 Vol 3 Part F §3.2.9"),
  /**
   * More than one top-level application collection and no report IDs. HOGP gives each report its
   * own Report characteristic keyed by (ID, type) in its Report Reference descriptor, and the model
   * (like any HID host) merges ID-less fields of one type into a single report.
   */
  HOGP_REPORT_IDS_REQUIRED(
      "HOGP-REPORT-IDS-REQUIRED",
      Severity.ERROR,
      "several top-level applications but no Report IDs",
      "HIDS 1.0 Report Reference; HID 1.11 §8.4"),

  // ---- Linux hid-core (drivers/hid/hid-core.c, include/linux/hid.h, Linux 6.1) ----

  /** Over HID_MAX_DESCRIPTOR_SIZE (4096): hidraw, uhid and usbhid refuse longer descriptors. */
  LINUX_DESCRIPTOR_SIZE(
      "LINUX-DESCRIPTOR-SIZE",
      Severity.ERROR,
      "descriptor longer than HID_MAX_DESCRIPTOR_SIZE (4096 bytes)",
      "include/uapi/linux/hid.h HID_MAX_DESCRIPTOR_SIZE"),
  /** A Report Size item above 256: {@code hid_parser_global} fails ("invalid report_size"). */
  LINUX_REPORT_SIZE(
      "LINUX-REPORT-SIZE",
      Severity.ERROR,
      "Report Size over 256 bits",
      "drivers/hid/hid-core.c hid_parser_global"),
  /**
   * A Report Count item above HID_MAX_USAGES (12288): {@code hid_parser_global} fails ("invalid
   * report_count").
   */
  LINUX_REPORT_COUNT(
      "LINUX-REPORT-COUNT",
      Severity.ERROR,
      "Report Count over HID_MAX_USAGES (12288)",
      "drivers/hid/hid-core.c hid_parser_global; include/linux/hid.h HID_MAX_USAGES"),
  /**
   * A report whose payload exceeds (HID_MAX_BUFFER_SIZE − 1) × 8 = 131064 bits, leaving a byte for
   * the report ID: {@code hid_add_field} fails ("report is too long"). HID_MAX_BUFFER_SIZE is 16384
   * since Linux 5.11.
   */
  LINUX_REPORT_LENGTH(
      "LINUX-REPORT-LENGTH",
      Severity.ERROR,
      "report longer than HID_MAX_BUFFER_SIZE − 1 (16383 bytes)",
      "drivers/hid/hid-core.c hid_add_field; include/linux/hid.h HID_MAX_BUFFER_SIZE"),
  /**
   * A fifth nested Push: the global stack holds HID_GLOBAL_STACK_SIZE (4) entries and {@code
   * hid_parser_global} fails ("global environment stack overflow").
   */
  LINUX_PUSH_DEPTH(
      "LINUX-PUSH-DEPTH",
      Severity.ERROR,
      "more than 4 nested Push items",
      "drivers/hid/hid-core.c hid_parser_global; include/linux/hid.h HID_GLOBAL_STACK_SIZE"),
  /**
   * More than HID_MAX_USAGES (12288) usages before one main item: {@code hid_parser_local} clips a
   * range ("ignoring exceeding usage max") and {@code hid_add_usage} fails on a single Usage past
   * the limit.
   */
  LINUX_USAGE_COUNT(
      "LINUX-USAGE-COUNT",
      Severity.WARNING,
      "more than HID_MAX_USAGES (12288) usages for one main item",
      "drivers/hid/hid-core.c hid_parser_local, hid_add_usage"),

  // ---- Windows Precision Touchpad (only when a Touch Pad application exists) ----

  /** No Logical collection with usage Finger in the Touch Pad application. */
  PTP_FINGER_COLLECTION(
      "PTP-FINGER-COLLECTION",
      Severity.ERROR,
      "Touch Pad application has no Finger logical collection",
      "Windows Precision Touchpad Collection; Sample Report Descriptors"),
  /** A Finger collection without Tip Switch, Confidence, Contact ID, X and Y inputs. */
  PTP_FINGER_USAGES(
      "PTP-FINGER-USAGES",
      Severity.ERROR,
      "Finger collection lacks Tip Switch, Confidence, Contact ID, X or Y",
      "Windows Precision Touchpad Collection, Input Report"),
  /**
   * X or Y without physical extents and a length unit: Windows derives the pad size and resolution
   * from Physical Maximum, Unit and Unit Exponent.
   */
  PTP_XY_PHYSICAL(
      "PTP-XY-PHYSICAL",
      Severity.ERROR,
      "X/Y without Physical Maximum > 0 and a length Unit",
      "Windows Precision Touchpad Collection, Input Report"),
  /** No Contact Count input. */
  PTP_CONTACT_COUNT(
      "PTP-CONTACT-COUNT",
      Severity.ERROR,
      "Touch Pad input report has no Contact Count (0x0D 0x54)",
      "Windows Precision Touchpad Collection, Input Report"),
  /** No Scan Time input. */
  PTP_SCAN_TIME(
      "PTP-SCAN-TIME",
      Severity.ERROR,
      "Touch Pad input report has no Scan Time (0x0D 0x56)",
      "Windows Precision Touchpad Collection, Input Report"),
  /** No Button 1 input. */
  PTP_BUTTON(
      "PTP-BUTTON",
      Severity.ERROR,
      "Touch Pad input report has no Button 1 (0x09 0x01)",
      "Windows Precision Touchpad Collection, Button Reporting"),
  /** No Contact Count Maximum feature (device capabilities report). */
  PTP_CONTACT_COUNT_MAXIMUM(
      "PTP-CONTACT-COUNT-MAXIMUM",
      Severity.ERROR,
      "no Contact Count Maximum (0x0D 0x55) feature",
      "Windows Precision Touchpad Collection, Device Capabilities Feature Report"),
  /** No Pad Type feature (device capabilities report). */
  PTP_PAD_TYPE(
      "PTP-PAD-TYPE",
      Severity.ERROR,
      "no Pad Type (0x0D 0x59) feature",
      "Windows Precision Touchpad Collection, Device Capabilities Feature Report"),
  /** No Input Mode feature in a Device Configuration application. */
  PTP_INPUT_MODE(
      "PTP-INPUT-MODE",
      Severity.ERROR,
      "no Input Mode (0x0D 0x52) feature in a Device Configuration (0x0D 0x0E) application",
      "Configuration Collection, Input Mode Feature Report"),
  /** No Surface Switch and Button Switch features (selective reporting). */
  PTP_FUNCTION_SWITCH(
      "PTP-FUNCTION-SWITCH",
      Severity.WARNING,
      "no Surface Switch/Button Switch (0x0D 0x57/0x58) features in the configuration application",
      "Configuration Collection, Selective Reporting Feature Report"),
  /** No 256-byte device certification status feature (vendor page 0xFF00, usage 0xC5). */
  PTP_CERTIFICATION_STATUS(
      "PTP-CERTIFICATION-STATUS",
      Severity.INFO,
      "no 256-byte certification status feature (0xFF00 0xC5)",
      "Windows Precision Touchpad Collection, Device Certification Status Feature Report"),
  /** No Mouse application for hosts that cannot read the touch pad collection. */
  PTP_MOUSE_COLLECTION(
      "PTP-MOUSE-COLLECTION",
      Severity.INFO,
      "no Mouse (0x01 0x02) application for legacy hosts",
      "Required HID Top-Level Collections, Mouse Collection"),

  // ---- Boot protocol (HID 1.11 Appendix B) ----

  /**
   * Keyboard input report whose first 8 bytes are not the boot keyboard report: modifiers E0..E7, a
   * reserved byte, six 8-bit key codes. The report-ID byte is ignored.
   */
  BOOT_KEYBOARD_LAYOUT(
      "BOOT-KEYBOARD-LAYOUT",
      Severity.ERROR,
      "keyboard input report does not start with the boot keyboard layout",
      "HID 1.11 Appendix B.1"),
  /**
   * Keyboard whose output report does not start with the boot LED byte: Num, Caps, Scroll Lock in
   * bits 0..2, Compose and Kana (or padding) in bits 3..4.
   */
  BOOT_KEYBOARD_LEDS(
      "BOOT-KEYBOARD-LEDS",
      Severity.ERROR,
      "keyboard output report does not start with the boot LED layout",
      "HID 1.11 Appendix B.1; HIDS 1.0 Boot Keyboard Output Report"),
  /**
   * Mouse input report whose first 3 bytes are not the boot mouse report: buttons 1..3 in bits 0..2
   * of byte 0, X and Y as signed 8-bit relative values in bytes 1 and 2.
   */
  BOOT_MOUSE_LAYOUT(
      "BOOT-MOUSE-LAYOUT",
      Severity.ERROR,
      "mouse input report does not start with the boot mouse layout",
      "HID 1.11 Appendix B.2");

  private final String id;
  private final Severity severity;
  private final String summary;
  private final String source;

  Rule(String id, Severity severity, String summary, String source) {
    this.id = id;
    this.severity = severity;
    this.summary = summary;
    this.source = source;
  }

  /** Stable, readable ID such as {@code HID-COLLECTION-UNBALANCED}. */
  public String id() {
    return id;
  }

  public Severity severity() {
    return severity;
  }

  /** One line saying what the rule checks. */
  public String summary() {
    return summary;
  }

  /** The specification section or source file the rule enforces. */
  public String source() {
    return source;
  }

  /** Looks a rule up by its ID, ignoring case. */
  public static Optional<Rule> byId(String id) {
    for (Rule r : values()) {
      if (r.id.equalsIgnoreCase(id)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
