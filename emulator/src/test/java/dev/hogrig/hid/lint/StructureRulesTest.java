package dev.hogrig.hid.lint;

import static dev.hogrig.hid.lint.LintAssertions.assertClean;
import static dev.hogrig.hid.lint.LintAssertions.assertFinding;
import static dev.hogrig.hid.lint.LintAssertions.assertNoFinding;
import static dev.hogrig.hid.lint.LintAssertions.lint;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** HID 1.11 structure rules: a descriptor that breaks each rule, and one that keeps it. */
class StructureRulesTest {

  @Test
  void vendorBaselineIsClean() {
    assertClean(lint(Descriptors.VENDOR));
  }

  @Test
  void endCollectionWithoutCollectionIsUnbalanced() {
    List<Finding> f = lint(Descriptors.VENDOR + "c0 // 21 End Collection, one too many");
    assertFinding(f, Rule.HID_COLLECTION_UNBALANCED, Severity.ERROR, 21);
  }

  @Test
  void collectionNeverClosedIsUnbalancedAtTheCollection() {
    List<Finding> f = lint(Descriptors.dropLines(Descriptors.VENDOR, "20 End Collection"));
    assertFinding(f, Rule.HID_COLLECTION_UNBALANCED, Severity.ERROR, 5);
  }

  @Test
  void nestedCollectionsThatCloseAreBalanced() {
    assertNoFinding(lint(Descriptors.BOOT_MOUSE), Rule.HID_COLLECTION_UNBALANCED);
  }

  @Test
  void popWithoutPushIsFlaggedAtThePop() {
    List<Finding> f =
        lint(Descriptors.replaceLine(Descriptors.VENDOR, "//  7 Logical Minimum", "b4 15 00"));
    assertFinding(f, Rule.HID_PUSH_POP_UNBALANCED, Severity.ERROR, 7);
  }

  @Test
  void pushNeverPoppedIsFlaggedAtThePush() {
    List<Finding> f =
        lint(Descriptors.replaceLine(Descriptors.VENDOR, "//  7 Logical Minimum", "a4 15 00"));
    assertFinding(f, Rule.HID_PUSH_POP_UNBALANCED, Severity.ERROR, 7);
  }

  @Test
  void pushThenPopIsBalanced() {
    String d =
        Descriptors.replaceLine(
            Descriptors.VENDOR, "//  7 Logical Minimum", "a4 15 00 // 7 Push, 8 Logical Min");
    d = Descriptors.replaceLine(d, "// 20 End Collection", "b4 c0 // 21 Pop, 22 End Collection");
    assertClean(lint(d));
  }

  @Test
  void reservedTagIsFlagged() {
    // 0xF4: bTag 15, bType global, no data — a global tag HID 1.11 does not define.
    List<Finding> f =
        lint(Descriptors.replaceLine(Descriptors.VENDOR, "//  7 Logical Minimum", "f4 15 00"));
    Finding r = assertFinding(f, Rule.HID_RESERVED_ITEM, Severity.ERROR, 7);
    assertTrue(r.item().startsWith("Reserved"), r.item());
  }

  @Test
  void longItemIsFlagged() {
    // FE 00 10: long item, 0 data bytes, long tag 0x10.
    List<Finding> f =
        lint(
            Descriptors.replaceLine(Descriptors.VENDOR, "//  7 Logical Minimum", "fe 00 10 15 00"));
    assertFinding(f, Rule.HID_LONG_ITEM, Severity.ERROR, 7);
  }

  @Test
  void definedItemsOnlyRaiseNoItemFindings() {
    List<Finding> f = lint(Descriptors.BOOT_KEYBOARD);
    assertNoFinding(f, Rule.HID_RESERVED_ITEM);
    assertNoFinding(f, Rule.HID_LONG_ITEM);
  }

  @Test
  void inputOutsideAnyApplicationIsFlagged() {
    String d =
        """
        75 08        // 0 Report Size (8)
        95 01        // 2 Report Count (1)
        81 01        // 4 Input (Cnst,Arr,Abs), in no collection
        """;
    assertFinding(lint(d), Rule.HID_MAIN_OUTSIDE_APPLICATION, Severity.ERROR, 4);
  }

  @Test
  void inputInsidePhysicalInsideApplicationIsInside() {
    assertNoFinding(lint(Descriptors.BOOT_MOUSE), Rule.HID_MAIN_OUTSIDE_APPLICATION);
  }

  @Test
  void usageMinimumWithoutMaximumIsUnpaired() {
    List<Finding> f =
        lint(
            Descriptors.replaceLine(
                Descriptors.VENDOR, "// 16 Usage (1)", "19 01 // 16 Usage Min"));
    assertFinding(f, Rule.HID_USAGE_RANGE_UNPAIRED, Severity.ERROR, 16);
  }

  @Test
  void usageMinimumWithMaximumIsPaired() {
    String d =
        Descriptors.replaceLine(Descriptors.VENDOR, "// 16 Usage (1)", "19 01 29 01 // min/max");
    assertClean(lint(d));
  }

  @Test
  void usageRangeAcrossPagesIsFlagged() {
    // Extended usages: minimum 0x0009:0001 (Button 1), maximum 0x0007:0003 (a key).
    String d =
        Descriptors.replaceLine(
            Descriptors.VENDOR,
            "// 16 Usage (1)",
            "1b 01 00 09 00 2b 03 00 07 00 // 16 min, 21 max");
    assertFinding(lint(d), Rule.HID_USAGE_RANGE_PAGES, Severity.ERROR, 16);
  }

  @Test
  void extendedUsageRangeOnOnePageIsFine() {
    String d =
        Descriptors.replaceLine(
            Descriptors.VENDOR, "// 16 Usage (1)", "1b 01 00 09 00 2b 01 00 09 00 // min, max");
    assertClean(lint(d));
  }

  @Test
  void usageMinimumAboveMaximumIsInverted() {
    String d =
        Descriptors.replaceLine(
            Descriptors.VENDOR, "// 16 Usage (1)", "19 05 29 01 // 16 min 5, 18 max 1");
    assertFinding(lint(d), Rule.HID_USAGE_RANGE_INVERTED, Severity.ERROR, 16);
  }

  @Test
  void usageMinimumBelowMaximumIsNotInverted() {
    assertNoFinding(lint(Descriptors.BOOT_KEYBOARD), Rule.HID_USAGE_RANGE_INVERTED);
  }

  @Test
  void delimiterClosingNothingIsFlagged() {
    String d =
        Descriptors.replaceLine(
            Descriptors.VENDOR, "// 16 Usage (1)", "a9 00 09 01 // 16 Delimiter (0)");
    assertFinding(lint(d), Rule.HID_DELIMITER, Severity.WARNING, 16);
  }

  @Test
  void delimiterSetThatOpensAndClosesIsFine() {
    String d =
        Descriptors.replaceLine(
            Descriptors.VENDOR,
            "// 16 Usage (1)",
            "a9 01 09 01 09 02 a9 00 // open, 2 usages, close");
    assertNoFinding(lint(d), Rule.HID_DELIMITER);
  }

  @Test
  void logicalMinimumAboveMaximumIsFlaggedAtTheMaximum() {
    String d =
        Descriptors.replaceLine(Descriptors.VENDOR, "//  7 Logical Minimum", "15 05 // 7 Min (5)");
    d = Descriptors.replaceLine(d, "//  9 Logical Maximum", "26 01 00 // 9 Max (1)");
    assertFinding(lint(d), Rule.HID_LOGICAL_RANGE_INVERTED, Severity.ERROR, 9);
  }

  @Test
  void oneByteLogicalMaximumOver127IsNegativeWhenMinimumIsNegative() {
    // Logical Minimum -1 (15 ff) makes 25 80 read as -128, below the minimum.
    String d =
        Descriptors.replaceLine(Descriptors.VENDOR, "//  7 Logical Minimum", "15 ff // 7 Min (-1)");
    d = Descriptors.replaceLine(d, "//  9 Logical Maximum", "25 80 // 9 Max (-128)");
    Finding f = assertFinding(lint(d), Rule.HID_LOGICAL_RANGE_INVERTED, Severity.ERROR, 9);
    assertTrue(f.hint().contains("128"), f.hint());
  }

  @Test
  void oneByteLogicalMaximum255IsUnsignedWhenMinimumIsZero() {
    // Logical Minimum 0 and 25 ff: Linux and the model read the maximum as 255, not -1.
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "//  9 Logical Maximum", "25 ff 00");
    assertNoFinding(lint(d), Rule.HID_LOGICAL_RANGE_INVERTED);
  }

  @Test
  void physicalMinimumAbovePhysicalMaximumIsFlagged() {
    String d =
        Descriptors.replaceLine(
            Descriptors.VENDOR,
            "// 12 Report Size",
            "35 0a 45 05 75 08 // 12 PhysMin 10, 14 PhysMax 5");
    assertFinding(lint(d), Rule.HID_PHYSICAL_RANGE_INVERTED, Severity.WARNING, 14);
  }

  @Test
  void physicalMinimumBelowMaximumIsFine() {
    String d =
        Descriptors.replaceLine(Descriptors.VENDOR, "// 12 Report Size", "35 00 45 0a 75 08");
    assertNoFinding(lint(d), Rule.HID_PHYSICAL_RANGE_INVERTED);
  }

  @Test
  void reportSizeZeroIsFlaggedAtTheReportSizeItem() {
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "// 12 Report Size", "75 00");
    Finding f = assertFinding(lint(d), Rule.HID_REPORT_SIZE_ZERO, Severity.ERROR, 12);
    assertTrue(f.item().equals("Report Size (0)"), f.item());
  }

  @Test
  void missingReportSizeIsFlaggedAtTheMainItem() {
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "// 12 Report Size", "95 01");
    assertFinding(lint(d), Rule.HID_REPORT_SIZE_ZERO, Severity.ERROR, 18);
  }

  @Test
  void reportSizeEightIsFine() {
    assertNoFinding(lint(Descriptors.VENDOR), Rule.HID_REPORT_SIZE_ZERO);
  }

  @Test
  void reportIdZeroIsFlagged() {
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "// 12 Report Size", "85 00 // 12");
    // Report Size now missing too; only the Report ID finding matters here.
    assertFinding(lint(d), Rule.HID_REPORT_ID_ZERO, Severity.ERROR, 12);
  }

  @Test
  void reportIdOneIsFine() {
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "// 12 Report Size", "85 01 75 08");
    assertClean(lint(d));
  }

  @Test
  void reportId256DoesNotFitOneByte() {
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "// 12 Report Size", "86 00 01 75 08");
    assertFinding(lint(d), Rule.HID_REPORT_ID_RANGE, Severity.ERROR, 12);
  }

  @Test
  void reportId255Fits() {
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "// 12 Report Size", "85 ff 75 08");
    assertNoFinding(lint(d), Rule.HID_REPORT_ID_RANGE);
  }

  @Test
  void inputWithoutIdBeforeInputWithIdIsMixed() {
    String d =
        Descriptors.replaceLine(
            Descriptors.VENDOR,
            "// 20 End Collection",
            "85 01 09 02 81 02 c0 // 20 Report ID 1, 22 Usage, 24 Input, 26 End");
    assertFinding(lint(d), Rule.HID_REPORT_ID_MIXED, Severity.ERROR, 18);
  }

  @Test
  void everyReportWithAnIdIsNotMixed() {
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "// 12 Report Size", "85 01 75 08");
    d = Descriptors.replaceLine(d, "// 20 End Collection", "85 02 09 02 81 02 c0");
    assertNoFinding(lint(d), Rule.HID_REPORT_ID_MIXED);
  }

  /** Two vendor applications; {@code secondId} is the Report ID of the second one. */
  private static String twoApplications(int secondId) {
    return """
        06 00 ff     //  0 Usage Page (Vendor 0xFF00)
        75 08        //  3 Report Size (8)
        95 01        //  5 Report Count (1)
        09 01        //  7 Usage (1)
        a1 01        //  9 Collection (Application)
        85 01        // 11 Report ID (1)
        09 01        // 13 Usage (1)
        81 02        // 15 Input (Data,Var,Abs)
        c0           // 17 End Collection
        09 02        // 18 Usage (2)
        a1 01        // 20 Collection (Application)
        85 %02x        // 22 Report ID (second)
        09 02        // 24 Usage (2)
        81 02        // 26 Input (Data,Var,Abs)
        c0           // 28 End Collection
        """
        .formatted(secondId);
  }

  @Test
  void sameInputReportIdInTwoApplicationsConflicts() {
    assertFinding(lint(twoApplications(1)), Rule.HID_REPORT_ID_CONFLICT, Severity.ERROR, 26);
  }

  @Test
  void distinctReportIdsPerApplicationDoNotConflict() {
    assertClean(lint(twoApplications(2)));
  }
}
