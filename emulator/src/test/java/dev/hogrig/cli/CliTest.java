package dev.hogrig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.LibraryDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a person uses it: arguments in, text and an exit status out. */
class CliTest {

  /** HID 1.11 Appendix B.2 boot mouse: 3 buttons, 5 bits padding, X and Y relative 8-bit. */
  static final String BOOT_MOUSE_HEX =
      "05 01 09 02 a1 01 09 01 a1 00 05 09 19 01 29 03 15 00 25 01 95 03 75 01 81 02 95 01 75 05"
          + " 81 01 05 01 09 30 09 31 15 81 25 7f 75 08 95 02 81 06 c0 c0";

  record Result(int exit, String out, String err) {}

  static Result withInput(String stdin, String... args) {
    CommandLine cl =
        Main.newCommandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Result(exit, out.toString(), err.toString());
  }

  static Result run(String... args) {
    return withInput("", args);
  }

  static void assertOneLineError(Result r) {
    assertEquals(2, r.exit(), r.err());
    String err = r.err().strip();
    assertFalse(err.isEmpty(), "an error message is printed");
    assertEquals(1, err.lines().count(), "exactly one line: " + err);
    assertFalse(err.contains("Exception"), "no exception names: " + err);
    assertFalse(err.contains("\tat "), "no stack trace: " + err);
  }

  @TestFactory
  List<DynamicTest> everyCommandHasHelp() {
    List<DynamicTest> tests = new ArrayList<>();
    collect(Main.newCommandLine(), new ArrayList<>(), tests);
    assertTrue(tests.size() >= 7, "root, descriptor and its five subcommands at least");
    return tests;
  }

  private static void collect(CommandLine cl, List<String> path, List<DynamicTest> tests) {
    List<String> args = new ArrayList<>(path);
    args.add("--help");
    String name = String.join(" ", path);
    if (!cl.getCommandName().equals("help")) {
      tests.add(
          DynamicTest.dynamicTest(
              "hogrig " + name + " --help",
              () -> {
                Result r = run(args.toArray(String[]::new));
                assertEquals(0, r.exit(), r.err());
                assertTrue(r.out().startsWith("Usage: hogrig"), r.out());
              }));
    }
    cl.getSubcommands()
        .forEach(
            (sub, child) -> {
              if (!sub.equals("help")) {
                List<String> p = new ArrayList<>(path);
                p.add(sub);
                collect(child, p, tests);
              }
            });
  }

  @Test
  void compilePrintsLowercaseHexSeparatedBySingleSpaces() {
    Result r =
        withInput("Usage Page (Generic Desktop)\nUsage (Mouse)\n", "descriptor", "compile", "-");
    assertEquals(0, r.exit(), r.err());
    assertEquals("05 01 09 02\n", r.out());
  }

  @TestFactory
  List<DynamicTest> decodeThenCompileGivesBackTheLibraryBytes() {
    List<DynamicTest> tests = new ArrayList<>();
    for (LibraryDescriptor d : DescriptorLibrary.all()) {
      tests.add(
          DynamicTest.dynamicTest(
              d.name(),
              () -> {
                Result decoded = run("descriptor", "decode", "library:" + d.name());
                assertEquals(0, decoded.exit(), decoded.err());
                Result compiled = withInput(decoded.out(), "descriptor", "compile", "-");
                assertEquals(0, compiled.exit(), compiled.err());
                assertEquals(d.bytes().toHex() + "\n", compiled.out());
              }));
    }
    return tests;
  }

  @Test
  void lintOfTheBootMouseIsCleanAndExitsZero() {
    Result r = withInput(BOOT_MOUSE_HEX, "descriptor", "lint", "-");
    assertEquals(0, r.exit(), r.out() + r.err());
  }

  @Test
  void lintExitsOneOnAnErrorFinding(@TempDir Path dir) throws IOException {
    // Boot mouse with its first Report Size changed from 1 to 0: a report size of 0 is an error.
    Path f = dir.resolve("broken.hex");
    Files.writeString(f, BOOT_MOUSE_HEX.replace("95 03 75 01", "95 03 75 00"));
    Result r = run("descriptor", "lint", f.toString());
    assertEquals(1, r.exit(), r.out() + r.err());
    assertTrue(r.out().contains("error"), r.out());
    assertTrue(r.out().contains("byte 22"), "names the Report Size item's offset: " + r.out());
  }

  @Test
  void lintJsonIsMachineReadable() {
    Result r = withInput(BOOT_MOUSE_HEX, "descriptor", "lint", "--json", "--mtu", "23", "-");
    assertEquals(0, r.exit(), r.err());
    JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals(23, o.get("attMtu").getAsInt());
    assertEquals(0, o.get("errors").getAsInt());
    assertEquals(1, o.getAsJsonArray("descriptors").size());
    assertEquals(
        50, o.getAsJsonArray("descriptors").get(0).getAsJsonObject().get("bytes").getAsInt());
  }

  @Test
  void lintLibraryCoversEveryLibraryDescriptor() {
    Result r = run("descriptor", "lint", "--library");
    assertTrue(r.exit() == 0 || r.exit() == 1, r.err());
    for (LibraryDescriptor d : DescriptorLibrary.all()) {
      assertTrue(r.out().contains("library:" + d.name()), d.name() + " linted: " + r.out());
    }
  }

  @Test
  void missingFileIsOneLineAndExitTwo() {
    Result r = run("descriptor", "lint", "/nonexistent/x.bin");
    assertOneLineError(r);
    assertTrue(r.err().contains("/nonexistent/x.bin"), r.err());
  }

  @Test
  void truncatedDescriptorNamesTheByteOffset() {
    // 0x26 announces two data bytes; only one follows.
    Result r = withInput("05 01 26 ff", "descriptor", "decode", "-");
    assertOneLineError(r);
    assertTrue(r.err().contains("byte 2"), r.err());
  }

  @Test
  void badTextNamesLineAndColumn() {
    Result r =
        withInput(
            "Usage Page (Generic Desktop)\nUsage Pgae (Button)\n", "descriptor", "compile", "-");
    assertOneLineError(r);
    assertTrue(r.err().contains("line 2"), r.err());
  }

  @Test
  void mtuOutOfRangeIsBadUsage() {
    Result r = withInput(BOOT_MOUSE_HEX, "descriptor", "lint", "--mtu", "5", "-");
    assertOneLineError(r);
  }

  @Test
  void unknownLibraryNameIsBadUsage() {
    assertOneLineError(run("descriptor", "show", "no-such-descriptor"));
    assertOneLineError(run("descriptor", "decode", "library:no-such-descriptor"));
  }

  @Test
  void readsTheDescriptorOfAHidToolsRecording(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("mouse.hid");
    Files.writeString(
        f,
        "# a recording as hid-recorder writes it\n"
            + "N: Test Mouse\n"
            + "I: 3 046d c077\n"
            + "R: 50 "
            + BOOT_MOUSE_HEX
            + "\n"
            + "E: 0.000000 3 01 ff 02\n");
    Result decode = run("descriptor", "compile", "--format", "recording", f.toString());
    assertEquals(0, decode.exit(), decode.err());
    assertEquals(BOOT_MOUSE_HEX + "\n", decode.out());
    Result auto = run("descriptor", "lint", f.toString());
    assertEquals(0, auto.exit(), auto.out() + auto.err());
  }

  @Test
  void binaryInputIsRecognisedByContent(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("mouse.bin");
    Files.write(f, dev.hogrig.util.Bytes.fromHex(BOOT_MOUSE_HEX).toArray());
    Result r = run("descriptor", "compile", "--format", "binary", f.toString());
    assertEquals(BOOT_MOUSE_HEX + "\n", r.out());
    Result auto = run("descriptor", "decode", f.toString());
    assertEquals(0, auto.exit(), auto.err());
    assertTrue(auto.out().contains("Usage Page (Generic Desktop)"), auto.out());
  }

  @Test
  void bootModeYesTurnsABootLayoutMismatchIntoAnError() {
    // mouse-5btn has 16-bit X/Y: not the 8-bit boot mouse layout of HID 1.11 Appendix B.2.
    assertEquals(0, run("descriptor", "lint", "library:mouse-5btn").exit());
    Result strict = run("descriptor", "lint", "--boot", "yes", "library:mouse-5btn");
    assertEquals(1, strict.exit(), strict.out());
    assertTrue(strict.out().contains("BOOT-MOUSE-LAYOUT"), strict.out());
    Result off = run("descriptor", "lint", "--boot", "no", "library:mouse-5btn");
    assertFalse(off.out().contains("BOOT-MOUSE-LAYOUT"), off.out());
  }

  @Test
  void aLargerMtuClearsTheNotificationSizeWarning() {
    // ptp-clickpad's input report has a 29-byte payload: too big for ATT_MTU 23 (20 bytes).
    assertTrue(
        run("descriptor", "lint", "library:ptp-clickpad")
            .out()
            .contains("HOGP-REPORT-EXCEEDS-MTU"));
    Result big = run("descriptor", "lint", "--mtu", "32", "library:ptp-clickpad");
    assertFalse(big.out().contains("HOGP-REPORT-EXCEEDS-MTU"), big.out());
  }

  @Test
  void decodeLayoutShowsReportLengthsAndBitPositions() {
    // HID 1.11 Appendix B.1: 8-byte input report (modifiers at bits 0-7, reserved byte, six key
    // bytes from bit 16) and a 1-byte LED output report, no report ID.
    Result r = run("descriptor", "decode", "--layout", "library:boot-keyboard");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("Input report (no ID): 8 bytes on the wire"), r.out());
    assertTrue(r.out().contains("Output report (no ID): 1 byte on the wire"), r.out());
    assertTrue(r.out().matches("(?s).*bits +0\\.\\.7 +8 x 1 +Var +Keyboard[^:]*: .*"), r.out());
    assertTrue(r.out().matches("(?s).*bits +16\\.\\.63 +6 x 8 +Arr .*"), r.out());
  }

  /** A --bluez folder without a staged BlueZ fails before qemu starts, saying what to run. */
  @Test
  void labUpWithAnUnstagedBluezFolderSaysHowToStageOne(@org.junit.jupiter.api.io.TempDir Path dir) {
    Result r = run("lab", "up", "--dir", dir.resolve("lab").toString(), "--bluez", dir.toString());
    assertOneLineError(r);
    assertTrue(r.err().contains("no BlueZ is staged in " + dir), r.err());
    assertTrue(r.err().contains("scripts/stage-bluez"), r.err());
  }
}
