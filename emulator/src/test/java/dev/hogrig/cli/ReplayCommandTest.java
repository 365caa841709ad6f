package dev.hogrig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code hogrig replay check}: a recording's device and timeline, or the line that is wrong. */
class ReplayCommandTest {

  /** HID 1.11 Appendix B.2 boot mouse; hid-recorder's clock started 0.5 s before the first E:. */
  static final String RECORDING =
      """
      N: Boot Mouse
      I: 5 046d b025
      R: 50 05 01 09 02 a1 01 09 01 a1 00 05 09 19 01 29 03 15 00 25 01 95 03 75 01 81 02 95 01 75 05 81 01 05 01 09 30 09 31 15 81 25 7f 75 08 95 02 81 06 c0 c0
      E: 000000.500000 3 01 01 ff
      E: 000001.750000 3 00 00 00
      """;

  @Test
  void checkPrintsTheDeviceAndTheTimeline() {
    CliTest.Result r = CliTest.withInput(RECORDING, "replay", "check", "--list", "-");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("PnP ID USB_IF 046d:b025"), r.out());
    // Bluetooth Assigned Numbers: 0x03C2 Mouse.
    assertTrue(r.out().contains("appearance 0x03C2"), r.out());
    assertTrue(r.out().contains("2 input reports over 1.250000 s"), r.out());
    assertTrue(r.out().contains("1.250000  id 0   00 00 00  (line 5)"), r.out());
  }

  @Test
  void aReportThatDoesNotFitNamesItsLine() {
    CliTest.Result r =
        CliTest.withInput(
            RECORDING.replace("E: 000001.750000 3 00 00 00", "E: 000001.750000 2 00 00"),
            "replay",
            "check",
            "-");
    CliTest.assertOneLineError(r);
    assertTrue(
        r.err().contains("<stdin>: line 5, column 1: E: line does not fit the descriptor"),
        r.err());
  }
}
