package dev.hogrig.hid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hogrig.util.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Compile rules and every error message a user can meet. */
class DescriptorTextTest {

  private static Bytes compile(String text) {
    return DescriptorText.compile(text);
  }

  private static String error(String text) {
    return assertThrows(TextCompileException.class, () -> compile(text)).getMessage();
  }

  private static String line(String hex) {
    return DescriptorText.decode(Items.parse(Bytes.fromHex(hex)));
  }

  // ------------------------------------------------------------- decode details

  @Test
  void decodeLayoutPadsBytesTo30AndDescriptionTo35ThenOffset() {
    assertEquals(
        "0x05, 0x01,                    // Usage Page (Generic Desktop)        0\n", line("05 01"));
  }

  @Test
  void longDescriptionsAreFollowedBySingleSpaceAndOffset() {
    assertEquals(
        "0x06, 0x01, 0xff,              // Usage Page (Vendor Usage Page 0xff01) 0\n",
        line("06 01 ff"));
  }

  @Test
  void unknownUsageOnKnownPagePrintsVendorUsageHex() {
    assertEquals(
        "0x05, 0x01,                    // Usage Page (Generic Desktop)        0\n"
            + "0x09, 0x03,                    // Usage (Vendor Usage 0x03)           2\n",
        line("05 01 09 03"));
  }

  @Test
  void usageNamesFollowPushAndPop() {
    // HID 1.11 6.2.2.7: Pop restores the Usage Page pushed with Push.
    String text = line("05 0d a4 05 01 b4 09 42");
    assertEquals(
        "0x09, 0x42,                    // Usage (Tip Switch)                  6",
        text.lines().toList().get(4));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "81 00|Input (Data,Arr,Abs)",
        "91 03|Output (Cnst,Var,Abs)",
        "b2 ff 01|Feature (Cnst,Var,Rel,Wrap,NonLin,NoPref,Null,Vol,Buff)",
        "82 00 02|Input (Data,Arr,Abs,0x200)",
        "15 ff|Logical Minimum (-1)",
        "25 ff|Logical Maximum (255)",
        "35 80|Physical Minimum (-128)",
        "46 ff ff|Physical Maximum (65535)",
        "55 0d|Unit Exponent (-3)",
        "55 07|Unit Exponent (7)",
        "65 33|Unit (EnglishLinear: in³)",
        "66 01 10|Unit (SILinear: s)",
        "67 11 f0 00 00|Unit (SILinear: cm * s⁻¹)",
        "65 12|Unit (SIRotation: rad)",
        "65 00|Unit (None)",
        "65 05|Unit (0x05)",
        "a1 02|Collection (Logical)",
        "a1 05|Collection (Usage_switch)",
        "a1 42|Collection (Reserved 0x42)",
        "85 07|Report ID (7)",
        "96 00 01|Report Count (256)",
        "39 02|Designator Index (2)",
        "a4|Push",
        "b4|Pop",
        "c0|End Collection",
        "f0|Reserved Tag 0xf0",
        "fe 00 ab|Long Item (tag 0xab)"
      })
  void describesItemsAsHidDecodeDoes(String hex, String description) {
    assertEquals(
        description,
        DescriptorText.describe(
            Items.parse(Bytes.fromHex(hex)).get(0), Usages.PAGE_GENERIC_DESKTOP));
  }

  /**
   * hid-tools 0.12's Button table names only usage 0, so hid-decode prints button usages with its
   * fallback (hidtools/hid.py get_human_descr); "Button 12" is still accepted when compiling.
   */
  @Test
  void buttonUsagesPrintAsHidDecodeDoesAndCompileByName() {
    assertEquals(
        "Usage (Vendor Usage 0x0c)",
        DescriptorText.describe(Items.parse(Bytes.of(0x09, 12)).get(0), 0x09));
    assertEquals(
        Bytes.of(0x05, 0x09, 0x09, 12, 0x09, 12),
        DescriptorText.compile(
            "Usage Page (Button)\nUsage (Button 12)\nUsage (Vendor Usage 0x0c)"));
  }

  /**
   * A Usage Page above 16 bits (malformed, HID 1.11 6.2.2.7) prints as hid-tools 0.12 prints it:
   * hidtools/hut.py looks a 32-bit key up by its high half when the low half is zero, and
   * hidtools/hid.py falls back to "Vendor Usage Page 0x%02x" of the whole value otherwise; usages
   * after it are named against that page, or not at all. Both read back to the same bytes.
   */
  @Test
  void widePageValuesPrintAsHidDecodeDoes() {
    Bytes named = Bytes.fromHex("07 00 00 01 00 09 30");
    assertEquals(
        "0x07, 0x00, 0x00, 0x01, 0x00,  // Usage Page (Generic Desktop)        0\n"
            + "0x09, 0x30,                    // Usage (X)                           5\n",
        line("07 00 00 01 00 09 30"));
    assertEquals(named, DescriptorText.compile(DescriptorText.decode(Items.parse(named))));
    Bytes unnamed = Bytes.fromHex("07 01 00 01 00 09 30");
    assertEquals(
        "0x07, 0x01, 0x00, 0x01, 0x00,  // Usage Page (Vendor Usage Page 0x10001) 0\n"
            + "0x09, 0x30,                    // Usage (Vendor Usage 0x30)           5\n",
        line("07 01 00 01 00 09 30"));
    assertEquals(
        unnamed,
        DescriptorText.compile(
            "Usage Page (Vendor Usage Page 0x10001)\nUsage (Vendor Usage 0x30)"));
  }

  /** hid-decode's names for vendor page 0xFF00 and its usages compile back to the same bytes. */
  @Test
  void hidDecodeVendorNamesCompile() {
    assertEquals(
        Bytes.of(
            0x06, 0x00, 0xff, 0x09, 0x01, 0x09, 0x02, 0x09, 0x03, 0x06, 0x01, 0xff, 0x09, 0x01),
        DescriptorText.compile(
            "Usage Page (Vendor Defined Page 1)\nUsage (Vendor Usage 1)\nUsage (Vendor Usage 2)\n"
                + "Usage (Vendor Usage 0x03)\nUsage Page (Vendor Usage Page 0xff01)\n"
                + "Usage (Vendor Usage 0x01)"));
  }

  // ------------------------------------------------------------- compile rules

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Logical Maximum (255)|26 ff 00",
        "Logical Maximum (127)|25 7f",
        "Logical Minimum (-127)|15 81",
        "Logical Minimum (0)|15 00",
        "Logical Maximum (-1)|25 ff",
        "Logical Maximum (4294967295)|27 ff ff ff ff",
        "Physical Maximum (32768)|47 00 80 00 00",
        "Usage Page (0xff00)|06 00 ff",
        "Usage Page (Vendor Defined Page 0xFF01)|06 01 ff",
        "Usage Page (Digitizers)|05 0d",
        "Report Count (256)|96 00 01",
        "Unit Exponent (-2)|55 0e",
        "Unit Exponent (-100)|55 9c",
        "Unit Exponent (20)|55 14",
        "Unit (SILinear: cm)|65 11",
        "Unit (SILinear: cm * s^-1)|66 11 f0",
        "Unit (None)|65 00",
        "Unit (0x05)|65 05",
        "Input (Data,Var,Abs)|81 02",
        "Input (Cnst)|81 01",
        "Feature (data, variable, relative, buff)|b2 06 01",
        "Collection (Application)|a1 01",
        "Collection (Named Array)|a1 04",
        "Collection (Vendor_defined 0x80)|a1 80",
        "End Collection|c0",
        "End Collection (0)|c1 00",
        "Push|a4",
        "Usage (0x000c0238)|0b 38 02 0c 00",
        "Usage (Consumer: AC Pan)|0b 38 02 0c 00",
        "Usage (Vendor Usage 0x1234)|0a 34 12",
        "Reserved Tag 0xf0 (300)|f2 2c 01",
        "Reserved Tag 0xfc (300)|ff 2c 01 00 00",
        "Long Item (tag 0x12, data 01 02)|fe 02 12 01 02",
        "UsageMinimum (1)|19 01"
      })
  void humanOnlyLinesEncodeMinimally(String text, String hex) {
    assertEquals(Bytes.fromHex(hex), compile(text));
  }

  @Test
  void namedUsagesResolveAgainstTheCurrentUsagePage() {
    assertEquals(
        Bytes.fromHex("05 0d 09 22 05 01 09 30 05 0c 0a 38 02 05 09 19 01 29 03"),
        compile(
            """
            Usage Page (Digitizers)
              Usage (finger)
            Usage Page (Generic Desktop)
              Usage (X)
            Usage Page (Consumer)
              Usage (AC Pan)
            Usage Page (Button)
              Usage Minimum (Button 1)
              Usage Maximum (3)
            """));
  }

  @Test
  void matchingByteColumnKeepsItsNonMinimalEncoding() {
    assertEquals(
        Bytes.fromHex("26 01 00"),
        compile("0x26, 0x01, 0x00,              // Logical Maximum (1)                 0"));
  }

  @Test
  void editedDescriptionWinsOverStaleBytes() {
    assertEquals(
        Bytes.fromHex("25 02"),
        compile("0x26, 0x01, 0x00,              // Logical Maximum (2)                 0"));
  }

  @Test
  void bytesOfAnotherTagAreIgnoredInFavourOfTheDescription() {
    assertEquals(Bytes.fromHex("75 08"), compile("0x95, 0x08, // Report Size (8)"));
  }

  @Test
  void byteOnlyLinesAreTakenVerbatim() {
    assertEquals(
        Bytes.fromHex("05 01 09 02 26 01 00"),
        compile("0x05, 0x01, 0x09, 0x02,\n0x26, 0x01, 0x00"));
  }

  @Test
  void commentsBlankLinesAndOffsetsAreIgnored() {
    assertEquals(
        Bytes.fromHex("05 01 c0"),
        compile(
            "# a comment\n\n   Usage Page (Generic Desktop)     0\r\n# Report Size (8)\nEnd Collection  2\n"));
  }

  @Test
  void slashSlashCommentsAreIgnored() {
    assertEquals(
        Bytes.fromHex("05 01 09 30 c0 05 01"),
        compile(
            "// hand-written\nUsage Page (Generic Desktop) // GD\nUsage (X)   2 // x axis (abs)\n"
                + "End Collection // done\n0x05, 0x01, // // no description"));
  }

  @Test
  void usageNamesAreMatchedIgnoringCase() {
    assertEquals(
        Bytes.fromHex("05 0d 09 55"), compile("usage page (DIGITIZERS)\nUSAGE (contact max)"));
  }

  // ------------------------------------------------------------- errors

  @Test
  void unknownItem() {
    assertEquals(
        "line 2, column 1: unknown item \"Usage Pgae\"",
        error("Usage Page (Generic Desktop)\nUsage Pgae (Generic Desktop)"));
  }

  @Test
  void unknownUsageNamesThePageAndSuggestsANumber() {
    TextCompileException e =
        assertThrows(
            TextCompileException.class,
            () -> compile("Usage Page (Generic Desktop)\n    Usage (Foo)"));
    assertEquals(
        "line 2, column 12: unknown usage \"Foo\" on page Generic Desktop; use a number",
        e.getMessage());
    assertEquals(2, e.line());
    assertEquals(12, e.column());
  }

  @Test
  void unknownUsageInExtendedForm() {
    assertEquals(
        "line 1, column 18: unknown usage \"Foo\" on page Consumer Devices; use a number",
        error("Usage (Consumer: Foo)"));
  }

  @Test
  void unknownUsagePage() {
    assertEquals(
        "line 1, column 13: unknown usage page \"Foo\"; use a number such as 0xff00",
        error("Usage Page (Foo)"));
  }

  @Test
  void missingValue() {
    assertEquals(
        "line 1, column 12: Report Size needs a value in parentheses, e.g. \"Report Size (1)\"",
        error("Report Size"));
  }

  @Test
  void badNumber() {
    assertEquals(
        "line 1, column 14: expected a number from 0 to 4294967295, got \"-1\"",
        error("Report Size (-1)"));
    assertEquals(
        "line 1, column 18: expected a number from -2147483648 to 2147483647, got \"x\"",
        error("Logical Minimum (x)"));
  }

  @Test
  void unknownMainItemFlag() {
    assertEquals(
        "line 1, column 13: unknown Input flag \"Foo\"; expected Data or Cnst, Arr or Var, Abs or"
            + " Rel, Wrap, NonLin, NoPref, Null, Vol, Buff, or a number",
        error("Input (Data,Foo)"));
  }

  @Test
  void unknownCollectionType() {
    assertEquals(
        "line 1, column 13: unknown collection type \"Foo\"; expected Physical, Application,"
            + " Logical, Report, Named Array, Usage Switch, Usage Modifier or a number",
        error("Collection (Foo)"));
  }

  @Test
  void unitErrors() {
    assertEquals(
        "line 1, column 7: expected a unit such as \"SILinear: cm\" (systems SILinear, SIRotation,"
            + " EnglishLinear, EnglishRotation), \"None\" or a number",
        error("Unit (Bogus)"));
    assertEquals(
        "line 1, column 17: unit \"rad\" is not one of SILinear's units cm, g, s, K, A, cd",
        error("Unit (SILinear: rad)"));
    assertEquals("line 1, column 22: unit \"cm\" appears twice", error("Unit (SILinear: cm * cm)"));
    assertEquals(
        "line 1, column 17: a unit exponent is 4 bits: -8 to 7, got 9",
        error("Unit (SILinear: cm^9)"));
    assertEquals(
        "line 1, column 17: expected a unit such as \"cm\" or \"s⁻¹\", got \"2cm\"",
        error("Unit (SILinear: 2cm)"));
  }

  @Test
  void unitExponentThatCannotBeEncoded() {
    assertEquals(
        "line 1, column 16: Unit Exponent 9 cannot be written: values that fit in 4 bits are read"
            + " as 4-bit two's complement (-8..7), HID 1.11 6.2.2.7",
        error("Unit Exponent (9)"));
  }

  @Test
  void badByteColumn() {
    assertEquals(
        "line 1, column 7: expected a byte such as 0x05, got \"0x123\"",
        error("0x05, 0x123, // Usage (X)"));
    assertEquals(
        "line 1, column 12: expected \"//\" between the item bytes and the description",
        error("0x05, 0x01 Usage Page (Generic Desktop)"));
    assertEquals(
        "line 1, column 1: these bytes are not whole items: byte 0: item 0x06 (Usage Page) needs 2"
            + " data bytes, only 1 remain",
        error("0x06, 0x01,"));
  }

  @Test
  void unbalancedOrTrailingText() {
    assertEquals(
        "line 1, column 9: expected \")\" to close the \"(\" in column 7", error("Usage (X"));
    assertEquals(
        "line 1, column 11: unexpected text after \")\"; only the byte offset or a // comment may"
            + " follow",
        error("Usage (X) junk"));
  }

  @Test
  void reservedAndLongItemErrors() {
    assertEquals(
        "line 1, column 1: 0x04 is not a reserved item tag; expected a prefix with size bits 0 that"
            + " HID 1.11 does not define",
        error("Reserved Tag 0x04"));
    assertEquals(
        "line 1, column 12: expected \"tag 0x12\" or \"tag 0x12, data 01 02 ...\"",
        error("Long Item (tag 0x123)"));
    assertEquals(
        "line 1, column 1: Long Item needs \"(tag 0x12, data 01 02)\"", error("Long Item"));
  }

  @Test
  void errorsAreTheHidExceptionTypeUsersCatch() {
    HidException e = assertThrows(HidException.class, () -> compile("Bogus (1)"));
    assertEquals(TextCompileException.class, e.getClass());
  }

  @Test
  void emptyTextIsAnEmptyDescriptor() {
    assertEquals(Bytes.EMPTY, compile(""));
    assertEquals("", DescriptorText.decode(List.of()));
  }
}
