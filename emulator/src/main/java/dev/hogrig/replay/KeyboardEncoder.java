package dev.hogrig.replay;

import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import java.util.Optional;

/**
 * Key strokes as reports of whatever keyboard the descriptor has: the Input report whose data
 * fields list the key's usage (an Array of key codes on a boot keyboard, a bitmap on an NKRO one;
 * {@link ReportData#press} serves both), with Left Shift from the same report.
 */
final class KeyboardEncoder {
  private final ReportDescriptor descriptor;

  KeyboardEncoder(ReportDescriptor descriptor) {
    this.descriptor = descriptor;
  }

  /** A report pressing {@code stroke} (and Left Shift when it asks for it) and the data. */
  Frame down(UsLayout.KeyStroke stroke, String what) {
    Usage key = new Usage(Usages.PAGE_KEYBOARD, stroke.key());
    Optional<Report> report = Fields.inputWith(descriptor, key, f -> true);
    if (report.isEmpty()) {
      throw new ReplayException(
          "%s needs key %s, which no Input report of the descriptor carries"
              .formatted(what, UsageNames.describe(key)));
    }
    ReportData data = new ReportData().press(key);
    if (stroke.shift()) {
      Usage shift = new Usage(Usages.PAGE_KEYBOARD, UsLayout.LEFT_SHIFT);
      if (Fields.find(descriptor, report.get(), -1, shift, f -> true).isEmpty()) {
        throw new ReplayException(
            "%s needs %s with the key, but %s (which carries the key) has no such usage"
                .formatted(what, UsageNames.describe(shift), Fields.reportName(report.get())));
      }
      data.press(shift);
    }
    return new Frame(report.get(), data);
  }

  /**
   * A report pressing every one of {@code keys} (Keyboard page usage IDs, modifiers 0xE0..0xE7
   * included) at once: the report that carries the first, which must carry them all.
   */
  Frame chord(int[] keys, String what) {
    if (keys.length == 0) {
      throw new ReplayException(what + ": no key given");
    }
    Usage first = new Usage(Usages.PAGE_KEYBOARD, keys[0]);
    Report report =
        Fields.inputWith(descriptor, first, f -> true)
            .orElseThrow(
                () ->
                    new ReplayException(
                        "%s needs key %s, which no Input report of the descriptor carries"
                            .formatted(what, UsageNames.describe(first))));
    ReportData data = new ReportData();
    for (int k : keys) {
      Usage u = new Usage(Usages.PAGE_KEYBOARD, k);
      if (Fields.find(descriptor, report, -1, u, f -> true).isEmpty()) {
        throw new ReplayException(
            "%s needs %s in %s with %s; it has none"
                .formatted(
                    what,
                    UsageNames.describe(u),
                    Fields.reportName(report),
                    UsageNames.describe(first)));
      }
      data.press(u);
    }
    return new Frame(report, data);
  }

  /** Every key of {@code report} up: all values unset, which encodes as no key. */
  Frame up(Report report) {
    return new Frame(report, new ReportData());
  }

  /** One report's worth of values. */
  record Frame(Report report, ReportData data) {}
}
