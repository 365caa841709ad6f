package dev.hogrig.hid.lint;

import static dev.hogrig.hid.lint.LintAssertions.descriptor;
import static dev.hogrig.hid.lint.LintAssertions.lint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.hid.lint.LintOptions.BootProtocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What callers of {@link Linter} rely on beyond the individual rules. */
class LinterApiTest {

  /** Several problems, written out of offset order relative to rule order. */
  private static final String SEVERAL =
      """
      06 00 ff     //  0 Usage Page (Vendor 0xFF00)
      09 01        //  3 Usage (1)
      a1 01        //  5 Collection (Application)
      75 00        //  7 Report Size (0)
      95 01        //  9 Report Count (1)
      19 05        // 11 Usage Minimum (5)
      29 01        // 13 Usage Maximum (1)
      81 02        // 15 Input (Data,Var,Abs)
      81 02        // 17 Input (Data,Var,Abs), same Report Size (0)
      c0           // 19 End Collection
      c0           // 20 End Collection, one too many
      """;

  @Test
  void findingsAreSortedByOffset() {
    List<Finding> f = lint(SEVERAL);
    assertEquals(List.of(7, 11, 20), f.stream().map(Finding::offset).toList(), f::toString);
    assertEquals(
        List.of("HID-REPORT-SIZE-ZERO", "HID-USAGE-RANGE-INVERTED", "HID-COLLECTION-UNBALANCED"),
        f.stream().map(Finding::ruleId).toList());
  }

  @Test
  void oneBadItemUsedByTwoMainItemsIsReportedOnce() {
    long n = lint(SEVERAL).stream().filter(f -> f.ruleId().equals("HID-REPORT-SIZE-ZERO")).count();
    assertEquals(1, n);
  }

  @Test
  void itemIsRenderedAsHidDecodeWould() {
    List<Finding> f = lint(SEVERAL);
    assertEquals("Report Size (0)", f.get(0).item());
    assertEquals("Usage Minimum (0x05)", f.get(1).item());
    assertEquals("End Collection", f.get(2).item());
  }

  @Test
  void mainItemFlagsAreRenderedShort() {
    String d =
        """
        75 08        // 0 Report Size (8)
        95 01        // 2 Report Count (1)
        81 06        // 4 Input (Data,Var,Rel), outside any application
        """;
    assertEquals("Input (Data,Var,Rel)", lint(d).get(0).item());
  }

  @Test
  void findingKnowsItsRule() {
    assertEquals(Rule.HID_REPORT_SIZE_ZERO, lint(SEVERAL).get(0).rule());
  }

  @Test
  void defaultsAreMtu23AndAutomaticBootChecks() {
    LintOptions o = LintOptions.defaults();
    assertEquals(23, o.attMtu());
    assertEquals(BootProtocol.AUTO, o.bootProtocol());
    assertEquals(Linter.lint(descriptor(SEVERAL), o), Linter.lint(descriptor(SEVERAL)));
  }

  @Test
  void mtuBelowTheLeMinimumIsRejected() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new LintOptions(22, BootProtocol.AUTO));
    assertTrue(e.getMessage().contains("22"), e.getMessage());
  }

  @Test
  void largeMtuIsAccepted() {
    assertEquals(517, LintOptions.defaults().withAttMtu(517).attMtu());
  }
}
