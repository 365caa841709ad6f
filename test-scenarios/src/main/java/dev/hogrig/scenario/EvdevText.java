package dev.hogrig.scenario;

import com.google.common.collect.ImmutableMap;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.lab.InputEventCodes;
import java.util.List;

/**
 * What a person would have seen typed, from a Linux host's evdev key events, with the US layout the
 * Linux console and X use by default.
 *
 * <p>This is deliberately independent of the emulator's encoder (HID usages → reports): it reads
 * evdev codes (linux/input-event-codes.h names) the host's kernel produced after its own HID usage
 * → key code mapping (hid-input.c's {@code hid_keyboard[]}), so a wrong usage on our side shows up
 * as a wrong character here instead of being mapped back the same wrong way.
 *
 * <p>Only presses (value 1) produce characters; autorepeat (value 2) is ignored, because the
 * scripted typist never holds a key for the repeat delay and a repeat would be a host artefact
 * worth reporting separately. Shift is tracked from both shift keys.
 */
public final class EvdevText {
  private EvdevText() {}

  /** Key name → {unshifted, shifted} character. */
  private static final ImmutableMap<String, String> KEYS = keys();

  private static ImmutableMap<String, String> keys() {
    ImmutableMap.Builder<String, String> b = ImmutableMap.builder();
    for (char c = 'a'; c <= 'z'; c++) {
      b.put("KEY_" + Character.toUpperCase(c), "" + c + Character.toUpperCase(c));
    }
    String shiftedDigits = ")!@#$%^&*(";
    for (int d = 0; d <= 9; d++) {
      b.put("KEY_" + d, "" + d + shiftedDigits.charAt(d));
    }
    b.put("KEY_SPACE", "  ");
    b.put("KEY_ENTER", "\n\n");
    b.put("KEY_TAB", "\t\t");
    b.put("KEY_MINUS", "-_");
    b.put("KEY_EQUAL", "=+");
    b.put("KEY_LEFTBRACE", "[{");
    b.put("KEY_RIGHTBRACE", "]}");
    b.put("KEY_BACKSLASH", "\\|");
    b.put("KEY_SEMICOLON", ";:");
    b.put("KEY_APOSTROPHE", "'\"");
    b.put("KEY_GRAVE", "`~");
    b.put("KEY_COMMA", ",<");
    b.put("KEY_DOT", ".>");
    b.put("KEY_SLASH", "/?");
    return b.buildOrThrow();
  }

  /**
   * The text typed by {@code events}; keys without a character (arrows, function keys, Caps Lock)
   * are left out, and Backspace removes the last character as an editor would.
   */
  public static String decode(List<InputEvent> events) {
    StringBuilder out = new StringBuilder();
    boolean leftShift = false;
    boolean rightShift = false;
    for (InputEvent e : events) {
      if (e.type() != InputEventCodes.EV_KEY) {
        continue;
      }
      String name = e.eventCode().name();
      switch (name) {
        case "KEY_LEFTSHIFT" -> leftShift = e.value() != 0;
        case "KEY_RIGHTSHIFT" -> rightShift = e.value() != 0;
        case "KEY_BACKSPACE" -> {
          if (e.value() == 1 && out.length() > 0) {
            out.setLength(out.length() - 1);
          }
        }
        default -> {
          String chars = KEYS.get(name);
          if (chars != null && e.value() == 1) {
            out.append(chars.charAt(leftShift || rightShift ? 1 : 0));
          }
        }
      }
    }
    return out.toString();
  }
}
