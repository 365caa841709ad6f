package dev.hogrig.hid.lint;

import dev.hogrig.hid.Field;
import dev.hogrig.hid.HidCollection;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Windows Precision Touchpad (PTP) requirements, from Microsoft's "Windows Precision Touchpad
 * required HID top-level collections" pages and their sample report descriptor
 * (learn.microsoft.com/windows-hardware/design/component-guidelines/). Only applied when the
 * descriptor has a top-level Touch Pad application (0x0D 0x05); the first one is checked.
 *
 * <pre>
 *   Touch Pad application (0x0D 0x05)
 *     Input:   per finger, Logical collection Finger (0x22):
 *                Tip Switch 0x42, Confidence 0x47, Contact ID 0x51,
 *                X 0x01:0x30 and Y 0x01:0x31 with Physical Maximum > 0 and a length Unit
 *              Scan Time 0x56, Contact Count 0x54, Button 1 (0x09 0x01)
 *     Feature: Contact Count Maximum 0x55, Pad Type 0x59  (device capabilities)
 *              0xFF00:0xC5, 256 bytes                       (certification status)
 *   Device Configuration application (0x0D 0x0E)
 *     Feature: Input Mode 0x52; Surface Switch 0x57 + Button Switch 0x58
 *   Mouse application (0x01 0x02)                            (for hosts without PTP support)
 * </pre>
 */
final class PtpRules {
  private PtpRules() {}

  static final int CERTIFICATION_BYTES = 256;

  static void check(LintContext c) {
    Optional<HidCollection> tp = application(c, Usages.TOUCH_PAD);
    if (tp.isEmpty()) {
      return;
    }
    HidCollection pad = tp.get();
    List<Field> fields = c.fieldsIn(pad);
    int at = pad.offset();

    List<HidCollection> fingers = new ArrayList<>();
    for (HidCollection col : c.d.collections()) {
      if (col.kind() == HidCollection.LOGICAL
          && col.usage().equals(Optional.of(Usages.FINGER))
          && isInside(c, col, pad)) {
        fingers.add(col);
      }
    }
    if (fingers.isEmpty()) {
      c.report(
          Rule.PTP_FINGER_COLLECTION,
          at,
          "Touch Pad application has no Logical collection with usage Finger (0x0D 0x22)",
          "Wrap each contact's Tip Switch, Confidence, Contact ID, X and Y in Usage (Finger),"
              + " Collection (Logical)");
    }
    for (HidCollection finger : fingers) {
      List<Field> in = inputs(c.fieldsIn(finger));
      List<String> missing = new ArrayList<>();
      need(in, Usages.TIP_SWITCH, "Tip Switch", missing);
      need(in, Usages.CONFIDENCE, "Confidence", missing);
      need(in, Usages.CONTACT_ID, "Contact ID", missing);
      need(in, Usages.X, "X", missing);
      need(in, Usages.Y, "Y", missing);
      if (!missing.isEmpty()) {
        c.report(
            Rule.PTP_FINGER_USAGES,
            finger.offset(),
            "Finger collection has no %s input (%d of 5 required usages missing)"
                .formatted(String.join(", ", missing), missing.size()),
            "Declare Tip Switch, Confidence, Contact ID, X and Y as Input items in each finger");
      }
      for (Field f : in) {
        for (Usage axis : new Usage[] {Usages.X, Usages.Y}) {
          if (!f.declaresUsage(axis)) {
            continue;
          }
          String name = axis.equals(Usages.X) ? "X" : "Y";
          if (f.physicalMax() <= 0 || !isLengthUnit(f.unit())) {
            c.report(
                Rule.PTP_XY_PHYSICAL,
                f.itemOffset(),
                "%s has Physical Maximum %d and Unit 0x%x; Windows needs a positive physical size in cm or inches"
                    .formatted(name, f.physicalMax(), f.unit()),
                "Before X and Y declare Physical Minimum 0, Physical Maximum (pad size), Unit"
                    + " (0x11 cm or 0x13 inch) and Unit Exponent");
          }
        }
      }
    }
    List<Field> inputs = inputs(fields);
    if (!any(inputs, Usages.CONTACT_COUNT)) {
      c.report(
          Rule.PTP_CONTACT_COUNT,
          at,
          "Touch Pad input report has no Contact Count (0x0D 0x54): Windows cannot tell how many fingers a frame carries",
          "Add Usage (Contact Count) as an 8-bit Input outside the finger collections");
    }
    if (!any(inputs, Usages.SCAN_TIME)) {
      c.report(
          Rule.PTP_SCAN_TIME,
          at,
          "Touch Pad input report has no Scan Time (0x0D 0x56): Windows cannot time the gestures",
          "Add Usage (Scan Time) as a 16-bit Input in 100 us units (Unit Seconds, Unit Exponent -4)");
    }
    if (!any(inputs, Usages.BUTTON_1)) {
      c.report(
          Rule.PTP_BUTTON,
          at,
          "Touch Pad input report has no Button 1 (0x09 0x01): the pad cannot click",
          "Add Usage Page (Button), Usage (1) as a 1-bit Input in the touch pad report");
    }
    List<Field> features = of(fields, ReportType.FEATURE);
    if (!any(features, Usages.CONTACT_COUNT_MAXIMUM)) {
      c.report(
          Rule.PTP_CONTACT_COUNT_MAXIMUM,
          at,
          "Touch Pad application has no Contact Count Maximum (0x0D 0x55) Feature: Windows cannot size its contact table",
          "Add a device capabilities Feature report with Contact Count Maximum (3..5) and Pad Type");
    }
    if (!any(features, Usages.PAD_TYPE)) {
      c.report(
          Rule.PTP_PAD_TYPE,
          at,
          "Touch Pad application has no Pad Type (0x0D 0x59) Feature: Windows cannot tell a clickpad from a pressure pad",
          "Add Pad Type to the device capabilities Feature report, next to Contact Count Maximum");
    }
    Optional<Field> cert =
        features.stream().filter(f -> f.declaresUsage(Usages.CERTIFICATION_STATUS)).findFirst();
    if (cert.isEmpty()) {
      c.report(
          Rule.PTP_CERTIFICATION_STATUS,
          at,
          "Touch Pad application has no certification status Feature (0xFF00 0xC5, 256 bytes); Windows treats the pad as uncertified",
          "Add Usage Page (0xFF00), Usage (0xC5), 256 x 8-bit Feature in its own report");
    } else {
      Field f = cert.get();
      int bytes = c.d.report(ReportType.FEATURE, f.reportId()).map(Report::payloadLength).orElse(0);
      if (bytes != CERTIFICATION_BYTES) {
        c.report(
            Rule.PTP_CERTIFICATION_STATUS,
            f.itemOffset(),
            "certification status Feature report is %d bytes; Windows expects 256".formatted(bytes),
            "Give the 0xFF00:0xC5 blob its own report of Report Size 8, Report Count 256");
      }
    }

    Optional<HidCollection> config = application(c, Usages.DEVICE_CONFIGURATION);
    List<Field> configFeatures =
        config.map(col -> of(c.fieldsIn(col), ReportType.FEATURE)).orElse(List.of());
    int configAt = config.map(HidCollection::offset).orElse(at);
    if (!any(configFeatures, Usages.INPUT_MODE)) {
      c.report(
          Rule.PTP_INPUT_MODE,
          configAt,
          config.isEmpty()
              ? "no Device Configuration application (0x0D 0x0E): Windows cannot switch the pad out of mouse mode"
              : "Device Configuration application has no Input Mode (0x0D 0x52) Feature: Windows cannot switch the pad out of mouse mode",
          "Add Usage Page (Digitizers), Usage (0x0E), Collection (Application) with an 8-bit"
              + " Input Mode Feature");
    }
    if (!any(configFeatures, Usages.SURFACE_SWITCH) || !any(configFeatures, Usages.BUTTON_SWITCH)) {
      c.report(
          Rule.PTP_FUNCTION_SWITCH,
          configAt,
          "configuration has no Surface Switch (0x57) and Button Switch (0x58) Features: Windows cannot turn off contacts or buttons",
          "Add a Feature report with Surface Switch and Button Switch (1 bit each) to the configuration application");
    }
    if (application(c, Usages.MOUSE).isEmpty()) {
      c.report(
          Rule.PTP_MOUSE_COLLECTION,
          at,
          "no Mouse application: hosts without Precision Touchpad support (BIOS, older Windows) get no pointer",
          "Add a Mouse application with relative X, Y and two buttons, used until Input Mode selects the touch pad");
    }
  }

  private static Optional<HidCollection> application(LintContext c, Usage usage) {
    return c.d.applications().stream()
        .filter(a -> a.usage().equals(Optional.of(usage)))
        .findFirst();
  }

  private static boolean isInside(LintContext c, HidCollection inner, HidCollection outer) {
    int p = inner.parent();
    while (p >= 0) {
      if (p == outer.index()) {
        return true;
      }
      p = c.d.collections().get(p).parent();
    }
    return false;
  }

  /**
   * A length unit: system nibble SI Linear (1) or English Linear (3), length exponent 1, no other
   * dimension (HID 1.11 §6.2.2.7, Unit).
   */
  static boolean isLengthUnit(long unit) {
    long system = unit & 0xf;
    return (system == 1 || system == 3) && (unit >> 4) == 1;
  }

  private static List<Field> inputs(List<Field> fields) {
    return of(fields, ReportType.INPUT);
  }

  private static List<Field> of(List<Field> fields, ReportType type) {
    return fields.stream().filter(f -> f.type() == type && !f.flags().constant()).toList();
  }

  private static boolean any(List<Field> fields, Usage u) {
    return fields.stream().anyMatch(f -> f.declaresUsage(u));
  }

  private static void need(List<Field> fields, Usage u, String name, List<String> missing) {
    if (!any(fields, u)) {
      missing.add(name);
    }
  }
}
