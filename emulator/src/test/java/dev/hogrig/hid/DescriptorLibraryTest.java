package dev.hogrig.hid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in descriptors: they parse cleanly and match the specs they claim to follow. */
class DescriptorLibraryTest {

  static List<String> names() {
    return DescriptorLibrary.NAMES;
  }

  private static LibraryDescriptor lib(String name) {
    return DescriptorLibrary.get(name).orElseThrow();
  }

  private static ReportDescriptor parsed(String name) {
    return lib(name).parse();
  }

  // ---------------------------------------------------------------- the library as a whole

  @Test
  void allListsTheEightCliNamesInStableOrder() {
    List<String> names = new ArrayList<>();
    for (LibraryDescriptor d : DescriptorLibrary.all()) {
      names.add(d.name());
    }
    assertEquals(
        List.of(
            "boot-keyboard",
            "consumer-control",
            "mouse-5btn",
            "mouse-hires",
            "ptp-clickpad",
            "touch-screen",
            "pen",
            "keyboard-touchpad"),
        names);
    assertEquals(DescriptorLibrary.all(), DescriptorLibrary.all());
  }

  @Test
  void getUnknownNameIsEmpty() {
    assertEquals(Optional.empty(), DescriptorLibrary.get("no-such-device"));
  }

  @Test
  void titleAndSummaryComeFromTheHeader() {
    LibraryDescriptor kb = lib("boot-keyboard");
    assertEquals("Boot keyboard (HID 1.11 Appendix B.1)", kb.title());
    assertTrue(kb.summary().startsWith("A plain keyboard whose report is exactly the boot"));
    assertFalse(kb.summary().contains("#"));
    assertTrue(kb.text().startsWith("# Boot keyboard"));
  }

  @ParameterizedTest
  @MethodSource("names")
  void parsesWithoutProblems(String name) {
    ReportDescriptor d = parsed(name);
    assertEquals(List.of(), d.problems(), name);
    assertFalse(d.reports().isEmpty(), name);
  }

  @ParameterizedTest
  @MethodSource("names")
  void collectionsAreBalanced(String name) {
    int open = 0;
    for (Item item : parsed(name).items()) {
      ShortItem s = (ShortItem) item;
      if (s.tag().orElseThrow() == ItemTag.COLLECTION) {
        open++;
      } else if (s.tag().orElseThrow() == ItemTag.END_COLLECTION) {
        open--;
        assertTrue(open >= 0, name + ": End Collection at " + s.offset() + " closes nothing");
      }
    }
    assertEquals(0, open, name);
  }

  private static final Pattern OFFSET_AT_END = Pattern.compile("//.*\\s(\\d+)\\s*$");

  /**
   * Every byte line is exactly one item and its comment ends with that item's offset, as hid-decode
   * prints it; so the comments cannot drift from the bytes.
   */
  @ParameterizedTest
  @MethodSource("names")
  void commentOffsetsMatchRealByteOffsets(String name) {
    LibraryDescriptor d = lib(name);
    ImmutableList<Item> items = Items.parse(d.bytes());
    int itemIndex = 0;
    int offset = 0;
    String[] lines = d.text().split("\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String where = name + ".rdesc:" + (i + 1);
      Matcher m = OFFSET_AT_END.matcher(line);
      assertTrue(m.find(), where + ": no offset at end of comment");
      assertEquals(offset, Integer.parseInt(m.group(1)), where);
      int byteCount = line.substring(0, line.indexOf("//")).split(",").length - 1;
      Item item = items.get(itemIndex++);
      assertEquals(offset, item.offset(), where);
      assertEquals(item.length(), byteCount, where + ": a line must hold exactly one item");
      offset += byteCount;
    }
    assertEquals(items.size(), itemIndex, name);
    assertEquals(d.bytes().size(), offset, name);
  }

  /** HOGP 1.0 section 2.6.1 / Core Vol 3 Part F 3.2.9: an attribute value is at most 512 bytes. */
  @ParameterizedTest
  @MethodSource("names")
  void fitsTheHogpReportMapLimit(String name) {
    assertTrue(lib(name).bytes().size() <= 512, name + " is " + lib(name).bytes().size());
  }

  /**
   * The wire lengths the headers promise (report ID byte + payload). A HOGP notification carries
   * the payload only; at ATT_MTU 23 it may be 20 bytes.
   */
  @Test
  void inputReportWireLengthsAreTheOnesTheHeadersState() {
    assertEquals(8, parsed("boot-keyboard").report(ReportType.INPUT, 0).orElseThrow().wireLength());
    assertEquals(
        1, parsed("boot-keyboard").report(ReportType.OUTPUT, 0).orElseThrow().wireLength());
    assertEquals(
        3, parsed("consumer-control").report(ReportType.INPUT, 0).orElseThrow().wireLength());
    assertEquals(7, parsed("mouse-5btn").report(ReportType.INPUT, 0).orElseThrow().wireLength());
    assertEquals(7, parsed("mouse-hires").report(ReportType.INPUT, 0).orElseThrow().wireLength());
    assertEquals(1, parsed("mouse-hires").report(ReportType.FEATURE, 0).orElseThrow().wireLength());
    assertEquals(30, parsed("ptp-clickpad").report(ReportType.INPUT, 2).orElseThrow().wireLength());
    assertEquals(18, parsed("touch-screen").report(ReportType.INPUT, 0).orElseThrow().wireLength());
    assertEquals(7, parsed("pen").report(ReportType.INPUT, 0).orElseThrow().wireLength());
    ReportDescriptor combo = parsed("keyboard-touchpad");
    assertEquals(9, combo.report(ReportType.INPUT, 1).orElseThrow().wireLength());
    assertEquals(30, combo.report(ReportType.INPUT, 2).orElseThrow().wireLength());
  }

  @ParameterizedTest
  @MethodSource("names")
  void inputPayloadsFitOneNotificationAtMtu23ExceptFiveFingerTouchpads(String name) {
    for (Report r : parsed(name).reports(ReportType.INPUT)) {
      boolean touchpad =
          r.fields()
              .get(0)
              .application()
              .flatMap(HidCollection::usage)
              .equals(Optional.of(Usages.TOUCH_PAD));
      if (touchpad) {
        assertEquals(29, r.payloadLength(), name + " touchpad payload");
      } else {
        assertTrue(r.payloadLength() <= 20, name + " report " + r.id() + ": " + r.payloadLength());
      }
    }
  }

  // ---------------------------------------------------------------- boot-keyboard

  /** HID 1.11 Appendix E.6, "Report Descriptor (Keyboard)", byte for byte. */
  private static final Bytes HID_1_11_E6_KEYBOARD =
      Bytes.of(
          0x05,
          0x01, // Usage Page (Generic Desktop)
          0x09,
          0x06, // Usage (Keyboard)
          0xA1,
          0x01, // Collection (Application)
          0x05,
          0x07, //   Usage Page (Key Codes)
          0x19,
          0xE0, //   Usage Minimum (224)
          0x29,
          0xE7, //   Usage Maximum (231)
          0x15,
          0x00, //   Logical Minimum (0)
          0x25,
          0x01, //   Logical Maximum (1)
          0x75,
          0x01, //   Report Size (1)
          0x95,
          0x08, //   Report Count (8)
          0x81,
          0x02, //   Input (Data, Variable, Absolute) ; Modifier byte
          0x95,
          0x01, //   Report Count (1)
          0x75,
          0x08, //   Report Size (8)
          0x81,
          0x01, //   Input (Constant) ; Reserved byte
          0x95,
          0x05, //   Report Count (5)
          0x75,
          0x01, //   Report Size (1)
          0x05,
          0x08, //   Usage Page (Page# for LEDs)
          0x19,
          0x01, //   Usage Minimum (1)
          0x29,
          0x05, //   Usage Maximum (5)
          0x91,
          0x02, //   Output (Data, Variable, Absolute) ; LED report
          0x95,
          0x01, //   Report Count (1)
          0x75,
          0x03, //   Report Size (3)
          0x91,
          0x01, //   Output (Constant) ; LED report padding
          0x95,
          0x06, //   Report Count (6)
          0x75,
          0x08, //   Report Size (8)
          0x15,
          0x00, //   Logical Minimum (0)
          0x25,
          0x65, //   Logical Maximum (101)
          0x05,
          0x07, //   Usage Page (Key Codes)
          0x19,
          0x00, //   Usage Minimum (0)
          0x29,
          0x65, //   Usage Maximum (101)
          0x81,
          0x00, //   Input (Data, Array) ; Key arrays (6 bytes)
          0xC0 // End Collection
          );

  @Test
  void bootKeyboardIsTheHid111AppendixE6DescriptorByteForByte() {
    assertEquals(HID_1_11_E6_KEYBOARD, lib("boot-keyboard").bytes());
  }

  /**
   * HID 1.11 Appendix B.1: byte 0 modifiers (bit 0 Left Control .. bit 7 Right GUI), byte 1
   * reserved, bytes 2..7 key codes; output byte bits 0..4 Num Lock .. Kana.
   */
  @Test
  void bootKeyboardReportLayoutIsAppendixB1() {
    ReportDescriptor d = parsed("boot-keyboard");
    assertFalse(d.usesReportIds());
    Report in = d.report(ReportType.INPUT, 0).orElseThrow();
    assertEquals(8, in.payloadLength());
    Field modifiers = in.fields().get(0);
    assertEquals(0, modifiers.bitOffset());
    assertEquals(1, modifiers.size());
    assertEquals(8, modifiers.count());
    assertTrue(modifiers.flags().variable());
    assertEquals(Optional.of(new Usage(Usages.PAGE_KEYBOARD, 0xE0)), modifiers.usageOfValue(0));
    assertEquals(Optional.of(new Usage(Usages.PAGE_KEYBOARD, 0xE7)), modifiers.usageOfValue(7));
    Field reserved = in.fields().get(1);
    assertEquals(8, reserved.bitOffset());
    assertEquals(8, reserved.bitLength());
    assertTrue(reserved.flags().constant());
    Field keys = in.fields().get(2);
    assertEquals(16, keys.bitOffset());
    assertEquals(8, keys.size());
    assertEquals(6, keys.count());
    assertTrue(keys.flags().array());
    assertEquals(0, keys.logicalMin());
    assertEquals(101, keys.logicalMax());

    Report out = d.report(ReportType.OUTPUT, 0).orElseThrow();
    assertEquals(1, out.payloadLength());
    Field leds = out.fields().get(0);
    assertEquals(0, leds.bitOffset());
    assertEquals(5, leds.count());
    assertEquals(Optional.of(new Usage(Usages.PAGE_LED, 0x01)), leds.usageOfValue(0));
    assertEquals(Optional.of(new Usage(Usages.PAGE_LED, 0x05)), leds.usageOfValue(4));
    assertTrue(out.fields().get(1).isPadding());
    assertEquals(3, out.fields().get(1).bitLength());
  }

  // ---------------------------------------------------------------- consumer-control

  @Test
  void consumerControlHasMediaKeyBitsAndAFullRangeArray() {
    ReportDescriptor d = parsed("consumer-control");
    assertEquals(Usages.CONSUMER_CONTROL, d.applications().get(0).usage().orElseThrow());
    Report in = d.report(ReportType.INPUT, 0).orElseThrow();
    Field bits = in.fields().get(0);
    assertEquals(0, bits.bitOffset());
    assertEquals(8, bits.count());
    // HUT 1.5 Consumer page: Play/Pause 0xCD, Scan Next 0xB5, Scan Previous 0xB6, Mute 0xE2,
    // Volume Increment 0xE9, Volume Decrement 0xEA, AC Home 0x223.
    Set<Usage> usages = new HashSet<>();
    for (int i = 0; i < bits.count(); i++) {
      usages.add(bits.usageOfValue(i).orElseThrow());
    }
    for (int id : new int[] {0xCD, 0xB5, 0xB6, 0xE2, 0xE9, 0xEA, 0x223}) {
      assertTrue(usages.contains(new Usage(Usages.PAGE_CONSUMER, id)), Integer.toHexString(id));
    }
    Field array = in.fields().get(1);
    assertTrue(array.flags().array());
    assertEquals(16, array.size());
    assertEquals(0, array.logicalMin());
    assertEquals(0x3FF, array.logicalMax());
    assertEquals(0x400, array.usageCount());
  }

  // ---------------------------------------------------------------- mice

  @Test
  void mouse5btnHasFiveButtonBitsAtOffsetZero() {
    Report in = parsed("mouse-5btn").report(ReportType.INPUT, 0).orElseThrow();
    Field buttons = in.fields().get(0);
    assertEquals(0, buttons.bitOffset());
    assertEquals(1, buttons.size());
    assertEquals(5, buttons.count());
    assertTrue(buttons.flags().variable());
    for (int i = 0; i < 5; i++) {
      assertEquals(Optional.of(new Usage(Usages.PAGE_BUTTON, i + 1)), buttons.usageOfValue(i));
    }
    assertTrue(in.fields().get(1).isPadding());
    assertEquals(8, in.fields().get(2).bitOffset());
  }

  @Test
  void mouse5btnHasRelativeXyWheelAndAcPan() {
    Report in = parsed("mouse-5btn").report(ReportType.INPUT, 0).orElseThrow();
    Field xy = fieldWith(in, Usages.X);
    assertTrue(xy.flags().relative());
    assertEquals(16, xy.size());
    assertEquals(Optional.of(Usages.Y), xy.usageOfValue(1));
    Field wheel = fieldWith(in, Usages.WHEEL);
    assertTrue(wheel.flags().relative());
    assertEquals(40, wheel.bitOffset());
    Field pan = fieldWith(in, Usages.AC_PAN);
    assertTrue(pan.flags().relative());
    assertEquals(48, pan.bitOffset());
  }

  /**
   * Linux hid-core hid_apply_multiplier(): a Resolution Multiplier scales the fields of its nearest
   * enclosing Logical collection, which must not be top level. Microsoft "Enhanced Wheel Support":
   * logical 0..1 maps to physical 1..N.
   */
  @Test
  void mouseHiresPutsEachMultiplierInALogicalCollectionWithItsWheel() {
    ReportDescriptor d = parsed("mouse-hires");
    Report feature = d.report(ReportType.FEATURE, 0).orElseThrow();
    Report in = d.report(ReportType.INPUT, 0).orElseThrow();
    List<Field> multipliers = new ArrayList<>();
    for (Field f : feature.fields()) {
      if (f.usageOfValue(0).equals(Optional.of(Usages.RESOLUTION_MULTIPLIER))) {
        multipliers.add(f);
      }
    }
    assertEquals(2, multipliers.size());
    Usage[] scaled = {Usages.WHEEL, Usages.AC_PAN};
    for (int i = 0; i < 2; i++) {
      Field m = multipliers.get(i);
      assertEquals(0, m.logicalMin());
      assertEquals(1, m.logicalMax());
      assertEquals(1, m.physicalMin());
      assertEquals(8, m.physicalMax());
      HidCollection logical = m.path().get(m.path().size() - 1);
      assertEquals(HidCollection.LOGICAL, logical.kind());
      assertTrue(logical.depth() > 0, "Linux ignores a top-level Logical collection");
      Field wheel = fieldWith(in, scaled[i]);
      assertEquals(logical, wheel.path().get(wheel.path().size() - 1));
      assertEquals(0, wheel.physicalMax(), "the wheel must not inherit the multiplier's range");
    }
    assertEquals(7, in.payloadLength());
  }

  // ---------------------------------------------------------------- ptp-clickpad

  /**
   * Usages Microsoft lists for a Windows Precision Touchpad (learn.microsoft.com,
   * windows-hardware/design/component-guidelines: "Windows Precision Touchpad Collection",
   * "Buttons, Report Level Usages", "Configuration Collection"): per contact Confidence 0x0D:0x47,
   * Tip Switch 0x0D:0x42, Contact Identifier 0x0D:0x51, X 0x01:0x30, Y 0x01:0x31; per report
   * Contact Count 0x0D:0x54 (mandatory), Scan Time 0x0D:0x56, Button 1 0x09:0x01.
   */
  private static final List<Usage> PTP_CONTACT_USAGES =
      List.of(
          new Usage(0x0D, 0x47),
          new Usage(0x0D, 0x42),
          new Usage(0x0D, 0x51),
          new Usage(0x01, 0x30),
          new Usage(0x01, 0x31));

  private static final List<Usage> PTP_REPORT_USAGES =
      List.of(new Usage(0x0D, 0x54), new Usage(0x0D, 0x56), new Usage(0x09, 0x01));

  /**
   * Device Capabilities feature: Contact Count Maximum 0x0D:0x55 and Pad Type 0x0D:0x59; Device
   * Certification Status: 256-byte blob, vendor page 0xFF00 usage 0xC5.
   */
  @Test
  void ptpTouchPadCollectionHasMicrosoftsRequiredUsages() {
    checkPtp(parsed("ptp-clickpad"));
  }

  @Test
  void keyboardTouchpadCarriesTheSamePtpCollections() {
    checkPtp(parsed("keyboard-touchpad"));
  }

  private static void checkPtp(ReportDescriptor d) {
    HidCollection pad = application(d, Usages.TOUCH_PAD);
    Report in = d.report(ReportType.INPUT, 2).orElseThrow();
    Map<Usage, Integer> counts = usageCounts(in);
    for (Usage u : PTP_CONTACT_USAGES) {
      assertEquals(5, counts.getOrDefault(u, 0), "five contacts of " + u);
    }
    for (Usage u : PTP_REPORT_USAGES) {
      assertEquals(1, counts.getOrDefault(u, 0), "one " + u);
    }
    for (Field f : in.fields()) {
      assertEquals(pad, f.application().orElseThrow());
      if (f.usageOfValue(0).equals(Optional.of(Usages.CONTACT_ID))) {
        HidCollection finger = f.path().get(f.path().size() - 1);
        assertEquals(HidCollection.LOGICAL, finger.kind());
        assertEquals(Optional.of(Usages.FINGER), finger.usage());
        assertTrue(f.logicalMax() >= 4, "five contact IDs");
      }
      if (f.usageOfValue(0).equals(Optional.of(Usages.X))) {
        assertEquals(0x11, f.unit(), "SI Linear, cm");
        assertEquals(-2, f.unitExponent());
        assertEquals(1000, f.physicalMax());
      }
      if (f.usageOfValue(0).equals(Optional.of(Usages.SCAN_TIME))) {
        assertEquals(0x1001, f.unit(), "SI Linear, seconds");
        assertEquals(-4, f.unitExponent(), "units of 100 microseconds");
        assertEquals(16, f.size());
      }
    }

    Field max = featureField(d, Usages.CONTACT_COUNT_MAXIMUM);
    assertEquals(pad, max.application().orElseThrow());
    assertEquals(Optional.of(Usages.PAD_TYPE), max.usageOfValue(1));
    assertTrue(max.logicalMax() >= 5);

    Field blob = featureField(d, Usages.CERTIFICATION_STATUS);
    assertEquals(pad, blob.application().orElseThrow());
    assertEquals(256 * 8, blob.bitLength());
    assertEquals(256, d.report(ReportType.FEATURE, blob.reportId()).orElseThrow().payloadLength());

    HidCollection config = application(d, Usages.DEVICE_CONFIGURATION);
    Field mode = featureField(d, Usages.INPUT_MODE);
    assertEquals(config, mode.application().orElseThrow());
    assertEquals(10, mode.logicalMax(), "Microsoft sample: Logical Maximum (10)");
    Field switches = featureField(d, Usages.SURFACE_SWITCH);
    assertEquals(config, switches.application().orElseThrow());
    assertEquals(Optional.of(Usages.BUTTON_SWITCH), switches.usageOfValue(1));
  }

  // ---------------------------------------------------------------- touch-screen, pen

  @Test
  void touchScreenReportsFiveContactsAndContactCountMaximum() {
    ReportDescriptor d = parsed("touch-screen");
    assertEquals(Usages.TOUCH_SCREEN, d.applications().get(0).usage().orElseThrow());
    Report in = d.report(ReportType.INPUT, 0).orElseThrow();
    Map<Usage, Integer> counts = usageCounts(in);
    assertEquals(5, counts.get(Usages.TIP_SWITCH));
    assertEquals(5, counts.get(Usages.CONTACT_ID));
    assertEquals(5, counts.get(Usages.X));
    assertEquals(5, counts.get(Usages.Y));
    Field count = fieldWith(in, Usages.CONTACT_COUNT);
    assertEquals(140, count.bitOffset(), "after 5 contacts of 28 bits");
    assertTrue(count.logicalMax() >= 5);
    assertEquals(18, in.payloadLength());
    featureField(d, Usages.CONTACT_COUNT_MAXIMUM);
  }

  @Test
  void penHasStylusSwitchesPositionAndPressure() {
    ReportDescriptor d = parsed("pen");
    assertEquals(Usages.PEN, d.applications().get(0).usage().orElseThrow());
    Report in = d.report(ReportType.INPUT, 0).orElseThrow();
    Map<Usage, Integer> counts = usageCounts(in);
    for (Usage u :
        List.of(
            Usages.TIP_SWITCH,
            Usages.BARREL_SWITCH,
            Usages.ERASER,
            Usages.IN_RANGE,
            Usages.X,
            Usages.Y,
            Usages.TIP_PRESSURE)) {
      assertEquals(1, counts.getOrDefault(u, 0), u.toString());
    }
    Field tip = fieldWith(in, Usages.TIP_SWITCH);
    assertEquals(Optional.of(Usages.STYLUS), tip.path().get(tip.path().size() - 1).usage());
    assertFalse(fieldWith(in, Usages.X).flags().relative());
  }

  // ---------------------------------------------------------------- keyboard-touchpad

  @Test
  void keyboardTouchpadReportIdsBelongToOneApplicationEach() {
    ReportDescriptor d = parsed("keyboard-touchpad");
    assertTrue(d.usesReportIds());
    Map<Integer, HidCollection> owner = new HashMap<>();
    for (Report r : d.reports()) {
      assertTrue(r.id() != 0, "every report has an ID once one has (HID 1.11 6.2.2.7)");
      for (Field f : r.fields()) {
        HidCollection app = topLevel(d, f);
        HidCollection previous = owner.putIfAbsent(r.id(), app);
        assertTrue(
            previous == null || previous.equals(app), "report ID " + r.id() + " in two places");
      }
    }
    assertEquals(Usages.KEYBOARD, owner.get(1).usage().orElseThrow());
    assertEquals(Set.of(1, 2, 3, 4, 5, 6), owner.keySet());
  }

  @Test
  void keyboardTouchpadIsTheKeyboardWithIdOneFollowedByPtpClickpad() {
    Bytes keyboard = lib("boot-keyboard").bytes();
    Bytes expected =
        keyboard
            .slice(0, 6)
            .concat(Bytes.of(0x85, 0x01))
            .concat(keyboard.slice(6, keyboard.size()))
            .concat(lib("ptp-clickpad").bytes());
    assertEquals(expected, lib("keyboard-touchpad").bytes());
  }

  // ---------------------------------------------------------------- reading .rdesc text

  @Test
  void readSkipsCommentsAndTakesTheByteColumn() {
    LibraryDescriptor d =
        DescriptorLibrary.read(
            "t",
            "t.rdesc",
            "# Title\n#\n# Line one\n# line two.\n#\n# More\n"
                + "0x05, 0x01,                    // Usage Page (Generic Desktop)        0\n"
                + "\n"
                + "0x26, 0xff, 0x00, // whatever 2\n");
    assertEquals(Bytes.of(0x05, 0x01, 0x26, 0xff, 0x00), d.bytes());
    assertEquals("Title", d.title());
    assertEquals("Line one line two.", d.summary());
  }

  @Test
  void malformedByteNamesFileLineAndColumn() {
    HidException e =
        assertThrows(
            HidException.class,
            () -> DescriptorLibrary.read("t", "t.rdesc", "# T\n0x05, 0x01,\n0x09, 0xzz, // x\n"));
    assertTrue(e.getMessage().startsWith("t.rdesc:3:7:"), e.getMessage());
  }

  @Test
  void missingCommaIsReported() {
    HidException e =
        assertThrows(
            HidException.class, () -> DescriptorLibrary.read("t", "t.rdesc", "0x05 0x01,\n"));
    assertTrue(e.getMessage().startsWith("t.rdesc:1:"), e.getMessage());
    assertTrue(e.getMessage().contains("','"), e.getMessage());
  }

  @Test
  void lineWithoutBytesIsReported() {
    HidException e =
        assertThrows(
            HidException.class,
            () -> DescriptorLibrary.read("t", "t.rdesc", "0x05, 0x01,\n// only a comment\n"));
    assertTrue(e.getMessage().startsWith("t.rdesc:2:1:"), e.getMessage());
  }

  @Test
  void textWithoutBytesIsReported() {
    HidException e =
        assertThrows(HidException.class, () -> DescriptorLibrary.read("t", "t.rdesc", "# T\n"));
    assertTrue(e.getMessage().startsWith("t.rdesc:"), e.getMessage());
  }

  // ---------------------------------------------------------------- helpers

  static Map<Usage, Integer> usageCounts(Report r) {
    Map<Usage, Integer> counts = new HashMap<>();
    for (Field f : r.fields()) {
      if (f.isPadding()) {
        continue;
      }
      if (f.flags().variable()) {
        for (int i = 0; i < f.count(); i++) {
          f.usageOfValue(i).ifPresent(u -> counts.merge(u, 1, Integer::sum));
        }
      } else {
        for (int i = 0; i < f.usageCount(); i++) {
          counts.merge(f.usage(i).orElseThrow(), 1, Integer::sum);
        }
      }
    }
    return counts;
  }

  static Field fieldWith(Report r, Usage u) {
    for (Field f : r.fields()) {
      if (f.flags().variable()) {
        for (int i = 0; i < f.count(); i++) {
          if (f.usageOfValue(i).equals(Optional.of(u))) {
            return f;
          }
        }
      } else {
        for (int i = 0; i < f.usageCount(); i++) {
          if (f.usage(i).equals(Optional.of(u))) {
            return f;
          }
        }
      }
    }
    throw new AssertionError("no field with usage " + u + " in report " + r.id());
  }

  static Field featureField(ReportDescriptor d, Usage u) {
    for (Report r : d.reports(ReportType.FEATURE)) {
      for (Field f : r.fields()) {
        if (f.usageOfValue(0).equals(Optional.of(u))) {
          return f;
        }
      }
    }
    throw new AssertionError("no feature field starting with usage " + u);
  }

  static HidCollection application(ReportDescriptor d, Usage u) {
    for (HidCollection c : d.applications()) {
      if (c.usage().equals(Optional.of(u))) {
        return c;
      }
    }
    throw new AssertionError("no application collection " + u);
  }

  static HidCollection topLevel(ReportDescriptor d, Field f) {
    return f.path().get(0);
  }
}
