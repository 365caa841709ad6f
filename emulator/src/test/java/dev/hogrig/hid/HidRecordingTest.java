package dev.hogrig.hid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hogrig.util.Bytes;
import org.junit.jupiter.api.Test;

/** hid-recorder's .hid format, as hid-tools' hid-recorder writes it. */
class HidRecordingTest {

  /** A hand-written recording of the HID 1.11 Appendix B.2 boot mouse over Bluetooth. */
  static final String MOUSE =
      """
      # Boot Mouse
      # 0x05, 0x01,                    // Usage Page (Generic Desktop)        0
      # ...
      # Report descriptor length: 50 bytes
      R: 50 05 01 09 02 a1 01 09 01 a1 00 05 09 19 01 29 03 15 00 25 01 95 03 75 01 81 02 95 01 75 05 81 01 05 01 09 30 09 31 15 81 25 7f 75 08 95 02 81 06 c0 c0
      N: Boot Mouse
      P: 00:11:22:33:44:55
      I: 5 046d b025
      D: 0
      # Button: 1 0 0 | # | X: 1 | Y: -1
      E: 000000.000000 3 01 01 ff
      E: 000001.250000 3 00 00 00
      """;

  @Test
  void parsesHeaderDescriptorAndEvents() {
    HidRecording r = HidRecording.parse(MOUSE);
    assertEquals("Boot Mouse", r.name());
    assertEquals("00:11:22:33:44:55", r.phys());
    assertEquals(5, r.bus());
    assertEquals(0x046d, r.vendorId());
    assertEquals(0xb025, r.productId());
    assertEquals(DescriptorTextGoldenTest.BOOT_MOUSE, r.descriptor());
    assertEquals(2, r.events().size());
    assertEquals(new HidRecording.Event(0, Bytes.of(0x01, 0x01, 0xff), 11), r.events().get(0));
    assertEquals(1_250_000L, r.events().get(1).timestampMicros());
    assertEquals(Bytes.of(0, 0, 0), r.events().get(1).data());
  }

  private static String error(String text) {
    return assertThrows(TextCompileException.class, () -> HidRecording.parse(text)).getMessage();
  }

  @Test
  void descriptorLengthMustMatch() {
    assertEquals("line 1, column 4: length says 3 bytes but 2 follow", error("R: 3 05 01"));
  }

  @Test
  void eventLengthMustMatch() {
    assertEquals(
        "line 2, column 18: length says 2 bytes but 1 follow",
        error("R: 1 c0\nE: 000000.000100 2 01"));
  }

  @Test
  void badHexNamesTheColumn() {
    assertEquals(
        "line 1, column 9: expected a hex byte such as 0a, got \"zz\"", error("R: 2 05 zz"));
  }

  @Test
  void badTimestamp() {
    assertEquals(
        "line 2, column 4: expected a timestamp seconds.microseconds, e.g. 000000.004019",
        error("R: 1 c0\nE: 12:00 1 01"));
  }

  @Test
  void badIds() {
    assertEquals(
        "line 1, column 4: expected \"I: bus vendor product\" in hex, e.g. \"I: 5 046d b025\"",
        error("I: usb 046d"));
  }

  @Test
  void unknownLineType() {
    assertEquals(
        "line 2, column 1: unknown line type \"Q:\"; expected N:, I:, P:, R:, D: or E:",
        error("R: 1 c0\nQ: what"));
    assertEquals(
        "line 1, column 1: expected a line starting N:, I:, P:, R:, D:, E: or #", error("hello"));
  }

  @Test
  void recordingWithoutDescriptorIsRejected() {
    assertEquals(
        "line 2, column 1: no \"R:\" line: the recording has no report descriptor",
        error("N: nothing\n"));
  }

  @Test
  void secondDescriptorIsRejected() {
    assertEquals(
        "line 2, column 1: a second R: line; one descriptor only", error("R: 1 c0\nR: 1 c0"));
  }
}
