package dev.hogrig.replay;

import dev.hogrig.hid.Field;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import java.util.List;
import java.util.Optional;

/**
 * Multi-touch frames of a Precision-Touchpad-like descriptor, in its one Input report with Contact
 * Count (Digitizers 0x54), as Microsoft's "Precision Touchpad Required HID Top-Level Collections"
 * lays it out and Linux hid-multitouch reads it:
 *
 * <pre>
 *   per contact slot (Finger 0x22 logical collection, ReportCodec's "contact"):
 *       Tip Switch 0x42   Contact ID 0x51   X 0x01:0x30   Y 0x01:0x31   [Confidence 0x47]
 *   outside the slots:
 *       Contact Count 0x54   [Scan Time 0x56, 100 µs units]   [Button 1 0x09:0x01, the click]
 * </pre>
 *
 * A frame fills slots 0..k−1 with its k fingers and sets Contact Count to k; the slots left over
 * stay zero, which hosts ignore because Contact Count says they are not valid. A lifting finger is
 * reported once more with Tip Switch 0 (and counted), which is how the host learns it went up.
 */
final class TouchpadEncoder {
  /** A finger in a frame: position as logical X and Y of the descriptor. */
  record Finger(int id, long x, long y, boolean tip) {}

  private final Report report;
  final int slots;
  final Field x;
  final Field y;
  private final Field contactId;
  private final boolean confidence;
  private final Optional<Field> scanTime;
  private final boolean button;

  TouchpadEncoder(ReportDescriptor d, String what) {
    Optional<Report> r = Fields.inputWith(d, Usages.CONTACT_COUNT, f -> true);
    if (r.isEmpty()) {
      throw new ReplayException(
          "%s needs %s in an Input report, as a touchpad has; the descriptor has none"
              .formatted(what, UsageNames.describe(Usages.CONTACT_COUNT)));
    }
    this.report = r.get();
    int max = -1;
    for (int c : ReportCodec.contacts(d, report)) {
      max = Math.max(max, c);
    }
    this.slots = max + 1;
    if (slots == 0) {
      throw new ReplayException(
          "%s needs contact collections (%s) in %s; it has none"
              .formatted(what, UsageNames.describe(Usages.FINGER), Fields.reportName(report)));
    }
    for (int c = 0; c < slots; c++) {
      for (Usage u : List.of(Usages.TIP_SWITCH, Usages.CONTACT_ID, Usages.X, Usages.Y)) {
        need(d, c, u, what);
      }
    }
    this.x = need(d, 0, Usages.X, what);
    this.y = need(d, 0, Usages.Y, what);
    this.contactId = need(d, 0, Usages.CONTACT_ID, what);
    this.confidence = Fields.find(d, report, 0, Usages.CONFIDENCE, f -> true).isPresent();
    this.scanTime = Fields.find(d, report, -1, Usages.SCAN_TIME, f -> true);
    this.button = Fields.find(d, report, -1, Usages.BUTTON_1, f -> true).isPresent();
  }

  private Field need(ReportDescriptor d, int contact, Usage u, String what) {
    return Fields.find(d, report, contact, u, f -> true)
        .orElseThrow(
            () ->
                new ReplayException(
                    "%s needs %s in contact %d of the touchpad's %s; it has none"
                        .formatted(
                            what, UsageNames.describe(u), contact, Fields.reportName(report))));
  }

  Report report() {
    return report;
  }

  /** Checks that {@code n} fingers fit: slots, and distinct Contact IDs 0..n−1 in range. */
  void requireFingers(int n, String what) {
    if (n > slots) {
      throw new ReplayException(
          "%s needs %d contacts at once; the touchpad's %s has %d contact slots"
              .formatted(what, n, Fields.reportName(report), slots));
    }
    if (n - 1 > contactId.logicalMax()) {
      throw new ReplayException(
          "%s needs Contact IDs 0..%d; %s only reaches %d"
              .formatted(
                  what, n - 1, UsageNames.describe(Usages.CONTACT_ID), contactId.logicalMax()));
    }
  }

  void requireButton(String what) {
    if (!button) {
      throw new ReplayException(
          "%s needs %s outside the contacts of the touchpad's %s (a click pad's button); it has none"
              .formatted(what, UsageNames.describe(Usages.BUTTON_1), Fields.reportName(report)));
    }
  }

  /**
   * A frame at {@code tNanos} after the start (for Scan Time) with {@code fingers} in slot order.
   */
  ReportData frame(List<Finger> fingers, boolean pressed, long tNanos) {
    ReportData d = new ReportData();
    for (int i = 0; i < fingers.size(); i++) {
      Finger f = fingers.get(i);
      ReportData c = d.contact(i);
      c.set(Usages.TIP_SWITCH, f.tip() ? 1 : 0);
      c.set(Usages.CONTACT_ID, f.id());
      c.set(Usages.X, f.x());
      c.set(Usages.Y, f.y());
      if (confidence) {
        c.set(Usages.CONFIDENCE, 1);
      }
    }
    d.set(Usages.CONTACT_COUNT, fingers.size());
    if (scanTime.isPresent()) {
      // Microsoft PTP: Scan Time counts in 100 µs units and wraps at the field's maximum.
      long range = scanTime.get().logicalMax() - scanTime.get().logicalMin() + 1;
      d.set(Usages.SCAN_TIME, scanTime.get().logicalMin() + Math.floorMod(tNanos / 100_000, range));
    }
    if (button) {
      d.set(Usages.BUTTON_1, pressed ? 1 : 0);
    }
    return d;
  }

  /** Logical X for a fraction 0..1 of the surface's width. */
  long x(double fraction) {
    return along(x, fraction);
  }

  long y(double fraction) {
    return along(y, fraction);
  }

  private static long along(Field f, double fraction) {
    return f.logicalMin() + Math.round(fraction * (f.logicalMax() - f.logicalMin()));
  }
}
