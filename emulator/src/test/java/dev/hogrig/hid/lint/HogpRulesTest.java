package dev.hogrig.hid.lint;

import static dev.hogrig.hid.lint.LintAssertions.assertClean;
import static dev.hogrig.hid.lint.LintAssertions.assertFinding;
import static dev.hogrig.hid.lint.LintAssertions.assertNoFinding;
import static dev.hogrig.hid.lint.LintAssertions.lint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.hid.Item;
import dev.hogrig.hid.ItemTag;
import dev.hogrig.hid.Items;
import dev.hogrig.hid.ReportDescriptor;
import dev.hogrig.hid.ShortItem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** HID over GATT rules: the 512-byte Report Map, ATT_MTU − 3 reports, report IDs per TLC. */
class HogpRulesTest {

  /**
   * A vendor application of exactly {@code size} bytes (even, ≥ 14): a 7-byte header, then 2-byte
   * Report Size (8) items from offset 7 as filler, then a 7-byte tail with one 8-bit Input.
   */
  static ReportDescriptor sized(int size) {
    List<Item> items = new ArrayList<>();
    items.add(ShortItem.of(ItemTag.USAGE_PAGE, 0xff00, false)); // 0: 06 00 ff
    items.add(ShortItem.of(ItemTag.USAGE, 1, false)); // 3: 09 01
    items.add(ShortItem.of(ItemTag.COLLECTION, 1, false)); // 5: a1 01
    for (int i = 0; i < (size - 14) / 2; i++) {
      items.add(ShortItem.of(ItemTag.REPORT_SIZE, 8, false)); // 7 + 2i: 75 08
    }
    items.add(ShortItem.of(ItemTag.REPORT_COUNT, 1, false)); // 95 01
    items.add(ShortItem.of(ItemTag.USAGE, 1, false)); // 09 01
    items.add(ShortItem.of(ItemTag.INPUT, 2, false)); // 81 02
    items.add(ShortItem.of(ItemTag.END_COLLECTION)); // c0
    ReportDescriptor d = ReportDescriptor.parse(Items.encode(items));
    assertEquals(size, d.bytes().size());
    return d;
  }

  @Test
  void reportMapOf514BytesIsOverTheAttributeLimit() {
    // Byte 512 lies in the item at 511 (items start at odd offsets 7, 9, ...).
    List<Finding> f = Linter.lint(sized(514), LintOptions.defaults());
    assertFinding(f, Rule.HOGP_REPORT_MAP_SIZE, Severity.ERROR, 511);
  }

  @Test
  void reportMapOfExactly512BytesFits() {
    List<Finding> f = Linter.lint(sized(512), LintOptions.defaults());
    assertNoFinding(f, Rule.HOGP_REPORT_MAP_SIZE);
  }

  /** The vendor baseline with its one 8-bit Input repeated {@code count} times. */
  private static String inputOfBytes(int count) {
    return Descriptors.replaceLine(
        Descriptors.VENDOR, "// 14 Report Count", "95 %02x // 14 Report Count".formatted(count));
  }

  @Test
  void inputReportOf21BytesExceedsDefaultMtu() {
    Finding f =
        assertFinding(lint(inputOfBytes(21)), Rule.HOGP_REPORT_EXCEEDS_MTU, Severity.WARNING, 18);
    // 21 payload bytes + 3 bytes of ATT header = ATT_MTU 24.
    assertTrue(f.message().contains("24"), f.message());
  }

  @Test
  void inputReportOf20BytesFitsDefaultMtu() {
    assertClean(lint(inputOfBytes(20)));
  }

  @Test
  void inputReportOf21BytesFitsMtu24() {
    assertClean(lint(inputOfBytes(21), LintOptions.defaults().withAttMtu(24)));
  }

  @Test
  void outputReportOver20BytesExceedsDefaultMtu() {
    String d = Descriptors.replaceLine(inputOfBytes(32), "// 18 Input", "91 02 // 18 Output");
    assertFinding(lint(d), Rule.HOGP_REPORT_EXCEEDS_MTU, Severity.WARNING, 18);
  }

  @Test
  void featureReportOver20BytesIsReadWithReadBlobSoItIsFine() {
    String d = Descriptors.replaceLine(inputOfBytes(64), "// 18 Input", "b1 02 // 18 Feature");
    assertNoFinding(lint(d), Rule.HOGP_REPORT_EXCEEDS_MTU);
  }

  @Test
  void reportIdByteDoesNotCountTowardsTheMtu() {
    // 20 payload bytes behind Report ID 1: HOGP sends no ID byte, so this fits ATT_MTU 23.
    String d = Descriptors.replaceLine(inputOfBytes(20), "// 12 Report Size", "85 01 75 08");
    assertNoFinding(lint(d), Rule.HOGP_REPORT_EXCEEDS_MTU);
  }

  @Test
  void featureReportOf513BytesDoesNotFitACharacteristicValue() {
    // Report Size 8, Report Count 513 (96 01 02) Feature at 18.
    String d =
        Descriptors.replaceLine(
            Descriptors.VENDOR, "// 14 Report Count", "96 01 02 // 14 Count 513");
    d = Descriptors.replaceLine(d, "// 18 Input", "b1 02 // 19 Feature");
    assertFinding(lint(d), Rule.HOGP_REPORT_VALUE_SIZE, Severity.ERROR, 19);
  }

  @Test
  void featureReportOf512BytesFitsACharacteristicValue() {
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "// 14 Report Count", "96 00 02");
    d = Descriptors.replaceLine(d, "// 18 Input", "b1 02");
    assertClean(lint(d));
  }

  @Test
  void inputReportOver514BytesCannotFitAnyUsualMtu() {
    // 600-byte Input (96 58 02): it needs ATT_MTU 603, beyond the 517 stacks negotiate.
    String d = Descriptors.replaceLine(Descriptors.VENDOR, "// 14 Report Count", "96 58 02");
    Finding f = assertFinding(lint(d), Rule.HOGP_REPORT_EXCEEDS_MTU, Severity.WARNING, 19);
    assertTrue(f.hint().contains("split"), f.hint());
  }

  private static final String TWO_APPS_NO_IDS =
      """
      06 00 ff     //  0 Usage Page (Vendor 0xFF00)
      75 08        //  3 Report Size (8)
      95 01        //  5 Report Count (1)
      09 01        //  7 Usage (1)
      a1 01        //  9 Collection (Application)
      09 01        // 11 Usage (1)
      81 02        // 13 Input (Data,Var,Abs)
      c0           // 15 End Collection
      09 02        // 16 Usage (2)
      a1 01        // 18 Collection (Application)
      09 02        // 20 Usage (2)
      81 02        // 22 Input (Data,Var,Abs)
      c0           // 24 End Collection
      """;

  @Test
  void twoApplicationsWithoutReportIdsNeedIds() {
    assertFinding(lint(TWO_APPS_NO_IDS), Rule.HOGP_REPORT_IDS_REQUIRED, Severity.ERROR, 18);
  }

  @Test
  void oneApplicationWithoutReportIdsIsFine() {
    assertNoFinding(lint(Descriptors.BOOT_MOUSE), Rule.HOGP_REPORT_IDS_REQUIRED);
  }

  @Test
  void twoApplicationsWithReportIdsAreFine() {
    String d = Descriptors.replaceLine(TWO_APPS_NO_IDS, "// 11 Usage (1)", "85 01 09 01");
    d = Descriptors.replaceLine(d, "// 20 Usage (2)", "85 02 09 02");
    assertClean(lint(d));
  }
}
