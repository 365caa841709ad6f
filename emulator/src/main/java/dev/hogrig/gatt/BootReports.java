package dev.hogrig.gatt;

import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.util.Bytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Boot reports (HID 1.11 Appendix B) built from the same {@link ReportData} a scenario gives for
 * report mode, so one gesture plays in both protocol modes. Stateless.
 *
 * <pre>
 *   Boot Keyboard Input Report, 8 octets (B.1)
 *     octet 0    modifiers   bit 0 LeftCtrl .. bit 7 RightGUI (Keyboard page 0xE0..0xE7)
 *     octet 1    reserved    0
 *     octet 2-7  key codes   Keyboard page usage IDs, 0 = none; more than 6 keys: all 0x01
 *                            (ErrorRollOver, HUT 1.5 §10)
 *   Boot Mouse Input Report, 3 octets (B.2)
 *     octet 0    buttons     bit 0 Button 1, bit 1 Button 2, bit 2 Button 3, bits 3-7 0
 *     octet 1    X           int8, relative
 *     octet 2    Y           int8, relative
 * </pre>
 *
 * <p>Values are read from the report-mode data: a modifier or button counts when it was pressed or
 * set to a non-zero value; keys are the pressed Keyboard-page usages outside 0xE0..0xE7, in press
 * order; X and Y are the logical values set, clamped to -127..127 (a 16-bit report-mode mouse
 * moving 300 units moves 127 in boot mode; the rig does not split the motion over several reports).
 * Everything else (wheel, buttons 4-5, contacts) has no place in a boot report and is left out.
 */
public final class BootReports {
  private BootReports() {}

  /** Number of octets of the Boot Keyboard Input Report. */
  public static final int KEYBOARD_INPUT_LENGTH = 8;

  /** Number of octets of the Boot Keyboard Output Report. */
  public static final int KEYBOARD_OUTPUT_LENGTH = 1;

  /** Number of octets of the Boot Mouse Input Report the rig sends. */
  public static final int MOUSE_INPUT_LENGTH = 3;

  private static final int ERROR_ROLL_OVER = 0x01;

  /** The 8-octet boot keyboard report for {@code data}. */
  public static Bytes keyboard(ReportData data) {
    int modifiers = 0;
    for (int b = 0; b < 8; b++) {
      if (on(data, new Usage(Usages.PAGE_KEYBOARD, 0xE0 + b))) {
        modifiers |= 1 << b;
      }
    }
    List<Integer> keys = new ArrayList<>();
    for (Usage u : data.pressed()) {
      if (u.page() == Usages.PAGE_KEYBOARD && u.id() != 0 && (u.id() < 0xE0 || u.id() > 0xE7)) {
        if (u.id() > 0xff) {
          throw new IllegalArgumentException(
              "key " + u + " has no 8-bit boot keyboard code (HID 1.11 Appendix B.1)");
        }
        keys.add(u.id());
      }
    }
    int[] out = new int[KEYBOARD_INPUT_LENGTH];
    out[0] = modifiers;
    for (int k = 0; k < 6; k++) {
      out[2 + k] = keys.size() > 6 ? ERROR_ROLL_OVER : k < keys.size() ? keys.get(k) : 0;
    }
    return Bytes.of(out);
  }

  /** The 3-octet boot mouse report for {@code data}. */
  public static Bytes mouse(ReportData data) {
    int buttons = 0;
    for (int b = 0; b < 3; b++) {
      if (on(data, new Usage(Usages.PAGE_BUTTON, 1 + b))) {
        buttons |= 1 << b;
      }
    }
    return Bytes.of(buttons, clamp(data, Usages.X) & 0xff, clamp(data, Usages.Y) & 0xff);
  }

  private static boolean on(ReportData data, Usage u) {
    return data.pressed().contains(u) || data.get(u).map(v -> v != 0).orElse(false);
  }

  private static int clamp(ReportData data, Usage axis) {
    long v = data.get(axis).orElse(0L);
    return (int) Math.max(-127, Math.min(127, v));
  }
}
