package dev.hogrig.replay;

import com.google.common.collect.ImmutableMap;
import java.util.Optional;

/**
 * The US keyboard layout (ANSI, as Linux's "us" keymap and Windows' "US" read it): which key of the
 * HID Keyboard/Keypad page (0x07, HUT 1.5 §10) types a character, and whether Shift is held.
 *
 * <pre>
 *   a..z   0x04..0x1D          A..Z   Shift + 0x04..0x1D
 *   1..9   0x1E..0x26   0 0x27  !@#$%^&*()  Shift + 0x1E..0x27
 *   Enter  0x28 ("\n")  Tab 0x2B ("\t")  Space 0x2C  Backspace 0x2A ("\b")  Escape 0x29 (U+001B)
 *   - =  [ ]  \  ;  '  `  , . /     0x2D 0x2E 0x2F 0x30 0x31 0x33 0x34 0x35 0x36 0x37 0x38
 *   _ +  { }  |  :  "  ~  &lt; &gt; ?     the same keys with Shift
 * </pre>
 *
 * Key 0x32 (Non-US # and ~) is not on a US keyboard and is never used.
 */
public final class UsLayout {
  private UsLayout() {}

  /** Keyboard page usage ID of Left Shift (HUT 1.5 §10: 0xE1). */
  public static final int LEFT_SHIFT = 0xE1;

  /**
   * One key press that types a character.
   *
   * @param key usage ID on the Keyboard/Keypad page 0x07
   * @param shift true when Left Shift is held with it
   */
  public record KeyStroke(int key, boolean shift) {}

  private static final ImmutableMap<Character, KeyStroke> TABLE = build();

  /** The key stroke that types {@code c}, empty when a US keyboard has no key for it. */
  public static Optional<KeyStroke> stroke(char c) {
    return Optional.ofNullable(TABLE.get(c));
  }

  private static ImmutableMap<Character, KeyStroke> build() {
    ImmutableMap.Builder<Character, KeyStroke> b = ImmutableMap.builder();
    for (char c = 'a'; c <= 'z'; c++) {
      b.put(c, new KeyStroke(0x04 + (c - 'a'), false));
      b.put(Character.toUpperCase(c), new KeyStroke(0x04 + (c - 'a'), true));
    }
    String digits = "1234567890";
    String shifted = "!@#$%^&*()";
    for (int i = 0; i < digits.length(); i++) {
      b.put(digits.charAt(i), new KeyStroke(0x1E + i, false));
      b.put(shifted.charAt(i), new KeyStroke(0x1E + i, true));
    }
    b.put('\n', new KeyStroke(0x28, false));
    b.put('\u001b', new KeyStroke(0x29, false));
    b.put('\b', new KeyStroke(0x2A, false));
    b.put('\t', new KeyStroke(0x2B, false));
    b.put(' ', new KeyStroke(0x2C, false));
    String plain = "-=[]\\;'`,./";
    String upper = "_+{}|:\"~<>?";
    int[] keys = {0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38};
    for (int i = 0; i < keys.length; i++) {
      b.put(plain.charAt(i), new KeyStroke(keys[i], false));
      b.put(upper.charAt(i), new KeyStroke(keys[i], true));
    }
    return b.buildOrThrow();
  }
}
