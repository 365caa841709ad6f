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

  @Test
  void playRefusesBadArgumentsBeforeTouchingAnyBus(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path rec = dir.resolve("mouse.hid");
    java.nio.file.Files.writeString(rec, RECORDING);
    java.nio.file.Path empty = dir.resolve("empty.hid");
    java.nio.file.Files.writeString(empty, RECORDING.replaceAll("(?m)^E: .*\n", ""));
    String[][] cases = {
      {"--repeat 0", "--repeat: 0 is not a number of passes (1 or more)"},
      {"--wait 5x", "--wait: '5x' is not a duration"},
      {"--gap 0s", "--gap: '0s' is no time at all"},
    };
    for (String[] c : cases) {
      java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("replay", "play"));
      args.addAll(java.util.List.of(c[0].split(" ")));
      args.add(rec.toString());
      CliTest.Result r = CliTest.run(args.toArray(String[]::new));
      CliTest.assertOneLineError(r);
      assertEquals(2, r.exit(), r.err());
      assertTrue(r.err().contains(c[1]), c[0] + " -> " + r.err());
    }
    CliTest.Result missing = CliTest.run("replay", "play", dir.resolve("nope.hid").toString());
    CliTest.assertOneLineError(missing);
    assertTrue(missing.err().contains("nope.hid: no such file"), missing.err());
    CliTest.Result none = CliTest.run("replay", "play", empty.toString());
    CliTest.assertOneLineError(none);
    assertTrue(none.err().contains("the recording has no E: line; nothing to play"), none.err());
    CliTest.Result stdin = CliTest.withInput(RECORDING, "replay", "play", "-");
    CliTest.assertOneLineError(stdin);
    assertTrue(stdin.err().contains("play needs a file"), stdin.err());
    CliTest.Result bad =
        CliTest.run(
            "replay",
            "play",
            java.nio.file.Files.writeString(dir.resolve("bad.hid"), "R: 3 05 01").toString());
    CliTest.assertOneLineError(bad);
    assertTrue(
        bad.err().contains("bad.hid: line 1, column 4: length says 3 bytes but 2 follow"),
        bad.err());
  }
}
