package dev.hogrig.hid.lint;

import static dev.hogrig.hid.lint.Descriptors.PTP;
import static dev.hogrig.hid.lint.Descriptors.replaceLine;
import static dev.hogrig.hid.lint.LintAssertions.assertClean;
import static dev.hogrig.hid.lint.LintAssertions.assertFinding;
import static dev.hogrig.hid.lint.LintAssertions.assertFindingAt;
import static dev.hogrig.hid.lint.LintAssertions.lint;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Windows Precision Touchpad rules. Failing cases take Microsoft's sample ({@link Descriptors#PTP})
 * and swap one usage for another of the same length (usually Width, 0x0D 0x48), so every other
 * offset stays put.
 */
class PtpRulesTest {

  private static List<Finding> ptpFindings(List<Finding> all) {
    return all.stream().filter(f -> f.ruleId().startsWith("PTP-")).toList();
  }

  @Test
  void microsoftSampleHasNoFindingsAtAll() {
    assertClean(lint(PTP));
  }

  @Test
  void descriptorWithoutTouchPadGetsNoPtpFindings() {
    // A lone Device Configuration application, no Touch Pad: the PTP rules stay silent.
    String d =
        """
        05 0d        //  0 Usage Page (Digitizers)
        09 0e        //  2 Usage (Device Configuration)
        a1 01        //  4 Collection (Application)
        09 52        //  6 Usage (Input Mode)
        15 00        //  8 Logical Minimum (0)
        25 0a        // 10 Logical Maximum (10)
        75 08        // 12 Report Size (8)
        95 01        // 14 Report Count (1)
        b1 02        // 16 Feature (Data,Var,Abs)
        c0           // 18 End Collection
        """;
    assertTrue(ptpFindings(lint(d)).isEmpty());
  }

  @Test
  void noFingerCollectionIsFlaggedAtTheTouchPad() {
    String d = replaceLine(PTP, "//   8 Usage (Finger)", "09 48 // 8 Usage (Width)");
    assertFinding(lint(d), Rule.PTP_FINGER_COLLECTION, Severity.ERROR, 4);
  }

  @Test
  void fingerWithoutConfidenceIsFlaggedAtTheFinger() {
    String d = replaceLine(PTP, "(Confidence)", "09 48 // 16 Usage (Width)");
    Finding f = assertFinding(lint(d), Rule.PTP_FINGER_USAGES, Severity.ERROR, 10);
    assertTrue(f.message().contains("Confidence"), f.message());
  }

  @Test
  void fingerWithoutContactIdIsFlagged() {
    String d = replaceLine(PTP, "(Contact Identifier)", "09 48 // 32 Usage (Width)");
    Finding f = assertFinding(lint(d), Rule.PTP_FINGER_USAGES, Severity.ERROR, 10);
    assertTrue(f.message().contains("Contact ID"), f.message());
  }

  @Test
  void xWithoutPhysicalMaximumIsFlaggedAtTheXInput() {
    String d = replaceLine(PTP, "Physical Maximum (400)", "46 00 00 // 59 Physical Maximum (0)");
    assertFinding(lint(d), Rule.PTP_XY_PHYSICAL, Severity.ERROR, 64);
  }

  @Test
  void xAndYWithoutLengthUnitAreBothFlagged() {
    // 0x12: English Rotation degrees, not a length.
    String d = replaceLine(PTP, "Unit (Inch", "65 12 // 53 Unit (degrees)");
    List<Finding> f = lint(d);
    assertFindingAt(f, Rule.PTP_XY_PHYSICAL, Severity.ERROR, 64);
    assertFindingAt(f, Rule.PTP_XY_PHYSICAL, Severity.ERROR, 71);
  }

  @Test
  void centimetreUnitIsALength() {
    String d = replaceLine(PTP, "Unit (Inch", "65 11 // 53 Unit (cm, SI Linear)");
    assertClean(lint(d));
  }

  @Test
  void noContactCountIsFlagged() {
    String d = replaceLine(PTP, "Usage (Contact Count)", "09 48");
    assertFinding(lint(d), Rule.PTP_CONTACT_COUNT, Severity.ERROR, 4);
  }

  @Test
  void noScanTimeIsFlagged() {
    String d = replaceLine(PTP, "Usage (Scan Time)", "09 48");
    assertFinding(lint(d), Rule.PTP_SCAN_TIME, Severity.ERROR, 4);
  }

  @Test
  void noButtonOneIsFlagged() {
    String d = replaceLine(PTP, "Usage (Button 1)", "09 02 // Usage (Button 2)");
    assertFinding(lint(d), Rule.PTP_BUTTON, Severity.ERROR, 4);
  }

  @Test
  void noContactCountMaximumIsFlagged() {
    String d = replaceLine(PTP, "Usage (Contact Count Maximum)", "09 48");
    assertFinding(lint(d), Rule.PTP_CONTACT_COUNT_MAXIMUM, Severity.ERROR, 4);
  }

  @Test
  void noPadTypeIsFlagged() {
    String d = replaceLine(PTP, "Usage (Pad Type)", "09 48");
    assertFinding(lint(d), Rule.PTP_PAD_TYPE, Severity.ERROR, 4);
  }

  @Test
  void noInputModeIsFlaggedAtTheConfigurationCollection() {
    String d = replaceLine(PTP, "Usage (Input Mode)", "09 48");
    assertFinding(lint(d), Rule.PTP_INPUT_MODE, Severity.ERROR, 165);
  }

  @Test
  void noConfigurationApplicationIsFlaggedAtTheTouchPad() {
    // Usage (Device Configuration) -> Usage (Width): the application is no longer a config TLC.
    String d = replaceLine(PTP, "Usage (Device Configuration)", "09 48");
    List<Finding> f = lint(d);
    assertFinding(f, Rule.PTP_INPUT_MODE, Severity.ERROR, 4);
    assertFinding(f, Rule.PTP_FUNCTION_SWITCH, Severity.WARNING, 4);
  }

  @Test
  void noSurfaceSwitchIsFlagged() {
    String d = replaceLine(PTP, "Usage (Surface Switch)", "09 48");
    assertFinding(lint(d), Rule.PTP_FUNCTION_SWITCH, Severity.WARNING, 165);
  }

  @Test
  void noCertificationStatusIsInfo() {
    String d = replaceLine(PTP, "certification status", "09 c6 // Usage (0xC6)");
    assertFinding(lint(d), Rule.PTP_CERTIFICATION_STATUS, Severity.INFO, 4);
  }

  @Test
  void certificationStatusOf128BytesIsFlaggedAtItsFeature() {
    String d = replaceLine(PTP, "Report Count (256)", "96 80 00 // 155 Report Count (128)");
    assertFinding(lint(d), Rule.PTP_CERTIFICATION_STATUS, Severity.INFO, 158);
  }

  @Test
  void noMouseApplicationIsInfo() {
    String d = replaceLine(PTP, "Usage (Mouse)", "09 01 // 212 Usage (Pointer)");
    assertFinding(lint(d), Rule.PTP_MOUSE_COLLECTION, Severity.INFO, 4);
  }
}
