package dev.hogrig.hid.lint;

import static dev.hogrig.hid.lint.LintAssertions.assertFinding;
import static dev.hogrig.hid.lint.LintAssertions.assertNoFinding;
import static dev.hogrig.hid.lint.LintAssertions.lint;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Linux hid-core limits (Linux 6.1): HID_MAX_DESCRIPTOR_SIZE 4096, Report Size ≤ 256, Report Count
 * ≤ HID_MAX_USAGES 12288, reports ≤ (HID_MAX_BUFFER_SIZE 16384 − 1) × 8 bits, 4 nested Pushes.
 */
class LinuxRulesTest {

  @Test
  void descriptorOver4096BytesIsTooLongForLinux() {
    // Filler items start at odd offsets, so byte 4096 lies in the item at 4095.
    List<Finding> f = Linter.lint(HogpRulesTest.sized(4200), LintOptions.defaults());
    assertFinding(f, Rule.LINUX_DESCRIPTOR_SIZE, Severity.ERROR, 4095);
  }

  @Test
  void descriptorOfExactly4096BytesFits() {
    List<Finding> f = Linter.lint(HogpRulesTest.sized(4096), LintOptions.defaults());
    assertNoFinding(f, Rule.LINUX_DESCRIPTOR_SIZE);
  }

  @Test
  void reportSize257IsRejected() {
    String d =
        Descriptors.replaceLine(Descriptors.VENDOR, "// 12 Report Size", "76 01 01 // 12 Size 257");
    assertFinding(lint(d), Rule.LINUX_REPORT_SIZE, Severity.ERROR, 12);
  }

  @Test
  void reportSize256IsAccepted() {
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "// 12 Report Size", "76 00 01");
    assertNoFinding(lint(d), Rule.LINUX_REPORT_SIZE);
  }

  @Test
  void reportCount12289IsRejected() {
    String d =
        Descriptors.replaceLine(
            Descriptors.VENDOR, "// 14 Report Count", "96 01 30 // 14 Count 12289");
    assertFinding(lint(d), Rule.LINUX_REPORT_COUNT, Severity.ERROR, 14);
  }

  @Test
  void reportCount12288IsAccepted() {
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "// 14 Report Count", "96 00 30");
    assertNoFinding(lint(d), Rule.LINUX_REPORT_COUNT);
  }

  private static final String TWO_BIG_INPUTS =
      """
      06 00 ff     //  0 Usage Page (Vendor 0xFF00)
      09 01        //  3 Usage (1)
      a1 01        //  5 Collection (Application)
      75 08        //  7 Report Size (8)
      96 00 30     //  9 Report Count (12288): 98304 bits
      09 01        // 12 Usage (1)
      81 02        // 14 Input (Data,Var,Abs) bits 0..98303
      09 01        // 16 Usage (1)
      81 02        // 18 Input (Data,Var,Abs) ends at bit 196608 > 131064
      c0           // 20 End Collection
      """;

  @Test
  void reportOver131064BitsIsTooLongAtTheItemThatCrosses() {
    assertFinding(lint(TWO_BIG_INPUTS), Rule.LINUX_REPORT_LENGTH, Severity.ERROR, 18);
  }

  @Test
  void reportOf98304BitsIsAccepted() {
    String d = Descriptors.dropLines(TWO_BIG_INPUTS, "// 16 Usage", "// 18 Input");
    assertNoFinding(lint(d), Rule.LINUX_REPORT_LENGTH);
  }

  @Test
  void fifthNestedPushOverflowsTheGlobalStack() {
    String d =
        Descriptors.replaceLine(
            Descriptors.VENDOR,
            "//  7 Logical Minimum",
            "a4 a4 a4 a4 a4 b4 b4 b4 b4 b4 15 00 // 7..11 Push x5, 12..16 Pop x5");
    assertFinding(lint(d), Rule.LINUX_PUSH_DEPTH, Severity.ERROR, 11);
  }

  @Test
  void fourNestedPushesFit() {
    String d =
        Descriptors.replaceLine(
            Descriptors.VENDOR, "//  7 Logical Minimum", "a4 a4 a4 a4 b4 b4 b4 b4 15 00");
    assertNoFinding(lint(d), Rule.LINUX_PUSH_DEPTH);
  }

  @Test
  void usageRangeOf12289UsagesIsClipped() {
    // Usage Minimum 0 .. Usage Maximum 0x3000: 12289 usages for one Input.
    String d =
        Descriptors.replaceLine(Descriptors.VENDOR, "// 16 Usage (1)", "19 00 2a 00 30 // 16, 18");
    d = Descriptors.replaceLine(d, "// 18 Input", "81 00 // 21 Input (Data,Arr,Abs)");
    assertFinding(lint(d), Rule.LINUX_USAGE_COUNT, Severity.WARNING, 21);
  }

  @Test
  void usageRangeOf12288UsagesFits() {
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "// 16 Usage (1)", "19 01 2a 00 30");
    d = Descriptors.replaceLine(d, "// 18 Input", "81 00");
    assertNoFinding(lint(d), Rule.LINUX_USAGE_COUNT);
  }
}
