package dev.hogrig.hid.lint;

import static dev.hogrig.hid.lint.Descriptors.BOOT_KEYBOARD;
import static dev.hogrig.hid.lint.Descriptors.BOOT_MOUSE;
import static dev.hogrig.hid.lint.Descriptors.dropLines;
import static dev.hogrig.hid.lint.Descriptors.replaceLine;
import static dev.hogrig.hid.lint.LintAssertions.assertClean;
import static dev.hogrig.hid.lint.LintAssertions.assertFinding;
import static dev.hogrig.hid.lint.LintAssertions.assertNoFinding;
import static dev.hogrig.hid.lint.LintAssertions.lint;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.hid.lint.LintOptions.BootProtocol;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Boot layouts of HID 1.11 Appendix B, checked against the keyboard and mouse of Appendix E. */
class BootRulesTest {

  private static final LintOptions BOOT = LintOptions.defaults().withBootProtocol(BootProtocol.YES);

  @Test
  void appendixBootKeyboardIsCleanWhenBootIsClaimed() {
    List<Finding> f = lint(BOOT_KEYBOARD, BOOT);
    assertTrue(f.stream().noneMatch(x -> x.severity() != Severity.INFO), f::toString);
    assertClean(f);
  }

  @Test
  void appendixBootMouseIsCleanWhenBootIsClaimed() {
    List<Finding> f = lint(BOOT_MOUSE, BOOT);
    assertTrue(f.stream().noneMatch(x -> x.severity() != Severity.INFO), f::toString);
    assertClean(f);
  }

  @Test
  void appendixDescriptorsAreCleanWithDefaultOptions() {
    assertClean(lint(BOOT_KEYBOARD));
    assertClean(lint(BOOT_MOUSE));
  }

  @Test
  void keyboardWith16BitKeySlotsIsNotBootLayout() {
    String d = replaceLine(BOOT_KEYBOARD, "Report Size (8) keys", "75 10 // 48 Report Size (16)");
    assertFinding(lint(d, BOOT), Rule.BOOT_KEYBOARD_LAYOUT, Severity.ERROR, 60);
  }

  @Test
  void keyboardWithModifiersAsOneByteValueIsNotBootLayout() {
    String d = replaceLine(BOOT_KEYBOARD, "Report Size (1) modifiers", "75 08 // 16 Size (8)");
    d = replaceLine(d, "Report Count (8) modifiers", "95 01 // 18 Count (1)");
    assertFinding(lint(d, BOOT), Rule.BOOT_KEYBOARD_LAYOUT, Severity.ERROR, 20);
  }

  @Test
  void keyboardWithFourKeysIsTooShort() {
    String d = replaceLine(BOOT_KEYBOARD, "// 46 Report Count (6)", "95 04 // 46 Report Count (4)");
    Finding f = assertFinding(lint(d, BOOT), Rule.BOOT_KEYBOARD_LAYOUT, Severity.ERROR, 60);
    assertTrue(f.message().contains("6 bytes"), f.message());
  }

  @Test
  void keyboardLedsStartingAtCapsLockAreNotBootLayout() {
    String d = replaceLine(BOOT_KEYBOARD, "Usage Minimum (1) Num Lock", "19 02 // 34 Min (2)");
    assertFinding(lint(d, BOOT), Rule.BOOT_KEYBOARD_LEDS, Severity.ERROR, 38);
  }

  @Test
  void keyboardWithThreeLedsAndFivePaddingBitsIsBootLayout() {
    // Num, Caps, Scroll Lock only (Usage Maximum 3, Report Count 3), then 5 padding bits.
    String d = replaceLine(BOOT_KEYBOARD, "// 28 Report Count (5)", "95 03 // 28 Report Count (3)");
    d = replaceLine(d, "Usage Maximum (5) Kana", "29 03 // 36 Usage Maximum (3)");
    d = replaceLine(d, "// 42 Report Size (3)", "75 05 // 42 Report Size (5)");
    assertClean(lint(d, BOOT));
  }

  @Test
  void keyboardWithKanaWhereComposeBelongsIsNotBootLayout() {
    // Four LEDs Num, Caps, Scroll, Kana: bit 3 carries Kana (0x08:0x05), not Compose (0x08:0x04).
    String d = replaceLine(BOOT_KEYBOARD, "// 28 Report Count (5)", "95 04 // 28 Report Count (4)");
    d = replaceLine(d, "// 34 Usage Minimum (1)", "09 01 09 02 // 34 Num Lock, 36 Caps Lock");
    d = replaceLine(d, "// 36 Usage Maximum (5)", "09 03 09 05 // 38 Scroll Lock, 40 Kana");
    d = replaceLine(d, "// 38 Output", "91 02 // 42 Output (Data,Var,Abs)");
    d = replaceLine(d, "// 42 Report Size (3)", "75 04 // 46 Report Size (4)");
    assertFinding(lint(d, BOOT), Rule.BOOT_KEYBOARD_LEDS, Severity.ERROR, 42);
  }

  @Test
  void keyboardWithoutLedOutputIsFlaggedAtTheApplication() {
    String d =
        dropLines(
            BOOT_KEYBOARD,
            "// 28 ",
            "// 30 ",
            "// 32 ",
            "// 34 ",
            "// 36 ",
            "// 38 ",
            "// 40 ",
            "// 42 ",
            "// 44 ");
    assertFinding(lint(d, BOOT), Rule.BOOT_KEYBOARD_LEDS, Severity.ERROR, 4);
  }

  @Test
  void mouseWith16BitAxesIsNotBootLayout() {
    String d = replaceLine(BOOT_MOUSE, "Report Size (8) axes", "75 10 // 42 Report Size (16)");
    assertFinding(lint(d, BOOT), Rule.BOOT_MOUSE_LAYOUT, Severity.ERROR, 46);
  }

  @Test
  void mouseWithAbsoluteAxesIsNotBootLayout() {
    String d = replaceLine(BOOT_MOUSE, "Input (Data,Var,Rel)", "81 02 // 46 Input (Data,Var,Abs)");
    assertFinding(lint(d, BOOT), Rule.BOOT_MOUSE_LAYOUT, Severity.ERROR, 46);
  }

  @Test
  void mouseWithTwoButtonsIsNotBootLayout() {
    // Bit 2 falls in the padding field at 30.
    String d = replaceLine(BOOT_MOUSE, "Report Count (3) buttons", "95 02 // 20 Count (2)");
    d = replaceLine(d, "Report Size (5) padding", "75 06 // 28 Size (6)");
    assertFinding(lint(d, BOOT), Rule.BOOT_MOUSE_LAYOUT, Severity.ERROR, 30);
  }

  @Test
  void reportIdByteIsIgnoredWhenComparingLayouts() {
    // Report ID 1 before the buttons: the payload after the ID is still the boot report.
    String d = replaceLine(BOOT_MOUSE, "//  8 Collection (Physical)", "a1 00 85 01");
    assertClean(lint(d, BOOT));
  }

  @Test
  void autoModeChecksAMouseThatComesFirstAtInfo() {
    String d = replaceLine(BOOT_MOUSE, "Report Size (8) axes", "75 10");
    assertFinding(lint(d), Rule.BOOT_MOUSE_LAYOUT, Severity.INFO, 46);
  }

  @Test
  void autoModeIgnoresAMouseThatIsNotTheFirstApplication() {
    // A vendor application first, then the bad mouse.
    String d =
        replaceLine(Descriptors.VENDOR, "// 12 Report Size", "85 01 75 08")
            + replaceLine(
                replaceLine(BOOT_MOUSE, "Report Size (8) axes", "75 10"),
                "//  8 Collection (Physical)",
                "a1 00 85 02");
    assertNoFinding(lint(d), Rule.BOOT_MOUSE_LAYOUT);
    // ... but YES checks it, at ERROR. The vendor part is 21 + 2 (Report ID) = 23 bytes; the
    // mouse Input sits at 46 + 2 (its Report ID) within the mouse: 23 + 48 = 71.
    assertFinding(lint(d, BOOT), Rule.BOOT_MOUSE_LAYOUT, Severity.ERROR, 71);
  }

  @Test
  void bootProtocolNoSilencesBootRules() {
    String d = replaceLine(BOOT_MOUSE, "Report Size (8) axes", "75 10");
    assertNoFinding(
        lint(d, LintOptions.defaults().withBootProtocol(BootProtocol.NO)), Rule.BOOT_MOUSE_LAYOUT);
  }

  /**
   * Found by the fuzz test: modifiers declared as an array over an inverted (empty) usage range
   * crashed the boot rules while they described the field. They must report, not throw.
   */
  @Test
  void modifiersAsAnArrayOverAnEmptyUsageRangeAreReportedNotThrown() {
    String broken =
        replaceLine(
            replaceLine(
                replaceLine(
                    BOOT_KEYBOARD, "//  8 Usage Minimum", "19 e7 //  8 Usage Minimum (0xE7)"),
                "// 10 Usage Maximum",
                "29 e0 // 10 Usage Maximum (0xE0)"),
            "// 20 Input",
            "81 00 // 20 Input (Data,Arr,Abs)");
    List<Finding> findings =
        lint(broken, LintOptions.defaults().withBootProtocol(BootProtocol.YES));
    assertTrue(
        findings.stream().anyMatch(f -> f.rule() == Rule.BOOT_KEYBOARD_LAYOUT),
        findings.toString());
    assertTrue(
        findings.stream().anyMatch(f -> f.rule() == Rule.HID_USAGE_RANGE_INVERTED),
        findings.toString());
  }
}
