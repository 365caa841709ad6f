package dev.hogrig.cli;

import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.hid.Field;
import dev.hogrig.hid.Report;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code hogrig emulate --stdin}: commands read line by line that make the emulated device act.
 *
 * <pre>
 *   type TEXT      press and release each character (US layout) on the keyboard input report
 *   battery N      set the Battery Level to N % (0..100) and notify it
 *   help           list the commands
 * </pre>
 *
 * What goes out shows in the live view as {@code notify} lines (the device's own events); this
 * class adds one {@code status} line per command. A bad command is a status line, not an exit: the
 * emulation keeps running.
 */
final class ConsoleControl {
  /** Keyboard page (HUT 1.5 §10): Left Shift. */
  static final Usage LEFT_SHIFT = new Usage(Usages.PAGE_KEYBOARD, 0xE1);

  private static final String DIGITS = "1234567890";
  // US layout, HUT 1.5 §10: 0x2C Space, 0x2D -_, 0x2E =+, 0x2F [{, 0x30 ]}, 0x31 \|, 0x33 ;:,
  // 0x34 '", 0x35 `~, 0x36 ,<, 0x37 .>, 0x38 /?.
  private static final String PLAIN = " -=[]\\;'`,./";
  private static final String SHIFTED = " _+{}|:\"~<>?";
  private static final int[] PUNCTUATION = {
    0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38
  };

  private final HogpDevice device;
  private final LiveView view;
  private final Clock clock;

  ConsoleControl(HogpDevice device, LiveView view, Clock clock) {
    this.device = device;
    this.view = view;
    this.clock = clock;
  }

  /** A key and whether Shift goes with it. */
  record Stroke(Usage key, boolean shift) {}

  /**
   * The key that types {@code c} on a US keyboard (HUT 1.5 §10: a..z 0x04..0x1D, 1..9 0x1E..0x26, 0
   * 0x27, Enter 0x28, Tab 0x2B), or empty when there is none.
   */
  static Optional<Stroke> stroke(char c) {
    if (c >= 'a' && c <= 'z') {
      return key(0x04 + (c - 'a'), false);
    }
    if (c >= 'A' && c <= 'Z') {
      return key(0x04 + (c - 'A'), true);
    }
    int d = DIGITS.indexOf(c);
    if (d >= 0) {
      return key(0x1E + d, false);
    }
    d = "!@#$%^&*()".indexOf(c);
    if (d >= 0) {
      return key(0x1E + d, true);
    }
    if (c == '\n') {
      return key(0x28, false);
    }
    if (c == '\t') {
      return key(0x2B, false);
    }
    int p = PLAIN.indexOf(c);
    if (p >= 0) {
      return key(PUNCTUATION[p], false);
    }
    p = SHIFTED.indexOf(c);
    if (p > 0) {
      return key(PUNCTUATION[p], true);
    }
    return Optional.empty();
  }

  private static Optional<Stroke> key(int id, boolean shift) {
    return Optional.of(new Stroke(new Usage(Usages.PAGE_KEYBOARD, id), shift));
  }

  /** Runs one command line. */
  void handle(String line) {
    String l = line.strip();
    if (l.isEmpty()) {
      return;
    }
    int space = l.indexOf(' ');
    String command = space < 0 ? l : l.substring(0, space);
    String arg = space < 0 ? "" : line.strip().substring(space + 1);
    switch (command) {
      case "type" -> type(arg);
      case "battery" -> battery(arg);
      case "help" -> status("commands: type TEXT (US layout), battery 0..100, help");
      default -> status("unknown command '" + command + "' (try: help)");
    }
  }

  private void type(String text) {
    if (text.isEmpty()) {
      status("type: nothing to type (type TEXT)");
      return;
    }
    Optional<Report> keyboard = keyboardReport();
    if (keyboard.isEmpty()) {
      status("type: " + device.profile().name() + " has no keyboard input report");
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      if (stroke(text.charAt(i)).isEmpty()) {
        status("type: no US key types '" + text.charAt(i) + "' (position " + (i + 1) + ")");
        return;
      }
    }
    int id = keyboard.get().id();
    int sent = 0;
    for (int i = 0; i < text.length(); i++) {
      Stroke s = stroke(text.charAt(i)).orElseThrow();
      ReportData press = new ReportData().press(s.key());
      if (s.shift()) {
        press.press(LEFT_SHIFT);
      }
      sent += device.sendInput(ReportType.INPUT, id, press).isPresent() ? 1 : 0;
      sent += device.sendInput(ReportType.INPUT, id, new ReportData()).isPresent() ? 1 : 0;
    }
    status("typed \"" + text + "\": " + sent + " reports sent (press and release per character)");
  }

  private void battery(String arg) {
    int level;
    try {
      level = Integer.parseInt(arg.strip());
    } catch (NumberFormatException e) {
      status("battery: '" + arg + "' is not a number (battery 0..100)");
      return;
    }
    if (level < 0 || level > 100) {
      status("battery: " + level + " is outside 0..100");
      return;
    }
    device.setBatteryLevel(level);
    status("battery level " + level + " %");
  }

  /** The first input report with a field that declares the Keyboard page's 'a' (0x04). */
  private Optional<Report> keyboardReport() {
    Usage a = new Usage(Usages.PAGE_KEYBOARD, 0x04);
    for (Report r : device.profile().descriptor().reports()) {
      if (r.type() != ReportType.INPUT) {
        continue;
      }
      for (Field f : r.fields()) {
        if (f.declaresUsage(a)) {
          return Optional.of(r);
        }
      }
    }
    return Optional.empty();
  }

  private void status(String message) {
    view.status(clock.instant(), message);
  }
}
