package dev.hogrig.replay;

import dev.hogrig.hid.Field;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import java.util.Optional;
import java.util.Set;

/**
 * Relative pointer reports of whatever mouse the descriptor has: the Input report with Relative X
 * and Y (Generic Desktop 0x30, 0x31; HID 1.11 §6.2.2.5 Relative flag), its buttons (Button page
 * 0x09, usage n = button n), Wheel (0x01:0x38) and AC Pan (0x0C:0x238) when present.
 */
final class MouseEncoder {
  private final ReportDescriptor descriptor;
  final Report report;
  final Field x;
  final Field y;

  MouseEncoder(ReportDescriptor descriptor) {
    this.descriptor = descriptor;
    Optional<Report> r = Fields.inputWith(descriptor, Usages.X, f -> f.flags().relative());
    if (r.isEmpty()) {
      throw new ReplayException(
          "mouse input needs %s as a Relative value of an Input report; the descriptor has none"
              .formatted(UsageNames.describe(Usages.X)));
    }
    this.report = r.get();
    this.x = field(Usages.X, "mouse input");
    this.y = field(Usages.Y, "mouse input");
  }

  /** The relative field carrying {@code u} in the mouse report. */
  Field field(Usage u, String what) {
    return Fields.find(descriptor, report, -1, u, f -> f.flags().relative())
        .orElseThrow(
            () ->
                new ReplayException(
                    "%s needs %s as a Relative value in the mouse's %s; it has none"
                        .formatted(what, UsageNames.describe(u), Fields.reportName(report))));
  }

  /** Checks that button {@code n} (Button page usage n) is a data value of the mouse report. */
  Usage button(int n) {
    if (n < 1 || n > 0xffff) {
      throw new ReplayException("mouse buttons are numbered from 1 (Button 1 = primary), got " + n);
    }
    Usage u = new Usage(Usages.PAGE_BUTTON, n);
    if (Fields.find(descriptor, report, -1, u, f -> true).isEmpty()) {
      throw new ReplayException(
          "button %d needs %s in the mouse's %s; it has none"
              .formatted(n, UsageNames.describe(u), Fields.reportName(report)));
    }
    return u;
  }

  /** One report: {@code held} buttons down, the given relative motions (0 leaves a value unset). */
  ReportData frame(Set<Usage> held, long dx, long dy, long wheel, long pan) {
    ReportData d = new ReportData();
    for (Usage b : held) {
      d.press(b);
    }
    if (dx != 0) {
      d.set(Usages.X, dx);
    }
    if (dy != 0) {
      d.set(Usages.Y, dy);
    }
    if (wheel != 0) {
      d.set(Usages.WHEEL, wheel);
    }
    if (pan != 0) {
      d.set(Usages.AC_PAN, pan);
    }
    return d;
  }
}
