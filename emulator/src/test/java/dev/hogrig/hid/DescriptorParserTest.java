package dev.hogrig.hid;

import static dev.hogrig.hid.HidFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DescriptorParserTest {

  private static ReportDescriptor parse(String commentedHex) {
    return ReportDescriptor.parse(hex(commentedHex));
  }

  private static Usage u(int page, int id) {
    return new Usage(page, id);
  }

  private static List<Integer> kinds(List<HidCollection> path) {
    return path.stream().map(HidCollection::kind).toList();
  }

  // ---------------------------------------------------------------- HID 1.11 Appendix B

  @Test
  void bootKeyboardInputIsModifiersReservedByteAndSixKeys() {
    ReportDescriptor d = ReportDescriptor.parse(HidFixtures.BOOT_KEYBOARD);
    assertTrue(d.problems().isEmpty(), d.problems().toString());
    assertFalse(d.usesReportIds());
    assertEquals(1, d.applications().size());
    assertEquals(Optional.of(Usages.KEYBOARD), d.applications().get(0).usage());

    Report in = d.report(ReportType.INPUT, 0).orElseThrow();
    assertEquals(3, in.fields().size());
    assertEquals(64, in.bitLength());
    assertEquals(8, in.payloadLength());
    assertEquals(8, in.wireLength());

    Field mods = in.fields().get(0);
    assertEquals(0, mods.bitOffset());
    assertEquals(1, mods.size());
    assertEquals(8, mods.count());
    assertTrue(mods.flags().variable());
    assertFalse(mods.flags().constant());
    assertEquals(ImmutableList.of(new UsageRange(u(7, 0xE0), u(7, 0xE7))), mods.usages());
    assertEquals(u(7, 0xE1), mods.usageOfValue(1).orElseThrow()); // Left Shift is bit 1
    assertEquals(0, mods.logicalMin());
    assertEquals(1, mods.logicalMax());
    assertEquals(List.of(HidCollection.APPLICATION), kinds(mods.path()));

    Field reserved = in.fields().get(1);
    assertEquals(8, reserved.bitOffset());
    assertEquals(8, reserved.size());
    assertEquals(1, reserved.count());
    assertTrue(reserved.isPadding());

    Field keys = in.fields().get(2);
    assertEquals(16, keys.bitOffset());
    assertEquals(8, keys.size());
    assertEquals(6, keys.count());
    assertTrue(keys.flags().array());
    assertEquals(0, keys.logicalMin());
    assertEquals(101, keys.logicalMax());
    assertEquals(102, keys.usageCount());
    assertEquals(Optional.of(u(7, 0x04)), keys.usage(4)); // 'a'
    assertEquals(Optional.empty(), keys.usage(102));
  }

  @Test
  void bootKeyboardOutputIsFiveLedsAndThreeBitsPadding() {
    ReportDescriptor d = ReportDescriptor.parse(HidFixtures.BOOT_KEYBOARD);
    Report out = d.report(ReportType.OUTPUT, 0).orElseThrow();
    assertEquals(2, out.fields().size());
    Field leds = out.fields().get(0);
    assertEquals(0, leds.bitOffset());
    assertEquals(1, leds.size());
    assertEquals(5, leds.count());
    assertEquals(ImmutableList.of(new UsageRange(u(8, 1), u(8, 5))), leds.usages());
    Field pad = out.fields().get(1);
    assertEquals(5, pad.bitOffset());
    assertEquals(3, pad.size());
    assertTrue(pad.isPadding());
    assertEquals(1, out.payloadLength());
    assertTrue(d.report(ReportType.FEATURE, 0).isEmpty());
  }

  @Test
  void bootMouseIsThreeButtonsPaddingAndRelativeXy() {
    ReportDescriptor d = ReportDescriptor.parse(HidFixtures.BOOT_MOUSE);
    assertTrue(d.problems().isEmpty(), d.problems().toString());
    Report in = d.report(ReportType.INPUT, 0).orElseThrow();
    assertEquals(3, in.wireLength());

    Field buttons = in.fields().get(0);
    assertEquals(0, buttons.bitOffset());
    assertEquals(1, buttons.size());
    assertEquals(3, buttons.count());
    assertEquals(Optional.of(Usages.BUTTON_1), buttons.usageOfValue(0));
    assertEquals(Optional.of(u(9, 3)), buttons.usageOfValue(2));

    Field pad = in.fields().get(1);
    assertEquals(3, pad.bitOffset());
    assertEquals(5, pad.size());
    assertTrue(pad.isPadding());

    Field xy = in.fields().get(2);
    assertEquals(8, xy.bitOffset());
    assertEquals(8, xy.size());
    assertEquals(2, xy.count());
    assertEquals(ImmutableList.of(Usages.X, Usages.Y), xy.usages());
    assertEquals(-127, xy.logicalMin());
    assertEquals(127, xy.logicalMax());
    assertTrue(xy.flags().relative());
    // Collection path: Application (Mouse) > Physical (Pointer), outermost first.
    assertEquals(List.of(HidCollection.APPLICATION, HidCollection.PHYSICAL), kinds(xy.path()));
    assertEquals(Optional.of(Usages.MOUSE), xy.path().get(0).usage());
    assertEquals(Optional.of(Usages.POINTER), xy.path().get(1).usage());
    assertEquals(1, xy.path().get(1).depth());
    assertEquals(0, xy.path().get(1).parent());
    assertEquals(Optional.of(xy.path().get(0)), xy.application());
  }

  // ------------------------------------------------------------------------- report IDs

  @Test
  void payloadOffsetsRestartPerReportIdAndType() {
    ReportDescriptor d =
        parse(
            """
            06 00 FF ; Usage Page (Vendor 0xFF00)
            09 01    ; Usage (1)
            A1 01    ; Collection (Application)
            15 00    ;   Logical Minimum (0)
            25 01    ;   Logical Maximum (1)
            85 01    ;   Report ID (1)
            09 02    ;   Usage (2)
            75 08    ;   Report Size (8)
            95 02    ;   Report Count (2)
            81 02    ;   Input (Data, Variable, Absolute)    ID 1 input bits 0..15
            09 03    ;   Usage (3)
            B1 02    ;   Feature (Data, Variable, Absolute)  ID 1 feature bits 0..15
            85 02    ;   Report ID (2)
            09 04    ;   Usage (4)
            75 04    ;   Report Size (4)
            95 01    ;   Report Count (1)
            81 02    ;   Input                               ID 2 input bits 0..3
            85 01    ;   Report ID (1)
            09 05    ;   Usage (5)
            81 02    ;   Input                               ID 1 input bits 16..19
            C0       ; End Collection
            """);
    assertTrue(d.usesReportIds());
    Report in1 = d.report(ReportType.INPUT, 1).orElseThrow();
    assertEquals(List.of(0L, 16L), in1.fields().stream().map(Field::bitOffset).toList());
    assertEquals(3, in1.payloadLength());
    assertEquals(4, in1.wireLength(), "wire length includes the report ID byte");
    Report feature1 = d.report(ReportType.FEATURE, 1).orElseThrow();
    assertEquals(0, feature1.fields().get(0).bitOffset());
    assertEquals(3, feature1.wireLength());
    Report in2 = d.report(ReportType.INPUT, 2).orElseThrow();
    assertEquals(0, in2.fields().get(0).bitOffset());
    assertEquals(2, in2.wireLength());
    assertEquals(2, d.reports(ReportType.INPUT).size());
  }

  @Test
  void compositeMouseAndConsumerReports() {
    ReportDescriptor d = ReportDescriptor.parse(HidFixtures.MOUSE_AND_CONSUMER);
    assertTrue(d.problems().isEmpty(), d.problems().toString());
    assertEquals(2, d.applications().size());
    Report mouse = d.report(ReportType.INPUT, 1).orElseThrow();
    assertEquals(List.of(0L, 5L, 8L, 40L), mouse.fields().stream().map(Field::bitOffset).toList());
    assertEquals(-32767, mouse.fields().get(2).logicalMin());
    assertEquals(32767, mouse.fields().get(2).logicalMax());
    assertEquals(7, mouse.wireLength());
    Report consumer = d.report(ReportType.INPUT, 2).orElseThrow();
    Field slots = consumer.fields().get(0);
    assertEquals(0, slots.bitOffset());
    assertEquals(1023, slots.logicalMax());
    assertEquals(new UsageRange(u(0x0C, 0), u(0x0C, 0x3FF)), slots.usages().get(0));
    assertEquals(5, consumer.wireLength());
  }

  // -------------------------------------------------------------------------- Push / Pop

  @Test
  void popRestoresEveryGlobalPushed() {
    ReportDescriptor d =
        parse(
            """
            05 01    ; Usage Page (Generic Desktop)
            09 02    ; Usage (Mouse)
            A1 01    ; Collection (Application)
            85 01    ;   Report ID (1)
            15 81    ;   Logical Minimum (-127)
            25 7F    ;   Logical Maximum (127)
            75 08    ;   Report Size (8)
            95 01    ;   Report Count (1)
            A4       ;   Push
            05 09    ;     Usage Page (Button)
            85 02    ;     Report ID (2)
            15 00    ;     Logical Minimum (0)
            25 01    ;     Logical Maximum (1)
            75 01    ;     Report Size (1)
            95 08    ;     Report Count (8)
            19 01    ;     Usage Minimum (1)
            29 08    ;     Usage Maximum (8)
            81 02    ;     Input                  ID 2, 8 x 1 bit, buttons
            B4       ;   Pop
            09 38    ;   Usage (Wheel)            back on Generic Desktop
            81 06    ;   Input                    ID 1, 1 x 8 bits, -127..127
            C0       ; End Collection
            """);
    assertTrue(d.problems().isEmpty(), d.problems().toString());
    Field buttons = d.report(ReportType.INPUT, 2).orElseThrow().fields().get(0);
    assertEquals(1, buttons.size());
    assertEquals(8, buttons.count());
    assertEquals(Optional.of(u(9, 8)), buttons.usageOfValue(7));
    Field wheel = d.report(ReportType.INPUT, 1).orElseThrow().fields().get(0);
    assertEquals(Usages.WHEEL, wheel.usageOfValue(0).orElseThrow());
    assertEquals(8, wheel.size());
    assertEquals(1, wheel.count());
    assertEquals(-127, wheel.logicalMin());
    assertEquals(127, wheel.logicalMax());
    assertEquals(0, wheel.bitOffset());
  }

  // ---------------------------------------------------------------- values and signedness

  @Test
  void logicalMaximumFfIs255WhenMinimumIsZero() {
    Field f =
        onlyField(
            """
            15 00 ; Logical Minimum (0)
            25 FF ; Logical Maximum (0xFF): unsigned because the minimum is not negative
            """);
    assertEquals(0, f.logicalMin());
    assertEquals(255, f.logicalMax());
  }

  @Test
  void logicalMaximumFfIsMinusOneWhenMinimumIsNegative() {
    Field f =
        onlyField(
            """
            15 81 ; Logical Minimum (-127)
            25 FF ; Logical Maximum (0xFF): signed -1
            """);
    assertEquals(-127, f.logicalMin());
    assertEquals(-1, f.logicalMax());
  }

  @Test
  void physicalRangeFollowsTheSameRule() {
    Field f =
        onlyField(
            """
            35 00    ; Physical Minimum (0)
            46 FF FF ; Physical Maximum (0xFFFF) -> 65535
            """);
    assertEquals(0, f.physicalMin());
    assertEquals(65535, f.physicalMax());
    Field g =
        onlyField(
            """
            36 00 80 ; Physical Minimum (-32768)
            46 FF 7F ; Physical Maximum (32767)
            """);
    assertEquals(-32768, g.physicalMin());
    assertEquals(32767, g.physicalMax());
  }

  @Test
  void unitExponentIsAFourBitTwosComplementNibble() {
    // HID 1.11 §6.2.2.7: 0x0..0x7 = 0..7, 0x8..0xF = -8..-1.
    assertEquals(-2, onlyField("55 0E ; Unit Exponent (-2)").unitExponent());
    assertEquals(7, onlyField("55 07 ; Unit Exponent (7)").unitExponent());
    assertEquals(-8, onlyField("55 08 ; Unit Exponent (-8)").unitExponent());
    assertEquals(-1, onlyField("55 0F ; Unit Exponent (-1)").unitExponent());
    // A full-byte two's complement value some devices send is read as itself.
    assertEquals(-2, onlyField("55 FE ; Unit Exponent (0xFE)").unitExponent());
    Field unit = onlyField("66 11 00 ; Unit (0x0011: SI Linear, centimetre)");
    assertEquals(0x11, unit.unit());
  }

  // --------------------------------------------------------------------------- usages

  @Test
  void fourByteExtendedUsageIgnoresTheUsagePage() {
    Field f =
        onlyField(
            """
            05 09          ; Usage Page (Button)
            0B 30 00 01 00 ; Usage (Generic Desktop X), extended
            09 02          ; Usage (2), on the Button page
            95 02          ; Report Count (2)
            """);
    assertEquals(ImmutableList.of(Usages.X, u(9, 2)), f.usages());
  }

  @Test
  void extendedUsageRange() {
    Field f =
        onlyField(
            """
            1B 01 00 09 00 ; Usage Minimum (Button 1), extended
            2B 04 00 09 00 ; Usage Maximum (Button 4), extended
            95 04          ; Report Count (4)
            """);
    assertEquals(4, f.usageCount());
    assertEquals(Optional.of(u(9, 4)), f.usageOfValue(3));
  }

  @Test
  void usagesAndRangesMixInOrderAndTheLastRepeats() {
    Field f =
        onlyField(
            """
            05 01 ; Usage Page (Generic Desktop)
            09 30 ; Usage (X)
            19 31 ; Usage Minimum (Y)
            29 32 ; Usage Maximum (Z)
            09 38 ; Usage (Wheel)
            95 06 ; Report Count (6)
            """);
    assertEquals(4, f.usageCount());
    assertEquals(Optional.of(Usages.X), f.usageOfValue(0));
    assertEquals(Optional.of(Usages.Y), f.usageOfValue(1));
    assertEquals(Optional.of(u(1, 0x32)), f.usageOfValue(2));
    assertEquals(Optional.of(Usages.WHEEL), f.usageOfValue(3));
    // HID 1.11 §6.2.2.8: the last usage applies to the remaining values.
    assertEquals(Optional.of(Usages.WHEEL), f.usageOfValue(5));
  }

  @Test
  void shortUsageTakesThePageInForceAtTheMainItem() {
    // The documented Linux hid-core behaviour: a 1- or 2-byte Usage is completed with the last
    // Usage Page before the main item, not the one before the Usage.
    Field f =
        onlyField(
            """
            09 30 ; Usage (0x30)
            05 09 ; Usage Page (Button)
            """);
    assertEquals(ImmutableList.of(u(9, 0x30)), f.usages());
  }

  @Test
  void collectionWithAnEmptyUsageRangeDoesNotCrash() {
    // Usage Minimum 5 above Usage Maximum 3 stands for no usage at all; the Collection has no
    // usage rather than failing with an IndexOutOfBoundsException.
    ReportDescriptor d =
        parse(
            """
            05 01 ; Usage Page (Generic Desktop)
            19 05 ; Usage Minimum (5)
            29 03 ; Usage Maximum (3)
            A1 01 ; Collection (Application)
            C0    ; End Collection
            """);
    assertEquals(Optional.empty(), d.collections().get(0).usage());
  }

  // ------------------------------------------------------------------------ long items

  @Test
  void longItemIsSkippedAndRecorded() {
    ReportDescriptor d =
        parse(
            """
            FE 01 10 00 ; long item, tag 0x10, 1 data byte
            """);
    assertEquals(
        List.of(new Problem(Problem.Kind.LONG_ITEM, 0, "long item: HID 1.11 defines none")),
        d.problems());
    assertEquals(1, d.items().size());
  }

  // -------------------------------------------------------------------------- problems

  static Stream<Arguments> minimalProblems() {
    return Stream.of(
        Arguments.of("C0 ; End Collection", Problem.Kind.END_COLLECTION_WITHOUT_COLLECTION, 0),
        Arguments.of("A1 01 ; Collection (Application)", Problem.Kind.COLLECTION_NOT_CLOSED, 0),
        Arguments.of("B4 ; Pop", Problem.Kind.POP_WITHOUT_PUSH, 0),
        // Reported at the end of the descriptor, offset 1.
        Arguments.of("A4 ; Push", Problem.Kind.PUSH_NOT_POPPED, 1),
        Arguments.of("F5 00 ; global tag 0xF, reserved", Problem.Kind.RESERVED_ITEM, 0),
        Arguments.of("0C ; item type 3, reserved", Problem.Kind.RESERVED_ITEM, 0),
        Arguments.of("FE 00 00 ; long item", Problem.Kind.LONG_ITEM, 0),
        Arguments.of("81 02 ; Input", Problem.Kind.MAIN_ITEM_OUTSIDE_APPLICATION, 0),
        Arguments.of(
            "A1 00 ; Collection (Physical)\n B1 02 ; Feature\n C0",
            Problem.Kind.MAIN_ITEM_OUTSIDE_APPLICATION,
            2),
        Arguments.of("85 00 ; Report ID (0)", Problem.Kind.REPORT_ID_ZERO, 0),
        Arguments.of(
            "A1 01\n 19 01 ; Usage Minimum (1)\n 81 02\n C0", Problem.Kind.UNPAIRED_USAGE_RANGE, 2),
        Arguments.of(
            "A1 01\n 29 01 ; Usage Maximum (1)\n 81 02\n C0", Problem.Kind.UNPAIRED_USAGE_RANGE, 2),
        Arguments.of(
            "A1 01\n 1B 01 00 09 00 ; Usage Minimum (Button 1)\n"
                + " 2B 03 00 01 00 ; Usage Maximum (Generic Desktop 3)\n 81 02\n C0",
            Problem.Kind.USAGE_RANGE_ACROSS_PAGES,
            2),
        Arguments.of("A9 00 ; Delimiter (close) with none open", Problem.Kind.BAD_DELIMITER, 0),
        Arguments.of(
            "A9 01 ; Delimiter (open)\n A9 01 ; Delimiter (open) again",
            Problem.Kind.BAD_DELIMITER,
            2));
  }

  @ParameterizedTest
  @MethodSource("minimalProblems")
  void eachProblemKindFromAMinimalDescriptor(String hexText, Problem.Kind kind, int offset) {
    ReportDescriptor d = parse(hexText);
    assertEquals(1, d.problems().size(), d.problems().toString());
    assertEquals(kind, d.problems().get(0).kind());
    assertEquals(offset, d.problems().get(0).offset());
    assertFalse(d.problems().get(0).message().isBlank());
  }

  @Test
  void everyProblemKindIsCovered() {
    assertEquals(
        java.util.EnumSet.allOf(Problem.Kind.class),
        minimalProblems()
            .map(a -> (Problem.Kind) a.get()[1])
            .collect(
                java.util.stream.Collectors.toCollection(
                    () -> java.util.EnumSet.noneOf(Problem.Kind.class))));
  }

  @Test
  void truncatedItemThrowsNamingTheOffset() {
    DescriptorFormatException e =
        assertThrows(
            DescriptorFormatException.class,
            () -> parse("05 01 09 02 A1 01 15 00 26 FF ; Logical Maximum cut short"));
    assertEquals(8, e.offset());
    assertTrue(e.getMessage().contains("byte 8"), e.getMessage());
    assertTrue(e.getMessage() instanceof String && e instanceof HidException);
  }

  @Test
  void emptyDescriptorHasNothing() {
    ReportDescriptor d = ReportDescriptor.parse(dev.hogrig.util.Bytes.EMPTY);
    assertTrue(d.reports().isEmpty());
    assertTrue(d.problems().isEmpty());
  }

  /** The single Input field of an application whose body is {@code globals} + Input. */
  private static Field onlyField(String globals) {
    ReportDescriptor d =
        parse(
            "06 00 FF ; Usage Page (Vendor)\n09 01 ; Usage (1)\nA1 01 ; Collection (Application)\n"
                + "75 08 ; Report Size (8)\n95 01 ; Report Count (1)\n"
                + globals
                + "\n81 02 ; Input (Data, Variable, Absolute)\nC0 ; End Collection\n");
    assertTrue(d.problems().isEmpty(), d.problems().toString());
    Report r = d.reports().get(0);
    assertEquals(1, r.fields().size());
    return r.fields().get(0);
  }
}
