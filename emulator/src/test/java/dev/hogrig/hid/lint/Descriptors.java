package dev.hogrig.hid.lint;

/**
 * Descriptors the linter tests share, as commented hex with the byte offset of every item. Boot
 * descriptors are HID 1.11 Appendix E.6 (keyboard) and E.10 (mouse), whose reports are the boot
 * layouts of Appendix B.1 and B.2. The touchpad is assembled from Microsoft's "Windows Precision
 * Touchpad Sample Report Descriptors" page (learn.microsoft.com/windows-hardware/design/
 * component-guidelines/windows-precision-touchpad-sample-report-descriptors), with its REPORTID_
 * placeholders numbered 1..6.
 */
final class Descriptors {
  private Descriptors() {}

  /** A vendor application with one 8-bit input: clean under every rule. Items at the offsets. */
  static final String VENDOR =
      """
      06 00 ff     //  0 Usage Page (Vendor 0xFF00)
      09 01        //  3 Usage (1)
      a1 01        //  5 Collection (Application)
      15 00        //  7 Logical Minimum (0)
      26 ff 00     //  9 Logical Maximum (255)
      75 08        // 12 Report Size (8)
      95 01        // 14 Report Count (1)
      09 01        // 16 Usage (1)
      81 02        // 18 Input (Data,Var,Abs)
      c0           // 20 End Collection
      """;

  /** HID 1.11 Appendix E.6: the boot keyboard. */
  static final String BOOT_KEYBOARD =
      """
      05 01        //  0 Usage Page (Generic Desktop)
      09 06        //  2 Usage (Keyboard)
      a1 01        //  4 Collection (Application)
      05 07        //  6 Usage Page (Keyboard)
      19 e0        //  8 Usage Minimum (0xE0)
      29 e7        // 10 Usage Maximum (0xE7)
      15 00        // 12 Logical Minimum (0)
      25 01        // 14 Logical Maximum (1)
      75 01        // 16 Report Size (1) modifiers
      95 08        // 18 Report Count (8) modifiers
      81 02        // 20 Input (Data,Var,Abs) modifier byte
      95 01        // 22 Report Count (1)
      75 08        // 24 Report Size (8) reserved
      81 01        // 26 Input (Cnst,Arr,Abs) reserved byte
      95 05        // 28 Report Count (5)
      75 01        // 30 Report Size (1)
      05 08        // 32 Usage Page (LEDs)
      19 01        // 34 Usage Minimum (1) Num Lock
      29 05        // 36 Usage Maximum (5) Kana
      91 02        // 38 Output (Data,Var,Abs) LEDs
      95 01        // 40 Report Count (1)
      75 03        // 42 Report Size (3)
      91 01        // 44 Output (Cnst,Arr,Abs) LED padding
      95 06        // 46 Report Count (6)
      75 08        // 48 Report Size (8) keys
      15 00        // 50 Logical Minimum (0)
      25 65        // 52 Logical Maximum (101)
      05 07        // 54 Usage Page (Keyboard)
      19 00        // 56 Usage Minimum (0)
      29 65        // 58 Usage Maximum (101)
      81 00        // 60 Input (Data,Arr,Abs) key array
      c0           // 62 End Collection
      """;

  /** HID 1.11 Appendix E.10: the boot mouse. */
  static final String BOOT_MOUSE =
      """
      05 01        //  0 Usage Page (Generic Desktop)
      09 02        //  2 Usage (Mouse)
      a1 01        //  4 Collection (Application)
      09 01        //  6 Usage (Pointer)
      a1 00        //  8 Collection (Physical)
      05 09        // 10 Usage Page (Button)
      19 01        // 12 Usage Minimum (1)
      29 03        // 14 Usage Maximum (3)
      15 00        // 16 Logical Minimum (0)
      25 01        // 18 Logical Maximum (1)
      95 03        // 20 Report Count (3) buttons
      75 01        // 22 Report Size (1) buttons
      81 02        // 24 Input (Data,Var,Abs) buttons
      95 01        // 26 Report Count (1)
      75 05        // 28 Report Size (5) padding
      81 01        // 30 Input (Cnst,Arr,Abs) padding
      05 01        // 32 Usage Page (Generic Desktop)
      09 30        // 34 Usage (X)
      09 31        // 36 Usage (Y)
      15 81        // 38 Logical Minimum (-127)
      25 7f        // 40 Logical Maximum (127)
      75 08        // 42 Report Size (8) axes
      95 02        // 44 Report Count (2)
      81 06        // 46 Input (Data,Var,Rel) X, Y
      c0           // 48 End Collection
      c0           // 49 End Collection
      """;

  /** Microsoft's sample Precision Touchpad descriptor: touch pad, configuration and mouse TLCs. */
  static final String PTP =
      """
      05 0d        //   0 Usage Page (Digitizers)
      09 05        //   2 Usage (Touch Pad)
      a1 01        //   4 Collection (Application)
      85 01        //   6 Report ID (1) REPORTID_TOUCHPAD
      09 22        //   8 Usage (Finger)
      a1 02        //  10 Collection (Logical)
      15 00        //  12 Logical Minimum (0)
      25 01        //  14 Logical Maximum (1)
      09 47        //  16 Usage (Confidence)
      09 42        //  18 Usage (Tip Switch)
      95 02        //  20 Report Count (2)
      75 01        //  22 Report Size (1)
      81 02        //  24 Input (Data,Var,Abs) confidence, tip
      95 01        //  26 Report Count (1)
      75 02        //  28 Report Size (2)
      25 02        //  30 Logical Maximum (2)
      09 51        //  32 Usage (Contact Identifier)
      81 02        //  34 Input (Data,Var,Abs) contact id
      75 01        //  36 Report Size (1)
      95 04        //  38 Report Count (4)
      81 03        //  40 Input (Cnst,Var,Abs) padding
      05 01        //  42 Usage Page (Generic Desktop)
      15 00        //  44 Logical Minimum (0)
      26 ff 0f     //  46 Logical Maximum (4095)
      75 10        //  49 Report Size (16)
      55 0e        //  51 Unit Exponent (-2)
      65 13        //  53 Unit (Inch, English Linear)
      09 30        //  55 Usage (X)
      35 00        //  57 Physical Minimum (0)
      46 90 01     //  59 Physical Maximum (400) X
      95 01        //  62 Report Count (1)
      81 02        //  64 Input (Data,Var,Abs) X
      46 13 01     //  66 Physical Maximum (275) Y
      09 31        //  69 Usage (Y)
      81 02        //  71 Input (Data,Var,Abs) Y
      c0           //  73 End Collection
      55 0c        //  74 Unit Exponent (-4)
      66 01 10     //  76 Unit (Seconds)
      47 ff ff 00 00 // 79 Physical Maximum (65535)
      27 ff ff 00 00 // 84 Logical Maximum (65535)
      75 10        //  89 Report Size (16)
      95 01        //  91 Report Count (1)
      05 0d        //  93 Usage Page (Digitizers)
      09 56        //  95 Usage (Scan Time)
      81 02        //  97 Input (Data,Var,Abs) scan time
      09 54        //  99 Usage (Contact Count)
      25 7f        // 101 Logical Maximum (127)
      95 01        // 103 Report Count (1)
      75 08        // 105 Report Size (8)
      81 02        // 107 Input (Data,Var,Abs) contact count
      05 09        // 109 Usage Page (Button)
      09 01        // 111 Usage (Button 1)
      25 01        // 113 Logical Maximum (1)
      75 01        // 115 Report Size (1)
      95 01        // 117 Report Count (1)
      81 02        // 119 Input (Data,Var,Abs) button 1
      95 07        // 121 Report Count (7)
      81 03        // 123 Input (Cnst,Var,Abs) padding
      05 0d        // 125 Usage Page (Digitizers)
      85 02        // 127 Report ID (2) REPORTID_MAX_COUNT
      09 55        // 129 Usage (Contact Count Maximum)
      09 59        // 131 Usage (Pad Type)
      75 04        // 133 Report Size (4)
      95 02        // 135 Report Count (2)
      25 0f        // 137 Logical Maximum (15)
      b1 02        // 139 Feature (Data,Var,Abs) capabilities
      06 00 ff     // 141 Usage Page (Vendor 0xFF00)
      85 03        // 144 Report ID (3) REPORTID_PTPHQA
      09 c5        // 146 Usage (0xC5) certification status
      15 00        // 148 Logical Minimum (0)
      26 ff 00     // 150 Logical Maximum (255)
      75 08        // 153 Report Size (8)
      96 00 01     // 155 Report Count (256)
      b1 02        // 158 Feature (Data,Var,Abs) certification blob
      c0           // 160 End Collection
      05 0d        // 161 Usage Page (Digitizers)
      09 0e        // 163 Usage (Device Configuration)
      a1 01        // 165 Collection (Application)
      85 04        // 167 Report ID (4) REPORTID_FEATURE
      09 22        // 169 Usage (Finger)
      a1 02        // 171 Collection (Logical)
      09 52        // 173 Usage (Input Mode)
      15 00        // 175 Logical Minimum (0)
      25 0a        // 177 Logical Maximum (10)
      75 08        // 179 Report Size (8)
      95 01        // 181 Report Count (1)
      b1 02        // 183 Feature (Data,Var,Abs) input mode
      c0           // 185 End Collection
      09 22        // 186 Usage (Finger)
      a1 00        // 188 Collection (Physical)
      85 05        // 190 Report ID (5) REPORTID_FUNCSWITCH
      09 57        // 192 Usage (Surface Switch)
      09 58        // 194 Usage (Button Switch)
      75 01        // 196 Report Size (1)
      95 02        // 198 Report Count (2)
      25 01        // 200 Logical Maximum (1)
      b1 02        // 202 Feature (Data,Var,Abs) function switch
      95 06        // 204 Report Count (6)
      b1 03        // 206 Feature (Cnst,Var,Abs) padding
      c0           // 208 End Collection
      c0           // 209 End Collection
      05 01        // 210 Usage Page (Generic Desktop)
      09 02        // 212 Usage (Mouse)
      a1 01        // 214 Collection (Application)
      85 06        // 216 Report ID (6) REPORTID_MOUSE
      09 01        // 218 Usage (Pointer)
      a1 00        // 220 Collection (Physical)
      05 09        // 222 Usage Page (Button)
      19 01        // 224 Usage Minimum (1)
      29 02        // 226 Usage Maximum (2)
      25 01        // 228 Logical Maximum (1)
      75 01        // 230 Report Size (1)
      95 02        // 232 Report Count (2)
      81 02        // 234 Input (Data,Var,Abs) buttons
      95 06        // 236 Report Count (6)
      81 03        // 238 Input (Cnst,Var,Abs) padding
      05 01        // 240 Usage Page (Generic Desktop)
      09 30        // 242 Usage (X)
      09 31        // 244 Usage (Y)
      75 08        // 246 Report Size (8)
      95 02        // 248 Report Count (2)
      25 7f        // 250 Logical Maximum (127)
      15 81        // 252 Logical Minimum (-127)
      81 06        // 254 Input (Data,Var,Rel) X, Y
      c0           // 256 End Collection
      c0           // 257 End Collection
      """;

  /** {@code base} with the one line containing {@code marker} replaced by {@code line}. */
  static String replaceLine(String base, String marker, String line) {
    long hits = base.lines().filter(l -> l.contains(marker)).count();
    if (hits != 1) {
      throw new IllegalArgumentException(marker + " matches " + hits + " lines");
    }
    StringBuilder out = new StringBuilder();
    for (String l : base.lines().toList()) {
      out.append(l.contains(marker) ? line : l).append('\n');
    }
    return out.toString();
  }

  /** {@code base} without the lines containing any of {@code markers}. */
  static String dropLines(String base, String... markers) {
    StringBuilder out = new StringBuilder();
    for (String l : base.lines().toList()) {
      boolean drop = false;
      for (String m : markers) {
        drop |= l.contains(m);
      }
      if (!drop) {
        out.append(l).append('\n');
      }
    }
    return out.toString();
  }
}
