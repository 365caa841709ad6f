package dev.hogrig.hid;

import static dev.hogrig.hid.Usages.MOUSE;
import static dev.hogrig.hid.Usages.PAGE_BUTTON;
import static dev.hogrig.hid.Usages.PAGE_GENERIC_DESKTOP;
import static dev.hogrig.hid.Usages.PAGE_KEYBOARD;
import static dev.hogrig.hid.Usages.PAGE_LED;
import static dev.hogrig.hid.Usages.POINTER;
import static dev.hogrig.hid.Usages.X;
import static dev.hogrig.hid.Usages.Y;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.util.Bytes;
import org.junit.jupiter.api.Test;

class DescriptorBuilderTest {

  @Test
  void reproducesTheBootMouseDescriptorOfHid111AppendixB2() {
    Bytes built =
        DescriptorBuilder.create()
            .usagePage(PAGE_GENERIC_DESKTOP)
            .usage(MOUSE)
            .application(
                app ->
                    app.usage(POINTER)
                        .physical(
                            p ->
                                p.usagePage(PAGE_BUTTON)
                                    .usageRange(1, 3)
                                    .logicalRange(0, 1)
                                    .reportCount(3)
                                    .reportSize(1)
                                    .input(MainFlags.DATA_VAR_ABS)
                                    .reportCount(1)
                                    .reportSize(5)
                                    .input(MainFlags.CONST_ARRAY_ABS)
                                    .usagePage(PAGE_GENERIC_DESKTOP)
                                    .usage(X)
                                    .usage(Y)
                                    .logicalRange(-127, 127)
                                    .reportSize(8)
                                    .reportCount(2)
                                    .input(MainFlags.DATA_VAR_REL)))
            .build();
    // HID 1.11 Appendix B.2, byte for byte.
    Bytes spec =
        Bytes.fromHex(
            """
            05 01 09 02 A1 01 09 01 A1 00 05 09 19 01 29 03
            15 00 25 01 95 03 75 01 81 02 95 01 75 05 81 01
            05 01 09 30 09 31 15 81 25 7F 75 08 95 02 81 06
            C0 C0
            """);
    assertEquals(spec, built);
    assertEquals(HidFixtures.BOOT_MOUSE, built);
  }

  @Test
  void builtKeyboardParsesIntoTheBootKeyboardReports() {
    ReportDescriptor d =
        DescriptorBuilder.create()
            .usagePage(PAGE_GENERIC_DESKTOP)
            .usage(Usages.KEYBOARD)
            .application(
                app ->
                    app.usagePage(PAGE_KEYBOARD)
                        .usageRange(0xE0, 0xE7)
                        .logicalRange(0, 1)
                        .reportSize(1)
                        .reportCount(8)
                        .input(MainFlags.DATA_VAR_ABS)
                        .reportCount(1)
                        .reportSize(8)
                        .input(MainFlags.CONST_ARRAY_ABS)
                        .reportCount(5)
                        .reportSize(1)
                        .usagePage(PAGE_LED)
                        .usageRange(1, 5)
                        .output(MainFlags.DATA_VAR_ABS)
                        .reportCount(1)
                        .reportSize(3)
                        .output(MainFlags.CONST_ARRAY_ABS)
                        .reportCount(6)
                        .reportSize(8)
                        .logicalRange(0, 101)
                        .usagePage(PAGE_KEYBOARD)
                        .usageRange(0, 101)
                        .input(MainFlags.DATA_ARRAY_ABS))
            .buildDescriptor();
    assertEquals(HidFixtures.BOOT_KEYBOARD, d.bytes(), "same items as HID 1.11 App. B.1");
    assertTrue(d.problems().isEmpty(), d.problems().toString());

    Report in = d.report(ReportType.INPUT, 0).orElseThrow();
    assertEquals(8, in.wireLength());
    Field keys = in.fields().get(2);
    assertEquals(16, keys.bitOffset());
    assertEquals(8, keys.size());
    assertEquals(6, keys.count());
    assertTrue(keys.flags().array());
    assertEquals(new UsageRange(new Usage(7, 0), new Usage(7, 101)), keys.usages().get(0));

    Report out = d.report(ReportType.OUTPUT, 0).orElseThrow();
    assertEquals(1, out.wireLength());
    assertEquals(5, out.fields().get(0).count());
    assertTrue(out.fields().get(1).isPadding());
  }

  @Test
  void minimumsAndMaximumsAreSignedSoMax255TakesTwoBytes() {
    Bytes b =
        DescriptorBuilder.create()
            .logicalRange(0, 255) // 15 00, 26 FF 00 (25 FF would read as -1 to a signed parser)
            .physicalRange(-1, 32768) // 35 FF, 47 00 80 00 00
            .logicalMinimum(-32768) // 16 00 80
            .build();
    assertEquals(Bytes.fromHex("15 00 26 FF 00 35 FF 47 00 80 00 00 16 00 80"), b);
    ReportDescriptor d =
        DescriptorBuilder.create()
            .usagePage(0xFF00)
            .usage(1)
            .application(
                a ->
                    a.usage(2)
                        .logicalRange(0, 255)
                        .reportSize(8)
                        .reportCount(1)
                        .input(MainFlags.DATA_VAR_ABS))
            .buildDescriptor();
    Field f = d.reports().get(0).fields().get(0);
    assertEquals(0, f.logicalMin());
    assertEquals(255, f.logicalMax());
  }

  @Test
  void unitExponentIsWrittenAsAFourBitNibble() {
    // HID 1.11 §6.2.2.7 Unit Exponent table: 0xE = -2, 0x7 = 7, 0x8 = -8.
    assertEquals(
        Bytes.fromHex("55 0E 55 07 55 08"),
        DescriptorBuilder.create().unitExponent(-2).unitExponent(7).unitExponent(-8).build());
    assertThrows(IllegalArgumentException.class, () -> DescriptorBuilder.create().unitExponent(8));
  }

  @Test
  void usageOnAnotherPageIsWrittenExtended() {
    // Usage (Button 1) while the page is Generic Desktop: 4-byte 0x00090001 (HID 1.11 §6.2.2.8).
    assertEquals(
        Bytes.fromHex("05 01 0B 01 00 09 00 09 30"),
        DescriptorBuilder.create()
            .usagePage(PAGE_GENERIC_DESKTOP)
            .usage(Usages.BUTTON_1)
            .usage(X)
            .build());
  }

  @Test
  void usagePageChangeBetweenUsageAndMainItemIsRefused() {
    DescriptorBuilder b = DescriptorBuilder.create().usagePage(PAGE_GENERIC_DESKTOP).usage(X);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> b.usagePage(PAGE_BUTTON));
    assertTrue(e.getMessage().contains("0001:0030"), e.getMessage());
  }

  @Test
  void sizesGrowWithTheValue() {
    assertEquals(
        Bytes.fromHex("95 FF 96 00 01 97 00 00 01 00 85 01 B1 02 C1 00"),
        DescriptorBuilder.create()
            .reportCount(255)
            .reportCount(256)
            .reportCount(65536)
            .reportId(1)
            .feature(MainFlags.DATA_VAR_ABS)
            .item(ShortItem.ofSize(ItemTag.END_COLLECTION, 0, 1))
            .build());
    assertThrows(IllegalArgumentException.class, () -> DescriptorBuilder.create().reportId(0));
    assertThrows(IllegalArgumentException.class, () -> DescriptorBuilder.create().reportId(256));
  }

  @Test
  void nestedCollectionsAreAlwaysClosedAndPushPopCarryNoData() {
    ReportDescriptor d =
        DescriptorBuilder.create()
            .usagePage(Usages.PAGE_DIGITIZERS)
            .usage(Usages.TOUCH_SCREEN)
            .application(
                a ->
                    a.usage(Usages.FINGER)
                        .logical(
                            f ->
                                f.push()
                                    .usagePage(PAGE_GENERIC_DESKTOP)
                                    .usage(X)
                                    .logicalRange(0, 4095)
                                    .reportSize(16)
                                    .reportCount(1)
                                    .input(MainFlags.DATA_VAR_ABS)
                                    .pop()
                                    .usage(Usages.TIP_SWITCH)
                                    .reportSize(8)
                                    .reportCount(1)
                                    .input(MainFlags.DATA_VAR_ABS)))
            .buildDescriptor();
    assertTrue(d.problems().isEmpty(), d.problems().toString());
    assertEquals(
        Bytes.fromHex(
            "05 0D 09 04 A1 01 09 22 A1 02 A4 05 01 09 30 15 00 26 FF 0F 75 10 95 01 81 02"
                + " B4 09 42 75 08 95 01 81 02 C0 C0"),
        d.bytes());
    // After Pop the page is Digitizers again, so Tip Switch is written short and means 0D:42.
    assertEquals(
        Usages.TIP_SWITCH, d.reports().get(0).fields().get(1).usageOfValue(0).orElseThrow());
  }

  @Test
  void builtTwoFingerTouchScreenMatchesTheHexFixtureAndEncodes() {
    java.util.function.Consumer<DescriptorBuilder> finger =
        f ->
            f.usagePage(Usages.PAGE_DIGITIZERS)
                .usage(Usages.TIP_SWITCH)
                .logicalRange(0, 1)
                .reportSize(1)
                .reportCount(1)
                .input(MainFlags.DATA_VAR_ABS)
                .usage(Usages.CONTACT_ID)
                .logicalMaximum(7)
                .reportSize(3)
                .input(MainFlags.DATA_VAR_ABS)
                .usagePage(PAGE_GENERIC_DESKTOP)
                .usages(X, Y)
                .logicalMaximum(4095)
                .reportSize(12)
                .reportCount(2)
                .input(MainFlags.DATA_VAR_ABS)
                .reportSize(4)
                .reportCount(1)
                .input(MainFlags.CONST_VAR_ABS)
                .usagePage(Usages.PAGE_DIGITIZERS);
    ReportDescriptor d =
        DescriptorBuilder.create()
            .usagePage(Usages.PAGE_DIGITIZERS)
            .usage(Usages.TOUCH_SCREEN)
            .application(
                a ->
                    a.reportId(1)
                        .usage(Usages.FINGER)
                        .logical(finger)
                        .usage(Usages.FINGER)
                        .logical(finger)
                        .usage(Usages.CONTACT_COUNT)
                        .logicalMaximum(127)
                        .reportSize(8)
                        .reportCount(1)
                        .input(MainFlags.DATA_VAR_ABS))
            .buildDescriptor();
    assertEquals(HidFixtures.TWO_FINGER_TOUCH_SCREEN, d.bytes());
    ReportData data = new ReportData().set(Usages.CONTACT_COUNT, 1);
    data.contact(0).set(Usages.TIP_SWITCH, 1).set(Usages.X, 0xFFF).set(Usages.Y, 0xFFF);
    // Contact 0: 1 | 0xFFF<<4 | 0xFFF<<16 = 0x0FFFFFF1 -> F1 FF FF 0F; contact 1 zero; count 1.
    assertEquals(
        Bytes.fromHex("01 F1 FF FF 0F 00 00 00 00 01"),
        ReportCodec.encode(d, ReportType.INPUT, 1, data));
  }
}
