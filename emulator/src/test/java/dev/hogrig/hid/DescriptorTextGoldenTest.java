package dev.hogrig.hid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogrig.util.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Golden round trips. The descriptor bytes are HID 1.11 Appendix B.1 (boot keyboard) and B.2 (boot
 * mouse) as printed in the spec, plus a hand-built descriptor of encodings met in real devices; the
 * expected text in {@code src/test/resources/golden/} was written by hand in the layout of
 * hid-tools' {@code hid-decode} (see {@code dump_rdesc_array} in {@code hidtools/hid.py}).
 */
class DescriptorTextGoldenTest {

  /** HID 1.11 Appendix B.1, Protocol 1 (Keyboard). */
  static final Bytes BOOT_KEYBOARD =
      Bytes.fromHex(
          "05 01 09 06 a1 01 05 07 19 e0 29 e7 15 00 25 01 75 01 95 08 81 02 95 01 75 08 81 01"
              + " 95 05 75 01 05 08 19 01 29 05 91 02 95 01 75 03 91 01 95 06 75 08 15 00 25 65"
              + " 05 07 19 00 29 65 81 00 c0");

  /** HID 1.11 Appendix B.2, Protocol 2 (Mouse). */
  static final Bytes BOOT_MOUSE =
      Bytes.fromHex(
          "05 01 09 02 a1 01 09 01 a1 00 05 09 19 01 29 03 15 00 25 01 95 03 75 01 81 02 95 01"
              + " 75 05 81 01 05 01 09 30 09 31 15 81 25 7f 75 08 95 02 81 06 c0 c0");

  /**
   * Non-minimal sizes ({@code 26 01 00}), Push/Pop, units and exponents, an extended usage, a
   * vendor page, vendor and Named Array collections, String Index, Delimiter, a reserved tag and a
   * long item.
   */
  static final Bytes KITCHEN_SINK =
      Bytes.fromHex(
          "05 0d 09 05 a1 01 85 01 09 22 a1 02 09 47 09 42 15 00 26 01 00 75 01 95 02 81 02 09 51"
              + " 25 07 75 06 95 01 81 02 a4 05 01 55 0e 65 11 09 30 35 00 46 56 04 26 4a 05 75 10"
              + " 81 02 b4 09 30 25 ff 75 08 81 02 c0 05 0d 09 56 27 ff ff 00 00 95 01 75 10 55 0c"
              + " 66 01 10 81 02 09 54 25 05 75 08 65 00 55 00 81 02 85 02 09 55 b1 02 0b 38 02 0c"
              + " 00 15 81 b1 26 06 00 ff 09 c5 96 00 01 b1 03 65 14 67 11 e0 00 00 a1 80 a1 04 c0"
              + " c0 79 03 a9 01 a9 00 f1 12 fe 02 12 01 02 c0");

  static String golden(String name) {
    try (InputStream in = DescriptorTextGoldenTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void bootKeyboardDecodesToHandWrittenText() {
    assertEquals(
        golden("boot-keyboard.txt"), DescriptorText.decode(ReportDescriptor.parse(BOOT_KEYBOARD)));
  }

  @Test
  void bootKeyboardTextCompilesToSpecBytes() {
    assertEquals(BOOT_KEYBOARD, DescriptorText.compile(golden("boot-keyboard.txt")));
  }

  @Test
  void bootMouseDecodesToHandWrittenText() {
    assertEquals(
        golden("boot-mouse.txt"), DescriptorText.decode(ReportDescriptor.parse(BOOT_MOUSE)));
  }

  @Test
  void bootMouseTextCompilesToSpecBytes() {
    assertEquals(BOOT_MOUSE, DescriptorText.compile(golden("boot-mouse.txt")));
  }

  @Test
  void kitchenSinkDecodesToHandWrittenText() {
    assertEquals(
        golden("kitchen-sink.txt"), DescriptorText.decode(ReportDescriptor.parse(KITCHEN_SINK)));
  }

  @Test
  void kitchenSinkTextCompilesBackToTheExactBytes() {
    assertEquals(KITCHEN_SINK, DescriptorText.compile(golden("kitchen-sink.txt")));
  }

  @Test
  void handWrittenKeyboardWithoutBytesCompilesToSpecBytes() {
    assertEquals(BOOT_KEYBOARD, DescriptorText.compile(golden("boot-keyboard-handwritten.txt")));
  }

  @Test
  void recorderPrefixedLinesCompileLikePlainOnes() {
    String prefixed =
        "# Boot Mouse\n# Report descriptor length: 50 bytes\n"
            + golden("boot-mouse.txt").replaceAll("(?m)^", "# ");
    assertEquals(BOOT_MOUSE, DescriptorText.compile(prefixed));
  }
}
