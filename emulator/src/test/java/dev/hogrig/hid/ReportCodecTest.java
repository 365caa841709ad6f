package dev.hogrig.hid;

import static dev.hogrig.hid.HidFixtures.BOOT_KEYBOARD;
import static dev.hogrig.hid.HidFixtures.BOOT_MOUSE;
import static dev.hogrig.hid.HidFixtures.MOUSE_AND_CONSUMER;
import static dev.hogrig.hid.HidFixtures.ODD_SIZES;
import static dev.hogrig.hid.HidFixtures.TWO_FINGER_TOUCH_SCREEN;
import static dev.hogrig.hid.HidFixtures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableSet;
import dev.hogrig.util.Bytes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportCodecTest {
  // HUT 1.5 §10, Keyboard/Keypad page 0x07.
  static final Usage KEY_A = new Usage(Usages.PAGE_KEYBOARD, 0x04);
  static final Usage KEY_B = new Usage(Usages.PAGE_KEYBOARD, 0x05);
  static final Usage LEFT_CONTROL = new Usage(Usages.PAGE_KEYBOARD, 0xE0);
  static final Usage LEFT_SHIFT = new Usage(Usages.PAGE_KEYBOARD, 0xE1);
  static final Usage RIGHT_GUI = new Usage(Usages.PAGE_KEYBOARD, 0xE7);
  // HUT 1.5 §11, LED page 0x08: Num Lock 1, Caps Lock 2, Scroll Lock 3.
  static final Usage CAPS_LOCK = new Usage(Usages.PAGE_LED, 0x02);
  // HUT 1.5 §15, Consumer page: Volume Increment 0xE9, Mute 0xE2.
  static final Usage VOLUME_UP = new Usage(Usages.PAGE_CONSUMER, 0xE9);
  static final Usage MUTE = new Usage(Usages.PAGE_CONSUMER, 0xE2);
  static final Usage BUTTON_2 = new Usage(Usages.PAGE_BUTTON, 2);

  static final ReportDescriptor KEYBOARD = ReportDescriptor.parse(BOOT_KEYBOARD);
  static final ReportDescriptor MOUSE = ReportDescriptor.parse(BOOT_MOUSE);
  static final ReportDescriptor TOUCH = ReportDescriptor.parse(TWO_FINGER_TOUCH_SCREEN);
  static final ReportDescriptor COMPOSITE = ReportDescriptor.parse(MOUSE_AND_CONSUMER);
  static final ReportDescriptor ODD = ReportDescriptor.parse(ODD_SIZES);

  @Test
  void bootKeyboardShiftAIsModifierBit1AndKeyCode4() {
    // HID 1.11 App. B.1: byte 0 modifiers (E0 = bit 0, so Left Shift E1 = bit 1 = 0x02),
    // byte 1 reserved, bytes 2..7 key codes; 'a' is Keyboard usage 0x04.
    Bytes wire =
        ReportCodec.encode(
            KEYBOARD, ReportType.INPUT, 0, new ReportData().press(LEFT_SHIFT).press(KEY_A));
    assertEquals(Bytes.fromHex("02 00 04 00 00 00 00 00"), wire);
  }

  @Test
  void bootKeyboardModifierCanBeSetAsVariable() {
    Bytes wire =
        ReportCodec.encode(
            KEYBOARD,
            ReportType.INPUT,
            0,
            new ReportData().set(LEFT_CONTROL, 1).set(RIGHT_GUI, 1).press(KEY_A, KEY_B));
    // Left Control bit 0, Right GUI bit 7; keys fill the array slots in order pressed.
    assertEquals(Bytes.fromHex("81 00 04 05 00 00 00 00"), wire);
  }

  @Test
  void bootKeyboardDecodesPressedKeysAndModifiers() {
    DecodedReport r =
        ReportCodec.decode(KEYBOARD, ReportType.INPUT, Bytes.fromHex("02 00 04 05 00 00 00 00"));
    assertEquals(ImmutableSet.of(KEY_A, KEY_B), r.pressed());
    assertEquals(Optional.of(1L), r.value(LEFT_SHIFT));
    assertEquals(Optional.of(0L), r.value(LEFT_CONTROL));
    // The reserved byte decodes as padding with no usage.
    DecodedReport.Value reserved = r.values().get(8);
    assertEquals(DecodedReport.Kind.PADDING, reserved.kind());
    assertEquals(Optional.empty(), reserved.usage());
  }

  @Test
  void bootKeyboardSeventhKeyIsAnErrorNamingTheSlotCount() {
    ReportData data = new ReportData();
    for (int k = 0x04; k < 0x04 + 7; k++) {
      data.press(new Usage(Usages.PAGE_KEYBOARD, k));
    }
    ReportCodecException e =
        assertThrows(
            ReportCodecException.class,
            () -> ReportCodec.encode(KEYBOARD, ReportType.INPUT, 0, data));
    assertTrue(e.getMessage().contains("7 usages pressed"), e.getMessage());
    assertTrue(e.getMessage().contains("holds only 6"), e.getMessage());
  }

  @Test
  void keyOutsideTheArrayUsageRangeCannotBePressed() {
    // Usage Maximum is 0x65 (Keyboard Application); 0x66 (Keyboard Power) is not listed.
    Usage power = new Usage(Usages.PAGE_KEYBOARD, 0x66);
    ReportCodecException e =
        assertThrows(
            ReportCodecException.class,
            () -> ReportCodec.encode(KEYBOARD, ReportType.INPUT, 0, new ReportData().press(power)));
    assertTrue(e.getMessage().contains("0007:0066"), e.getMessage());
  }

  @Test
  void bootKeyboardLedOutputReportIsFiveBitsPlusPadding() {
    // Output report: LEDs 1..5 in bits 0..4; Caps Lock (LED usage 2) is bit 1.
    assertEquals(
        Bytes.of(0x02),
        ReportCodec.encode(KEYBOARD, ReportType.OUTPUT, 0, new ReportData().set(CAPS_LOCK, 1)));
    DecodedReport r = ReportCodec.decode(KEYBOARD, ReportType.OUTPUT, Bytes.of(0x05));
    assertEquals(Optional.of(1L), r.value(new Usage(Usages.PAGE_LED, 1)));
    assertEquals(Optional.of(0L), r.value(CAPS_LOCK));
    assertEquals(Optional.of(1L), r.value(new Usage(Usages.PAGE_LED, 3)));
  }

  @Test
  void bootMouseMoveMinusOneTwoWithButton1() {
    // HID 1.11 App. B.2: byte 0 buttons 1..3 in bits 0..2, byte 1 X, byte 2 Y, both signed.
    Bytes wire =
        ReportCodec.encode(
            MOUSE,
            ReportType.INPUT,
            0,
            new ReportData().set(Usages.BUTTON_1, 1).set(Usages.X, -1).set(Usages.Y, 2));
    assertEquals(Bytes.fromHex("01 ff 02"), wire);
    DecodedReport r = ReportCodec.decode(MOUSE, ReportType.INPUT, wire);
    assertEquals(Optional.of(-1L), r.value(Usages.X));
    assertEquals(Optional.of(2L), r.value(Usages.Y));
    assertEquals(Optional.of(1L), r.value(Usages.BUTTON_1));
  }

  @Test
  void pressingAButtonSetsItsVariableBit() {
    assertEquals(
        Bytes.fromHex("02 00 00"),
        ReportCodec.encode(MOUSE, ReportType.INPUT, 0, new ReportData().press(BUTTON_2)));
  }

  @Test
  void decodedRawAndLogicalValuesDifferForNegativeNumbers() {
    DecodedReport r = ReportCodec.decode(MOUSE, ReportType.INPUT, Bytes.fromHex("00 81 7f"));
    DecodedReport.Value x =
        r.values().stream()
            .filter(v -> v.usage().equals(Optional.of(Usages.X)))
            .findFirst()
            .orElseThrow();
    assertEquals(0x81, x.raw());
    assertEquals(-127, x.logical());
    assertEquals(-1, x.contact());
  }

  @Test
  void valueOutsideLogicalRangeIsAnErrorNamingUsageAndRange() {
    ReportCodecException e =
        assertThrows(
            ReportCodecException.class,
            () ->
                ReportCodec.encode(
                    MOUSE, ReportType.INPUT, 0, new ReportData().set(Usages.X, -128)));
    assertTrue(e.getMessage().contains("0001:0030"), e.getMessage());
    assertTrue(e.getMessage().contains("-127..127"), e.getMessage());
  }

  @Test
  void valueThatDoesNotFitTheReportSizeIsAnErrorNotTruncated() {
    // Logical Maximum 255 in a 4-bit field: 16 is in the logical range but not in 4 bits.
    ReportDescriptor d =
        ReportDescriptor.parse(
            hex(
                """
                06 00 FF ; Usage Page (Vendor 0xFF00)
                09 01    ; Usage (1)
                A1 01    ; Collection (Application)
                09 02    ;   Usage (2)
                15 00    ;   Logical Minimum (0)
                26 FF 00 ;   Logical Maximum (255)
                75 04    ;   Report Size (4)
                95 02    ;   Report Count (2)
                81 02    ;   Input (Data, Variable, Absolute)
                C0       ; End Collection
                """));
    Usage u = new Usage(0xFF00, 2);
    assertEquals(
        Bytes.of(0xF0),
        ReportCodec.encode(d, ReportType.INPUT, 0, new ReportData().setAll(u, 0, 15)));
    ReportCodecException e =
        assertThrows(
            ReportCodecException.class,
            () -> ReportCodec.encode(d, ReportType.INPUT, 0, new ReportData().set(u, 16)));
    assertTrue(e.getMessage().contains("4-bit"), e.getMessage());
  }

  @Test
  void usageNotInTheReportIsAnError() {
    ReportCodecException e =
        assertThrows(
            ReportCodecException.class,
            () ->
                ReportCodec.encode(
                    MOUSE, ReportType.INPUT, 0, new ReportData().set(Usages.WHEEL, 1)));
    assertTrue(e.getMessage().contains("0001:0038"), e.getMessage());
  }

  @Test
  void twoFingerTouchReport() {
    // Per finger, 32 bits LSB first: Tip Switch bit 0, Contact Identifier bits 1..3,
    // X bits 4..15, Y bits 16..27, padding 28..31. Then Contact Count, 8 bits.
    // Contact 0: tip 1, id 3, X 300 = 0x12C, Y 200 = 0x0C8
    //   1 | 3<<1 | 0x12C<<4 | 0x0C8<<16 = 0x00C812C7 -> C7 12 C8 00
    // Contact 1: tip 1, id 5, X 1000 = 0x3E8, Y 4095 = 0xFFF
    //   1 | 5<<1 | 0x3E8<<4 | 0xFFF<<16 = 0x0FFF3E8B -> 8B 3E FF 0F
    // Contact Count 2 -> 02; report ID 1 first.
    ReportData data = new ReportData().set(Usages.CONTACT_COUNT, 2);
    data.contact(0)
        .set(Usages.TIP_SWITCH, 1)
        .set(Usages.CONTACT_ID, 3)
        .set(Usages.X, 300)
        .set(Usages.Y, 200);
    data.contact(1)
        .set(Usages.TIP_SWITCH, 1)
        .set(Usages.CONTACT_ID, 5)
        .set(Usages.X, 1000)
        .set(Usages.Y, 4095);
    Bytes wire = ReportCodec.encode(TOUCH, ReportType.INPUT, 1, data);
    assertEquals(Bytes.fromHex("01 C7 12 C8 00 8B 3E FF 0F 02"), wire);

    DecodedReport r = ReportCodec.decode(TOUCH, ReportType.INPUT, wire);
    assertEquals(2, r.contactCount());
    assertEquals(Optional.of(300L), r.value(0, Usages.X));
    assertEquals(Optional.of(4095L), r.value(1, Usages.Y));
    assertEquals(Optional.of(5L), r.value(1, Usages.CONTACT_ID));
    assertEquals(Optional.of(2L), r.value(Usages.CONTACT_COUNT));
    assertEquals(Optional.empty(), r.value(Usages.X), "X exists only per contact");
  }

  @Test
  void untouchedContactIsAllZero() {
    ReportData data = new ReportData().set(Usages.CONTACT_COUNT, 1);
    data.contact(1).set(Usages.TIP_SWITCH, 1).set(Usages.X, 0x123);
    // Contact 0 all zero; contact 1: 1 | 0x123<<4 = 0x1231 -> 31 12 00 00.
    assertEquals(
        Bytes.fromHex("01 00 00 00 00 31 12 00 00 01"),
        ReportCodec.encode(TOUCH, ReportType.INPUT, 1, data));
  }

  @Test
  void contactBeyondTheLayoutIsAnError() {
    ReportData data = new ReportData();
    data.contact(2).set(Usages.X, 1);
    ReportCodecException e =
        assertThrows(
            ReportCodecException.class, () -> ReportCodec.encode(TOUCH, ReportType.INPUT, 1, data));
    assertTrue(e.getMessage().contains("contacts 0..1"), e.getMessage());
  }

  @Test
  void contactValueOutOfRangeNamesTheContact() {
    ReportData data = new ReportData();
    data.contact(1).set(Usages.CONTACT_ID, 8);
    ReportCodecException e =
        assertThrows(
            ReportCodecException.class, () -> ReportCodec.encode(TOUCH, ReportType.INPUT, 1, data));
    assertTrue(e.getMessage().contains("in contact 1"), e.getMessage());
    assertTrue(e.getMessage().contains("0..7"), e.getMessage());
  }

  @Test
  void reportIdPrefixesTheWireBytes() {
    // Mouse, report ID 1: buttons byte, X and Y 16-bit little-endian, wheel byte.
    // Button 2 -> 02; X -2 -> FE FF; Y 300 -> 2C 01; wheel -1 -> FF.
    ReportData mouse =
        new ReportData()
            .set(BUTTON_2, 1)
            .set(Usages.X, -2)
            .set(Usages.Y, 300)
            .set(Usages.WHEEL, -1);
    Bytes wire = ReportCodec.encode(COMPOSITE, ReportType.INPUT, 1, mouse);
    assertEquals(Bytes.fromHex("01 02 FE FF 2C 01 FF"), wire);
    assertEquals(
        wire.slice(1, 7), ReportCodec.encodePayload(COMPOSITE, ReportType.INPUT, 1, mouse));

    // Consumer, report ID 2: Volume Increment (0xE9) is array index 0xE9 + Logical Minimum 0.
    Bytes consumer =
        ReportCodec.encode(COMPOSITE, ReportType.INPUT, 2, new ReportData().press(VOLUME_UP));
    assertEquals(Bytes.fromHex("02 E9 00 00 00"), consumer);
  }

  @Test
  void decodePicksTheReportByItsIdByte() {
    DecodedReport r =
        ReportCodec.decode(COMPOSITE, ReportType.INPUT, Bytes.fromHex("02 E2 00 E9 00"));
    assertEquals(2, r.report().id());
    assertEquals(ImmutableSet.of(MUTE, VOLUME_UP), r.pressed());
    DecodedReport m =
        ReportCodec.decode(COMPOSITE, ReportType.INPUT, Bytes.fromHex("01 00 00 80 01 00 81"));
    assertEquals(1, m.report().id());
    // X bytes 00 80 = 0x8000 = -32768, just below Logical Minimum -32767: a null value.
    assertEquals(Optional.of(-32768L), m.value(Usages.X));
    assertTrue(m.values().get(6).isNull(), m.values().get(6).toString());
    assertEquals(Optional.of(1L), m.value(Usages.Y));
    assertEquals(Optional.of(-127L), m.value(Usages.WHEEL));
  }

  @Test
  void decodePayloadTakesTheIdFromTheCaller() {
    DecodedReport r =
        ReportCodec.decodePayload(COMPOSITE, ReportType.INPUT, 2, Bytes.fromHex("E9 00 00 00"));
    assertEquals(ImmutableSet.of(VOLUME_UP), r.pressed());
  }

  @Test
  void lengthMismatchNamesExpectedAndActualLength() {
    ReportCodecException e =
        assertThrows(
            ReportCodecException.class,
            () -> ReportCodec.decode(KEYBOARD, ReportType.INPUT, Bytes.fromHex("00 00 04")));
    assertTrue(e.getMessage().contains("8 bytes"), e.getMessage());
    assertTrue(e.getMessage().contains("got 3"), e.getMessage());
    ReportCodecException withId =
        assertThrows(
            ReportCodecException.class,
            () -> ReportCodec.decode(COMPOSITE, ReportType.INPUT, Bytes.fromHex("02 E9 00")));
    assertTrue(withId.getMessage().contains("5 bytes"), withId.getMessage());
  }

  @Test
  void unknownReportIdNamesTheDeclaredIds() {
    ReportCodecException e =
        assertThrows(
            ReportCodecException.class,
            () -> ReportCodec.decode(COMPOSITE, ReportType.INPUT, Bytes.fromHex("03 00")));
    assertTrue(e.getMessage().contains("IDs 1, 2"), e.getMessage());
    assertThrows(
        ReportCodecException.class,
        () -> ReportCodec.encode(COMPOSITE, ReportType.FEATURE, 1, new ReportData()));
  }

  @Test
  void arraySlotsLeftEmptyUseAnOutOfRangeValueWhenZeroWouldSelectAKey() {
    // Logical Minimum 0 selects Usage Minimum 4 ('a'), so 0 would mean 'a' is held.
    // The codec writes Logical Maximum + 1 = 2 instead, a null value (HID 1.11 §6.2.2.5).
    ReportDescriptor d =
        ReportDescriptor.parse(
            hex(
                """
                05 01 ; Usage Page (Generic Desktop)
                09 06 ; Usage (Keyboard)
                A1 01 ; Collection (Application)
                05 07 ;   Usage Page (Keyboard)
                19 04 ;   Usage Minimum (4, 'a')
                29 05 ;   Usage Maximum (5, 'b')
                15 00 ;   Logical Minimum (0)
                25 01 ;   Logical Maximum (1)
                75 08 ;   Report Size (8)
                95 02 ;   Report Count (2)
                81 00 ;   Input (Data, Array, Absolute)
                C0    ; End Collection
                """));
    assertEquals(
        Bytes.fromHex("01 02"),
        ReportCodec.encode(d, ReportType.INPUT, 0, new ReportData().press(KEY_B)));
    assertEquals(
        ImmutableSet.of(KEY_B),
        ReportCodec.decode(d, ReportType.INPUT, Bytes.fromHex("01 02")).pressed());
  }

  @Test
  void nullValueOfAHatSwitchIsOutsideItsRange() {
    // Hat switch 1..8 with Null State: 0 is outside the range and means "centred".
    Usage hat = new Usage(Usages.PAGE_GENERIC_DESKTOP, 0x39);
    ReportDescriptor d =
        ReportDescriptor.parse(
            hex(
                """
                05 01 ; Usage Page (Generic Desktop)
                09 05 ; Usage (Game Pad)
                A1 01 ; Collection (Application)
                09 39 ;   Usage (Hat switch)
                15 01 ;   Logical Minimum (1)
                25 08 ;   Logical Maximum (8)
                75 04 ;   Report Size (4)
                95 01 ;   Report Count (1)
                81 42 ;   Input (Data, Variable, Absolute, Null State)
                75 04 ;   Report Size (4)
                81 01 ;   Input (Constant)
                C0    ; End Collection
                """));
    assertEquals(
        Bytes.of(0x00), ReportCodec.encode(d, ReportType.INPUT, 0, new ReportData().setNull(hat)));
    assertEquals(Bytes.of(0x00), ReportCodec.encode(d, ReportType.INPUT, 0, new ReportData()));
    assertEquals(
        Bytes.of(0x03), ReportCodec.encode(d, ReportType.INPUT, 0, new ReportData().set(hat, 3)));
    DecodedReport r = ReportCodec.decode(d, ReportType.INPUT, Bytes.of(0x00));
    assertTrue(r.values().get(0).isNull());
    // The mouse X has no Null State flag.
    assertThrows(
        ReportCodecException.class,
        () -> ReportCodec.encode(MOUSE, ReportType.INPUT, 0, new ReportData().setNull(Usages.X)));
  }

  @Test
  void oddSizesPackAcrossByteBoundaries() {
    // Five 3-bit signed values at bits 0,3,6,9,12: -1 (7), 1, -4 (4), 3, 0
    //   7 | 1<<3 | 4<<6 | 3<<9 = 0x070F (bits 0..14)
    // Two 13-bit values at bits 15 and 28: 0x1ABC, 0x0001
    //   0x1ABC<<15 = 0x0D5E0000, 0x0001<<28 = 0x10000000
    // 32-bit -2 at bit 41: 0xFFFFFFFE<<41
    // bits 0..40 = 0x070F + 0x0D5E0000 + 0x10000000 = 0x1D5E070F -> 0F 07 5E 1D 00 (byte 4 bit 0 =
    // bit 32)
    // -2 at bit 41: byte 5 bit 1 onward: 0xFFFFFFFE<<1 = 0x1FFFFFFFC -> byte5 = FC, 6..8 = FF, 9 =
    // 01
    Usage v10 = new Usage(0xFF00, 0x10);
    ReportData data =
        new ReportData()
            .set(v10, -1)
            .set(new Usage(0xFF00, 0x11), 1)
            .set(new Usage(0xFF00, 0x12), -4)
            .set(new Usage(0xFF00, 0x13), 3)
            .set(new Usage(0xFF00, 0x14), 0)
            .setAll(new Usage(0xFF00, 0x20), 0x1ABC, 1)
            .set(new Usage(0xFF00, 0x30), -2);
    Bytes wire = ReportCodec.encode(ODD, ReportType.INPUT, 0, data);
    assertEquals(Bytes.fromHex("0F 07 5E 1D 00 FC FF FF FF 01"), wire);
    DecodedReport r = ReportCodec.decode(ODD, ReportType.INPUT, wire);
    assertEquals(Optional.of(-1L), r.value(v10));
    assertEquals(java.util.List.of(0x1ABCL, 1L), r.values(-1, new Usage(0xFF00, 0x20)));
    assertEquals(Optional.of(-2L), r.value(new Usage(0xFF00, 0x30)));
  }

  @Test
  void tooManyValuesForARepeatedUsageIsAnError() {
    ReportCodecException e =
        assertThrows(
            ReportCodecException.class,
            () ->
                ReportCodec.encode(
                    ODD,
                    ReportType.INPUT,
                    0,
                    new ReportData().setAll(new Usage(0xFF00, 0x20), 1, 2, 3)));
    assertTrue(e.getMessage().contains("has 2 value(s)"), e.getMessage());
  }

  @Test
  void decodedDataEncodesBackToTheSameBytes() {
    Bytes wire = Bytes.fromHex("01 C7 12 C8 00 8B 3E FF 0F 02");
    DecodedReport r = ReportCodec.decode(TOUCH, ReportType.INPUT, wire);
    assertEquals(wire, ReportCodec.encode(TOUCH, ReportType.INPUT, 1, r.toData()));
  }

  @Test
  void valuesWiderThan64BitsAreRefused() {
    ReportDescriptor d =
        ReportDescriptor.parse(
            hex(
                """
                06 00 FF ; Usage Page (Vendor 0xFF00)
                09 01    ; Usage (1)
                A1 01    ; Collection (Application)
                09 02    ;   Usage (2)
                75 48    ;   Report Size (72)
                95 01    ;   Report Count (1)
                81 02    ;   Input (Data, Variable, Absolute)
                C0       ; End Collection
                """));
    ReportCodecException e =
        assertThrows(
            ReportCodecException.class,
            () -> ReportCodec.encode(d, ReportType.INPUT, 0, new ReportData()));
    assertTrue(e.getMessage().contains("72 bits"), e.getMessage());
  }

  @Test
  void featureBlobOf256BytesUnderOneUsage() {
    // Report Size 8 x Report Count 256 under one usage: the usage repeats for every byte.
    ReportDescriptor d =
        ReportDescriptor.parse(
            hex(
                """
                06 00 FF    ; Usage Page (Vendor 0xFF00)
                09 01       ; Usage (1)
                A1 01       ; Collection (Application)
                85 05       ;   Report ID (5)
                09 C5       ;   Usage (0xC5)
                15 00       ;   Logical Minimum (0)
                26 FF 00    ;   Logical Maximum (255)
                75 08       ;   Report Size (8)
                96 00 01    ;   Report Count (256)
                B1 02       ;   Feature (Data, Variable, Absolute)
                C0          ; End Collection
                """));
    int[] blob = new int[256];
    for (int i = 0; i < 256; i++) {
      blob[i] = 255 - i;
    }
    Bytes wire =
        ReportCodec.encode(
            d,
            ReportType.FEATURE,
            5,
            new ReportData().setBytes(Usages.CERTIFICATION_STATUS, Bytes.of(blob)));
    assertEquals(Bytes.of(5).concat(Bytes.of(blob)), wire);
  }

  @Test
  void usageOfAContactSetOnTheReportSaysToUseContact() {
    ReportCodecException e =
        assertThrows(
            ReportCodecException.class,
            () ->
                ReportCodec.encode(TOUCH, ReportType.INPUT, 1, new ReportData().set(Usages.X, 1)));
    assertTrue(e.getMessage().contains("contacts 0, 1"), e.getMessage());
  }

  @Test
  void differentlyFilledCollectionsWithTheSameUsageAreNotContacts() {
    // A game pad with two Physical (Pointer) collections, one holding X and Y, the other Z and
    // Rz: same collection usage, different contents, so no contacts; every value is top level.
    ReportDescriptor d =
        ReportDescriptor.parse(
            hex(
                """
                05 01 ; Usage Page (Generic Desktop)
                09 05 ; Usage (Game Pad)
                A1 01 ; Collection (Application)
                15 81 ;   Logical Minimum (-127)
                25 7F ;   Logical Maximum (127)
                75 08 ;   Report Size (8)
                95 02 ;   Report Count (2)
                09 01 ;   Usage (Pointer)
                A1 00 ;   Collection (Physical)
                09 30 ;     Usage (X)
                09 31 ;     Usage (Y)
                81 02 ;     Input (Data, Variable, Absolute)
                C0    ;   End Collection
                09 01 ;   Usage (Pointer)
                A1 00 ;   Collection (Physical)
                09 32 ;     Usage (Z)
                09 35 ;     Usage (Rz)
                81 02 ;     Input (Data, Variable, Absolute)
                C0    ;   End Collection
                C0    ; End Collection
                """));
    Usage z = new Usage(Usages.PAGE_GENERIC_DESKTOP, 0x32);
    assertEquals(
        Bytes.fromHex("01 FF 05 00"),
        ReportCodec.encode(
            d, ReportType.INPUT, 0, new ReportData().set(Usages.X, 1).set(Usages.Y, -1).set(z, 5)));
    assertEquals(java.util.List.of(-1, -1), ReportCodec.contacts(d, d.reports().get(0)));
  }
}
