package dev.hogrig.scenario;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import dev.hogrig.lab.EventCode;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.lab.InputEventCodes;
import dev.hogrig.probe.ProbeEvent;
import dev.hogrig.probe.ReceivedEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Browser events from the probe, restated as the evdev events a Linux host would have produced
 * (linux/input-event-codes.h names), so that {@link HostExpectations} ({@code typed}, {@code
 * produced}, {@code summed}, {@code pointerMoved}, {@code scrolled}) read a Mac or an iPad the same
 * way as the lab's Linux host.
 *
 * <ul>
 *   <li><b>Keys</b>: {@code KeyboardEvent.code} (UI Events KeyboardEvent code Values, W3C) names
 *       the physical key, like an evdev code does: {@code "KeyA"} → {@code KEY_A}, {@code
 *       "ShiftLeft"} → {@code KEY_LEFTSHIFT}, {@code "Digit1"} → {@code KEY_1}. keydown → value 1
 *       (2 when {@code repeat}), keyup → 0. A code with no evdev counterpart here (or empty, as
 *       virtual keyboards send) is left out.
 *   <li><b>Pointer</b> ({@code pointerType} mouse or pen): {@code movementX/Y} → {@code
 *       REL_X/REL_Y} (both grow rightwards and downwards), rounded with the remainder carried; an
 *       event with no movement but a new position (a browser without {@code movementX}) counts the
 *       change of {@code clientX/Y}. This is movement <em>after</em> the host's pointer
 *       acceleration and in CSS pixels, so it equals the HID report's counts only with acceleration
 *       off and a device pixel ratio of 1; direction is always right. Buttons come from changes of
 *       the {@code buttons} mask (UI Events §3.4.3: bit 0 primary → {@code BTN_LEFT}, bit 1
 *       secondary → {@code BTN_RIGHT}, bit 2 auxiliary → {@code BTN_MIDDLE}, bit 3 → {@code
 *       BTN_SIDE}, bit 4 → {@code BTN_EXTRA}), which catches chorded presses that fire no
 *       pointerdown. Touch pointers are left to the touch events.
 *   <li><b>Wheel</b>: evdev's {@code REL_WHEEL} is positive when the wheel turns away from the user
 *       (content scrolls up), while the DOM's {@code deltaY} is positive scrolling down; so {@code
 *       REL_WHEEL = −deltaY} and {@code REL_HWHEEL = +deltaX} (both positive rightwards), in
 *       notches: lines / {@value #LINES_PER_NOTCH} (deltaMode 1, Firefox and Windows scroll 3 lines
 *       per notch), pages (deltaMode 2), or pixels / {@link #pixelsPerNotch} (deltaMode 0; 100 by
 *       default, Chrome on Windows at 100 % scale: 3 lines of 100/3 px), remainders carried. {@code
 *       REL_WHEEL_HI_RES}/{@code REL_HWHEEL_HI_RES} carry 120 per notch, as Linux does. Touchpads
 *       scroll in pixels, so their "notches" are only a measure of distance.
 * </ul>
 *
 * Each translated event is followed by a {@code SYN_REPORT}, as evdev frames them, and stamped with
 * the event's time on the rig's clock.
 */
public final class BrowserInput {
  /** Lines per wheel notch, for deltaMode 1. */
  public static final int LINES_PER_NOTCH = 3;

  /** Linux's hi-res wheel unit: 120 per notch (linux/input-event-codes.h, REL_WHEEL_HI_RES). */
  public static final int HI_RES_PER_NOTCH = 120;

  private final double pixelsPerNotch;

  /** Chrome on Windows: 100 px per notch. */
  public BrowserInput() {
    this(100);
  }

  public BrowserInput(double pixelsPerNotch) {
    if (!(pixelsPerNotch > 0)) {
      throw new IllegalArgumentException("pixels per notch must be positive: " + pixelsPerNotch);
    }
    this.pixelsPerNotch = pixelsPerNotch;
  }

  public double pixelsPerNotch() {
    return pixelsPerNotch;
  }

  /** UI Events code value → linux/input-event-codes.h name. */
  static final ImmutableMap<String, String> KEYS = keys();

  private static ImmutableMap<String, String> keys() {
    ImmutableMap.Builder<String, String> b = ImmutableMap.builder();
    for (char c = 'A'; c <= 'Z'; c++) {
      b.put("Key" + c, "KEY_" + c);
    }
    for (int d = 0; d <= 9; d++) {
      b.put("Digit" + d, "KEY_" + d);
      b.put("Numpad" + d, "KEY_KP" + d);
    }
    for (int f = 1; f <= 24; f++) {
      b.put("F" + f, "KEY_F" + f);
    }
    String[][] pairs = {
      {"Enter", "KEY_ENTER"},
      {"Space", "KEY_SPACE"},
      {"Tab", "KEY_TAB"},
      {"Backspace", "KEY_BACKSPACE"},
      {"Escape", "KEY_ESC"},
      {"Minus", "KEY_MINUS"},
      {"Equal", "KEY_EQUAL"},
      {"BracketLeft", "KEY_LEFTBRACE"},
      {"BracketRight", "KEY_RIGHTBRACE"},
      {"Backslash", "KEY_BACKSLASH"},
      {"Semicolon", "KEY_SEMICOLON"},
      {"Quote", "KEY_APOSTROPHE"},
      {"Backquote", "KEY_GRAVE"},
      {"Comma", "KEY_COMMA"},
      {"Period", "KEY_DOT"},
      {"Slash", "KEY_SLASH"},
      {"CapsLock", "KEY_CAPSLOCK"},
      {"IntlBackslash", "KEY_102ND"},
      {"ShiftLeft", "KEY_LEFTSHIFT"},
      {"ShiftRight", "KEY_RIGHTSHIFT"},
      {"ControlLeft", "KEY_LEFTCTRL"},
      {"ControlRight", "KEY_RIGHTCTRL"},
      {"AltLeft", "KEY_LEFTALT"},
      {"AltRight", "KEY_RIGHTALT"},
      {"MetaLeft", "KEY_LEFTMETA"},
      {"MetaRight", "KEY_RIGHTMETA"},
      {"ContextMenu", "KEY_COMPOSE"},
      {"ArrowUp", "KEY_UP"},
      {"ArrowDown", "KEY_DOWN"},
      {"ArrowLeft", "KEY_LEFT"},
      {"ArrowRight", "KEY_RIGHT"},
      {"Home", "KEY_HOME"},
      {"End", "KEY_END"},
      {"PageUp", "KEY_PAGEUP"},
      {"PageDown", "KEY_PAGEDOWN"},
      {"Insert", "KEY_INSERT"},
      {"Delete", "KEY_DELETE"},
      {"PrintScreen", "KEY_SYSRQ"},
      {"ScrollLock", "KEY_SCROLLLOCK"},
      {"Pause", "KEY_PAUSE"},
      {"NumLock", "KEY_NUMLOCK"},
      {"NumpadAdd", "KEY_KPPLUS"},
      {"NumpadSubtract", "KEY_KPMINUS"},
      {"NumpadMultiply", "KEY_KPASTERISK"},
      {"NumpadDivide", "KEY_KPSLASH"},
      {"NumpadEnter", "KEY_KPENTER"},
      {"NumpadDecimal", "KEY_KPDOT"},
      {"NumpadEqual", "KEY_KPEQUAL"},
      {"AudioVolumeMute", "KEY_MUTE"},
      {"AudioVolumeDown", "KEY_VOLUMEDOWN"},
      {"AudioVolumeUp", "KEY_VOLUMEUP"},
      {"MediaPlayPause", "KEY_PLAYPAUSE"},
      {"MediaTrackNext", "KEY_NEXTSONG"},
      {"MediaTrackPrevious", "KEY_PREVIOUSSONG"},
      {"MediaStop", "KEY_STOPCD"}
    };
    for (String[] p : pairs) {
      b.put(p[0], p[1]);
    }
    return b.buildOrThrow();
  }

  /** Bits of {@code PointerEvent.buttons} → evdev button names (UI Events §3.4.3). */
  static final ImmutableList<String> BUTTONS =
      ImmutableList.of("BTN_LEFT", "BTN_RIGHT", "BTN_MIDDLE", "BTN_SIDE", "BTN_EXTRA");

  /** The evdev code for a KeyboardEvent code value, if this table has one. */
  public static Optional<EventCode> keyCode(String code) {
    String name = KEYS.get(code);
    return name == null ? Optional.empty() : Optional.of(EventCode.of(name));
  }

  /** Translates {@code events}, oldest first; state (buttons held, remainders) starts empty. */
  public ImmutableList<InputEvent> toEvdev(List<ReceivedEvent> events) {
    ImmutableList.Builder<InputEvent> out = ImmutableList.builder();
    int buttons = 0;
    double restX = 0;
    double restY = 0;
    double restWheel = 0;
    double restHWheel = 0;
    double restHiWheel = 0;
    double restHiHWheel = 0;
    ProbeEvent.Pointer last = null;
    for (ReceivedEvent r : events) {
      Instant t = r.rigTime();
      ProbeEvent e = r.event();
      if (e instanceof ProbeEvent.Key k) {
        Optional<EventCode> code = keyCode(k.code());
        if (code.isPresent()) {
          emit(out, t, code.get(), k.down() ? (k.repeat() ? 2 : 1) : 0);
        }
      } else if (e instanceof ProbeEvent.Pointer p && !p.pointerType().equals("touch")) {
        double mx = p.movementX();
        double my = p.movementY();
        if (mx == 0 && my == 0 && last != null) {
          // A browser that reports no movement (0 always): the change of position instead.
          mx = p.clientX() - last.clientX();
          my = p.clientY() - last.clientY();
        }
        last = p;
        restX += mx;
        restY += my;
        long dx = Math.round(restX);
        long dy = Math.round(restY);
        restX -= dx;
        restY -= dy;
        boolean moved = false;
        if (dx != 0) {
          out.add(event(t, EventCode.of("REL_X"), (int) dx));
          moved = true;
        }
        if (dy != 0) {
          out.add(event(t, EventCode.of("REL_Y"), (int) dy));
          moved = true;
        }
        if (moved) {
          out.add(event(t, EventCode.SYN_REPORT, 0));
        }
        int now = p.buttons();
        for (int bit = 0; bit < BUTTONS.size(); bit++) {
          int mask = 1 << bit;
          if ((buttons & mask) != (now & mask)) {
            emit(out, t, EventCode.of(BUTTONS.get(bit)), (now & mask) != 0 ? 1 : 0);
          }
        }
        buttons = now;
      } else if (e instanceof ProbeEvent.Wheel w) {
        double scale =
            switch (w.deltaMode()) {
              case ProbeEvent.Wheel.DOM_DELTA_LINE -> 1.0 / LINES_PER_NOTCH;
              case ProbeEvent.Wheel.DOM_DELTA_PAGE -> 1.0;
              default -> 1.0 / pixelsPerNotch;
            };
        double notchesY = -w.deltaY() * scale;
        double notchesX = w.deltaX() * scale;
        restWheel += notchesY;
        restHWheel += notchesX;
        restHiWheel += notchesY * HI_RES_PER_NOTCH;
        restHiHWheel += notchesX * HI_RES_PER_NOTCH;
        // Towards zero: a notch only once it is whole (within rounding: ten 0.1s are one).
        long wheel = whole(restWheel);
        long hwheel = whole(restHWheel);
        long hi = Math.round(restHiWheel);
        long hhi = Math.round(restHiHWheel);
        restWheel -= wheel;
        restHWheel -= hwheel;
        restHiWheel -= hi;
        restHiHWheel -= hhi;
        boolean any = false;
        if (wheel != 0) {
          out.add(event(t, EventCode.of("REL_WHEEL"), (int) wheel));
          any = true;
        }
        if (hi != 0) {
          out.add(event(t, EventCode.of("REL_WHEEL_HI_RES"), (int) hi));
          any = true;
        }
        if (hwheel != 0) {
          out.add(event(t, EventCode.of("REL_HWHEEL"), (int) hwheel));
          any = true;
        }
        if (hhi != 0) {
          out.add(event(t, EventCode.of("REL_HWHEEL_HI_RES"), (int) hhi));
          any = true;
        }
        if (any) {
          out.add(event(t, EventCode.SYN_REPORT, 0));
        }
      }
    }
    return out.build();
  }

  private static long whole(double notches) {
    return (long) (notches + Math.copySign(1e-9, notches));
  }

  private static void emit(ImmutableList.Builder<InputEvent> out, Instant t, EventCode c, int v) {
    out.add(event(t, c, v));
    out.add(event(t, EventCode.SYN_REPORT, 0));
  }

  private static InputEvent event(Instant t, EventCode c, int value) {
    return new InputEvent(t.getEpochSecond(), t.getNano() / 1000, c.type(), c.code(), value);
  }

  /** Whether {@code e} is a key event ({@link InputEventCodes#EV_KEY}). */
  static boolean isKey(InputEvent e) {
    return e.type() == InputEventCodes.EV_KEY;
  }
}
