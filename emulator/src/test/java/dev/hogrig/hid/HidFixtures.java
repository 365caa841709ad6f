package dev.hogrig.hid;

import dev.hogrig.util.Bytes;

/**
 * Report descriptors shared by the hid tests, written as hex with the meaning of each item beside
 * it. The boot keyboard and boot mouse are HID 1.11 Appendix B.1 and B.2 item for item; the others
 * are small descriptors written for these tests.
 */
final class HidFixtures {
  private HidFixtures() {}

  /** Bytes from hex where everything after {@code ;} on a line is a comment. */
  static Bytes hex(String commented) {
    StringBuilder sb = new StringBuilder();
    for (String line : commented.split("\n")) {
      int c = line.indexOf(';');
      sb.append(c < 0 ? line : line.substring(0, c)).append(' ');
    }
    return Bytes.fromHex(sb.toString());
  }

  /** HID 1.11 Appendix B.1, Protocol 1 (Keyboard). */
  static final Bytes BOOT_KEYBOARD =
      hex(
          """
          05 01 ; Usage Page (Generic Desktop)
          09 06 ; Usage (Keyboard)
          A1 01 ; Collection (Application)
          05 07 ;   Usage Page (Key Codes)
          19 E0 ;   Usage Minimum (224)
          29 E7 ;   Usage Maximum (231)
          15 00 ;   Logical Minimum (0)
          25 01 ;   Logical Maximum (1)
          75 01 ;   Report Size (1)
          95 08 ;   Report Count (8)
          81 02 ;   Input (Data, Variable, Absolute)   modifier byte
          95 01 ;   Report Count (1)
          75 08 ;   Report Size (8)
          81 01 ;   Input (Constant)                   reserved byte
          95 05 ;   Report Count (5)
          75 01 ;   Report Size (1)
          05 08 ;   Usage Page (LEDs)
          19 01 ;   Usage Minimum (1)
          29 05 ;   Usage Maximum (5)
          91 02 ;   Output (Data, Variable, Absolute)  LED report
          95 01 ;   Report Count (1)
          75 03 ;   Report Size (3)
          91 01 ;   Output (Constant)                  LED report padding
          95 06 ;   Report Count (6)
          75 08 ;   Report Size (8)
          15 00 ;   Logical Minimum (0)
          25 65 ;   Logical Maximum (101)
          05 07 ;   Usage Page (Key Codes)
          19 00 ;   Usage Minimum (0)
          29 65 ;   Usage Maximum (101)
          81 00 ;   Input (Data, Array)                key arrays (6 bytes)
          C0    ; End Collection
          """);

  /** HID 1.11 Appendix B.2, Protocol 2 (Mouse). */
  static final Bytes BOOT_MOUSE =
      hex(
          """
          05 01 ; Usage Page (Generic Desktop)
          09 02 ; Usage (Mouse)
          A1 01 ; Collection (Application)
          09 01 ;   Usage (Pointer)
          A1 00 ;   Collection (Physical)
          05 09 ;     Usage Page (Buttons)
          19 01 ;     Usage Minimum (1)
          29 03 ;     Usage Maximum (3)
          15 00 ;     Logical Minimum (0)
          25 01 ;     Logical Maximum (1)
          95 03 ;     Report Count (3)
          75 01 ;     Report Size (1)
          81 02 ;     Input (Data, Variable, Absolute)   3 button bits
          95 01 ;     Report Count (1)
          75 05 ;     Report Size (5)
          81 01 ;     Input (Constant)                   5 bit padding
          05 01 ;     Usage Page (Generic Desktop)
          09 30 ;     Usage (X)
          09 31 ;     Usage (Y)
          15 81 ;     Logical Minimum (-127)
          25 7F ;     Logical Maximum (127)
          75 08 ;     Report Size (8)
          95 02 ;     Report Count (2)
          81 06 ;     Input (Data, Variable, Relative)   2 position bytes (X & Y)
          C0    ;   End Collection
          C0    ; End Collection
          """);

  /** One finger: Tip Switch (1 bit), Contact Identifier (3 bits), X, Y (12 bits), 4 bits pad. */
  private static final String FINGER =
      """
      09 22    ;   Usage (Finger)
      A1 02    ;   Collection (Logical)
      05 0D    ;     Usage Page (Digitizers)
      09 42    ;     Usage (Tip Switch)
      15 00    ;     Logical Minimum (0)
      25 01    ;     Logical Maximum (1)
      75 01    ;     Report Size (1)
      95 01    ;     Report Count (1)
      81 02    ;     Input (Data, Variable, Absolute)   bit 0
      09 51    ;     Usage (Contact Identifier)
      25 07    ;     Logical Maximum (7)
      75 03    ;     Report Size (3)
      81 02    ;     Input (Data, Variable, Absolute)   bits 1..3
      05 01    ;     Usage Page (Generic Desktop)
      09 30    ;     Usage (X)
      09 31    ;     Usage (Y)
      26 FF 0F ;     Logical Maximum (4095)
      75 0C    ;     Report Size (12)
      95 02    ;     Report Count (2)
      81 02    ;     Input (Data, Variable, Absolute)   X bits 4..15, Y bits 16..27
      75 04    ;     Report Size (4)
      95 01    ;     Report Count (1)
      81 03    ;     Input (Constant, Variable)         bits 28..31
      05 0D    ;     Usage Page (Digitizers)
      C0       ;   End Collection
      """;

  /**
   * A two-contact touch screen, report ID 1: two 32-bit finger collections then an 8-bit Contact
   * Count. Payload 9 bytes, 10 on the wire.
   */
  static final Bytes TWO_FINGER_TOUCH_SCREEN =
      hex(
          """
          05 0D ; Usage Page (Digitizers)
          09 04 ; Usage (Touch Screen)
          A1 01 ; Collection (Application)
          85 01 ;   Report ID (1)
          """
              + FINGER
              + FINGER
              + """
          09 54 ;   Usage (Contact Count)
          25 7F ;   Logical Maximum (127)
          75 08 ;   Report Size (8)
          95 01 ;   Report Count (1)
          81 02 ;   Input (Data, Variable, Absolute)
          C0    ; End Collection
          """);

  /**
   * A mouse (report ID 1: 5 buttons, 3 bits pad, 16-bit X and Y, 8-bit wheel) and a consumer
   * control (report ID 2: two 16-bit array slots over usages 0..0x3FF).
   */
  static final Bytes MOUSE_AND_CONSUMER =
      hex(
          """
          05 01    ; Usage Page (Generic Desktop)
          09 02    ; Usage (Mouse)
          A1 01    ; Collection (Application)
          85 01    ;   Report ID (1)
          09 01    ;   Usage (Pointer)
          A1 00    ;   Collection (Physical)
          05 09    ;     Usage Page (Button)
          19 01    ;     Usage Minimum (1)
          29 05    ;     Usage Maximum (5)
          15 00    ;     Logical Minimum (0)
          25 01    ;     Logical Maximum (1)
          95 05    ;     Report Count (5)
          75 01    ;     Report Size (1)
          81 02    ;     Input (Data, Variable, Absolute)   payload bits 0..4
          95 01    ;     Report Count (1)
          75 03    ;     Report Size (3)
          81 01    ;     Input (Constant)                   bits 5..7
          05 01    ;     Usage Page (Generic Desktop)
          09 30    ;     Usage (X)
          09 31    ;     Usage (Y)
          16 01 80 ;     Logical Minimum (-32767)
          26 FF 7F ;     Logical Maximum (32767)
          75 10    ;     Report Size (16)
          95 02    ;     Report Count (2)
          81 06    ;     Input (Data, Variable, Relative)   bytes 1..4
          09 38    ;     Usage (Wheel)
          15 81    ;     Logical Minimum (-127)
          25 7F    ;     Logical Maximum (127)
          75 08    ;     Report Size (8)
          95 01    ;     Report Count (1)
          81 06    ;     Input (Data, Variable, Relative)   byte 5
          C0       ;   End Collection
          C0       ; End Collection
          05 0C    ; Usage Page (Consumer)
          09 01    ; Usage (Consumer Control)
          A1 01    ; Collection (Application)
          85 02    ;   Report ID (2)
          15 00    ;   Logical Minimum (0)
          26 FF 03 ;   Logical Maximum (1023)
          19 00    ;   Usage Minimum (0)
          2A FF 03 ;   Usage Maximum (1023)
          75 10    ;   Report Size (16)
          95 02    ;   Report Count (2)
          81 00    ;   Input (Data, Array, Absolute)      two 16-bit slots
          C0       ; End Collection
          """);

  /**
   * Vendor fields of awkward sizes: five signed 3-bit values, two 13-bit values under one usage
   * (the usage repeats), one signed 32-bit value. 73 bits, 10 bytes.
   */
  static final Bytes ODD_SIZES =
      hex(
          """
          06 00 FF       ; Usage Page (Vendor Defined 0xFF00)
          09 01          ; Usage (0x01)
          A1 01          ; Collection (Application)
          09 10          ;   Usage (0x10)
          09 11          ;   Usage (0x11)
          09 12          ;   Usage (0x12)
          09 13          ;   Usage (0x13)
          09 14          ;   Usage (0x14)
          15 FC          ;   Logical Minimum (-4)
          25 03          ;   Logical Maximum (3)
          75 03          ;   Report Size (3)
          95 05          ;   Report Count (5)
          81 02          ;   Input (Data, Variable, Absolute)   bits 0..14
          09 20          ;   Usage (0x20)
          15 00          ;   Logical Minimum (0)
          26 FF 1F       ;   Logical Maximum (8191)
          75 0D          ;   Report Size (13)
          95 02          ;   Report Count (2)
          81 02          ;   Input (Data, Variable, Absolute)   bits 15..40
          09 30          ;   Usage (0x30)
          17 00 00 00 80 ;   Logical Minimum (-2147483648)
          27 FF FF FF 7F ;   Logical Maximum (2147483647)
          75 20          ;   Report Size (32)
          95 01          ;   Report Count (1)
          81 02          ;   Input (Data, Variable, Absolute)   bits 41..72
          C0             ; End Collection
          """);
}
