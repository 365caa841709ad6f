package dev.hogrig.hid;

import static dev.hogrig.hid.DescriptorLibraryTest.fieldWith;
import static dev.hogrig.hid.DescriptorLibraryTest.usageCounts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Descriptors of real devices, transcribed from public sources (cited in each fixture's header).
 * They parse, and what the source says about their reports holds for the parsed layout.
 */
class RealDeviceFixturesTest {

  static List<String> fixtures() {
    return List.of(
        "esp32-ble-keyboard",
        "zephyr-peripheral-hids-mouse",
        "apple-wireless-keyboard-05ac-0256",
        "xiaomi-mi-wireless-mouse-2717-003b",
        "synaptics-touchpad-06cb-ce08",
        "elan-touchpad-04f3-313a");
  }

  static LibraryDescriptor fixture(String name) {
    String path = "/fixtures/real/" + name + ".rdesc";
    try (InputStream in = RealDeviceFixturesTest.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new AssertionError("missing fixture " + path);
      }
      return DescriptorLibrary.read(
          name, path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static ReportDescriptor parsed(String name) {
    return fixture(name).parse();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void parsesAndDeclaresReports(String name) {
    ReportDescriptor d = parsed(name);
    assertFalse(d.reports(ReportType.INPUT).isEmpty(), name);
    assertFalse(d.applications().isEmpty(), name);
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void headerCitesSourceDeviceAndVidPid(String name) {
    String text = fixture(name).text();
    assertTrue(text.contains("# Source: "), name);
    assertTrue(text.contains("# Device: "), name);
    assertTrue(text.contains("# VID:PID: "), name);
  }

  private static final Pattern OFFSET_AT_END = Pattern.compile("//.*\\s(\\d+)\\s*$");

  /** Guards the transcription: every line's bytes sit at the offset its comment states. */
  @ParameterizedTest
  @MethodSource("fixtures")
  void commentOffsetsMatchRealByteOffsets(String name) {
    LibraryDescriptor d = fixture(name);
    int offset = 0;
    for (String line : d.text().split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = OFFSET_AT_END.matcher(line);
      assertTrue(m.find(), name + ": " + line);
      assertEquals(offset, Integer.parseInt(m.group(1)), name + ": " + line);
      offset += line.substring(0, line.indexOf("//")).split(",").length - 1;
    }
    assertEquals(d.bytes().size(), offset);
  }

  /** BleKeyboard.h: KeyReport is 8 bytes (modifiers, reserved, keys[6]); MediaKeyReport is 2. */
  @Test
  void esp32KeyboardReportsAreTheSizesOfItsStructs() {
    ReportDescriptor d = parsed("esp32-ble-keyboard");
    assertEquals(8, d.report(ReportType.INPUT, 1).orElseThrow().payloadLength());
    assertEquals(2, d.report(ReportType.INPUT, 2).orElseThrow().payloadLength());
    assertEquals(1, d.report(ReportType.OUTPUT, 1).orElseThrow().payloadLength());
    Field media = d.report(ReportType.INPUT, 2).orElseThrow().fields().get(0);
    assertEquals(16, media.count());
    // KEY_MEDIA_NEXT_TRACK = {1, 0}: bit 0 is Scan Next Track (0x0C:0xB5).
    assertEquals(Optional.of(new Usage(Usages.PAGE_CONSUMER, 0xB5)), media.usageOfValue(0));
    assertEquals(Usages.KEYBOARD, d.applications().get(0).usage().orElseThrow());
  }

  /** hog.c: "Byte 0: buttons (lower 3 bits), Byte 1: X axis (int8), Byte 2: Y axis (int8)". */
  @Test
  void zephyrMouseReportIsButtonsThenSignedXy() {
    ReportDescriptor d = parsed("zephyr-peripheral-hids-mouse");
    assertEquals(1, d.reports().size());
    Report in = d.report(ReportType.INPUT, 1).orElseThrow();
    assertEquals(3, in.payloadLength());
    Field buttons = in.fields().get(0);
    assertEquals(0, buttons.bitOffset());
    assertEquals(3, buttons.count());
    Field xy = fieldWith(in, Usages.X);
    assertEquals(8, xy.bitOffset());
    assertEquals(8, xy.size());
    assertEquals(-127, xy.logicalMin());
    assertEquals(127, xy.logicalMax());
    assertTrue(xy.flags().relative());
  }

  /** test_apple_keyboard.py: keyboard in report 1; Fn state in report 17 as usage 0xff0003. */
  @Test
  void appleKeyboardHasKeyboardInReportOneAndFnInReportSeventeen() {
    ReportDescriptor d = parsed("apple-wireless-keyboard-05ac-0256");
    Report kb = d.report(ReportType.INPUT, 1).orElseThrow();
    assertEquals(8, kb.payloadLength());
    assertEquals(Usages.KEYBOARD, kb.fields().get(0).application().orElseThrow().usage().get());
    Report fn = d.report(ReportType.INPUT, 17).orElseThrow();
    fieldWith(fn, Usage.ofExtended(0xff0003L));
  }

  /**
   * test_mouse.py: the MI mouse "spreads the relative pointer and the mouse buttons onto 2 distinct
   * reports": 5 buttons, wheel and AC Pan in report 1, 12-bit X/Y in report 2.
   */
  @Test
  void miMouseSplitsButtonsAndMotionOverReportsOneAndTwo() {
    ReportDescriptor d = parsed("xiaomi-mi-wireless-mouse-2717-003b");
    Report buttons = d.report(ReportType.INPUT, 1).orElseThrow();
    assertEquals(5, buttons.fields().get(0).count());
    fieldWith(buttons, Usages.WHEEL);
    fieldWith(buttons, Usages.AC_PAN);
    Report motion = d.report(ReportType.INPUT, 2).orElseThrow();
    Field xy = fieldWith(motion, Usages.X);
    assertEquals(12, xy.size());
    assertEquals(-2047, xy.logicalMin());
    assertEquals(2047, xy.logicalMax());
    assertEquals(Usages.MOUSE, xy.application().orElseThrow().usage().orElseThrow());
    assertEquals(Usages.MOUSE, buttons.fields().get(0).application().orElseThrow().usage().get());
  }

  /** test_multitouch.py: a PTP with max_contacts=5, reporting all five in parallel. */
  @Test
  void synapticsTouchpadReportsFiveContactsAndTheCertificationBlob() {
    ReportDescriptor d = parsed("synaptics-touchpad-06cb-ce08");
    Report pad = touchpadInput(d);
    Map<Usage, Integer> counts = usageCounts(pad);
    assertEquals(5, counts.get(Usages.CONTACT_ID));
    assertEquals(5, counts.get(Usages.TIP_SWITCH));
    assertEquals(1, counts.get(Usages.CONTACT_COUNT));
    DescriptorLibraryTest.featureField(d, Usages.CONTACT_COUNT_MAXIMUM);
    Field blob = DescriptorLibraryTest.featureField(d, Usages.CERTIFICATION_STATUS);
    assertEquals(256, d.report(ReportType.FEATURE, blob.reportId()).orElseThrow().payloadLength());
    DescriptorLibraryTest.application(d, Usages.DEVICE_CONFIGURATION);
  }

  /** test_multitouch.py: DISCRETE_BUTTONS; the pad reports one contact per report (hybrid). */
  @Test
  void elanTouchpadReportsOneContactPerReportWithDiscreteButtons() {
    ReportDescriptor d = parsed("elan-touchpad-04f3-313a");
    Report pad = touchpadInput(d);
    Map<Usage, Integer> counts = usageCounts(pad);
    assertEquals(1, counts.get(Usages.CONTACT_ID));
    assertEquals(1, counts.get(Usages.CONTACT_COUNT));
    assertEquals(1, counts.get(new Usage(Usages.PAGE_BUTTON, 2)));
    assertEquals(1, counts.get(new Usage(Usages.PAGE_BUTTON, 3)));
  }

  private static Report touchpadInput(ReportDescriptor d) {
    for (Report r : d.reports(ReportType.INPUT)) {
      Optional<Usage> app = r.fields().get(0).application().flatMap(HidCollection::usage);
      if (app.equals(Optional.of(Usages.TOUCH_PAD))) {
        return r;
      }
    }
    throw new AssertionError("no Touch Pad input report");
  }
}
