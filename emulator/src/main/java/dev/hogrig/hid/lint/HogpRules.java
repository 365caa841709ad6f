package dev.hogrig.hid.lint;

import com.google.common.collect.ImmutableList;
import dev.hogrig.hid.Field;
import dev.hogrig.hid.HidCollection;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportType;

/**
 * HID over GATT limits. Over LE the descriptor is the value of one Report Map characteristic and
 * every report is the value of one Report characteristic, so ATT's limits apply:
 *
 * <pre>
 *   Report Map value, and
 *   each Report value         <= 512 bytes                   (Core Vol 3 Part F §3.2.9)
 *   notification / write      <= ATT_MTU - 3 bytes of value  (Core Vol 3 Part F §3.4.7.1)
 *   +--------+--------+--------+----------------------------+
 *   | opcode | handle (2 B)    | report payload, no ID byte |   one ATT PDU, at most ATT_MTU bytes
 *   +--------+--------+--------+----------------------------+
 * </pre>
 */
final class HogpRules {
  private HogpRules() {}

  /** Largest attribute value ATT allows (Core 5.3 Vol 3 Part F §3.2.9). */
  static final int MAX_ATTRIBUTE_VALUE = 512;

  /** 512 bytes of value + 5 bytes of ATT header: the largest MTU BlueZ and Android negotiate. */
  static final int TYPICAL_MAX_ATT_MTU = 517;

  static void check(LintContext c) {
    int size = c.d.bytes().size();
    if (size > MAX_ATTRIBUTE_VALUE) {
      c.report(
          Rule.HOGP_REPORT_MAP_SIZE,
          c.offsetOfItemCovering(MAX_ATTRIBUTE_VALUE),
          "Report Map is %d bytes, %d over the 512-byte limit of one ATT attribute value; this item crosses byte 512"
              .formatted(size, size - MAX_ATTRIBUTE_VALUE),
          "Shorten it: drop unused collections and usages, use 1-byte item data where values fit");
    }
    for (Report r : c.d.reports()) {
      if (r.payloadLength() > MAX_ATTRIBUTE_VALUE) {
        c.report(
            Rule.HOGP_REPORT_VALUE_SIZE,
            firstFieldEndingPast(r, MAX_ATTRIBUTE_VALUE).itemOffset(),
            "%s payload is %d bytes; a Report characteristic value holds at most 512"
                .formatted(name(r), r.payloadLength()),
            "Split the data over several reports with their own Report IDs");
      }
    }
    int limit = c.options.attMtu() - 3;
    for (Report r : c.d.reports()) {
      if (r.type() == ReportType.FEATURE || r.payloadLength() <= limit) {
        continue;
      }
      Field crossing = firstFieldEndingPast(r, limit);
      int needed = r.payloadLength() + 3;
      c.report(
          Rule.HOGP_REPORT_EXCEEDS_MTU,
          crossing.itemOffset(),
          "%s payload is %d bytes; at ATT_MTU %d a %s carries at most %d, so it needs ATT_MTU %d"
              .formatted(
                  name(r),
                  r.payloadLength(),
                  c.options.attMtu(),
                  r.type() == ReportType.INPUT ? "notification" : "write",
                  limit,
                  needed),
          needed <= TYPICAL_MAX_ATT_MTU
              ? "Have the central negotiate ATT_MTU >= %d (Exchange MTU), or shrink the report to %d bytes"
                  .formatted(needed, limit)
              : "No usual stack negotiates ATT_MTU %d (BlueZ, Android, iOS stop at 517 or less): split the report"
                  .formatted(needed));
    }
    ImmutableList<HidCollection> apps = c.d.applications();
    if (apps.size() > 1 && !c.d.usesReportIds()) {
      c.report(
          Rule.HOGP_REPORT_IDS_REQUIRED,
          apps.get(1).offset(),
          ("%d top-level application collections but no Report ID: their reports merge into one"
                  + " per type, and HOGP has nothing to put in each Report Reference")
              .formatted(apps.size()),
          "Declare a distinct Report ID (1..255) at the start of each application collection");
    }
  }

  /** The field whose end first passes byte {@code bytes} of the payload. */
  private static Field firstFieldEndingPast(Report r, int bytes) {
    for (Field f : r.fields()) {
      if ((f.bitOffset() + f.bitLength() + 7) / 8 > bytes) {
        return f;
      }
    }
    return r.fields().get(r.fields().size() - 1);
  }

  /** "Input report 3", or "Input report (no ID)". */
  static String name(Report r) {
    return r.type().displayName()
        + " report "
        + (r.id() == 0 ? "(no ID)" : Integer.toString(r.id()));
  }
}
