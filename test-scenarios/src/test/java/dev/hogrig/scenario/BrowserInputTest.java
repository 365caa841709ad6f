package dev.hogrig.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableList;
import dev.hogrig.lab.InputEvent;
import dev.hogrig.probe.ProbeEvent;
import dev.hogrig.probe.ReceivedEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Browser events restated as evdev events. Expected numbers are linux/input-event-codes.h's (uapi,
 * Linux 6.1): EV_SYN 0, EV_KEY 1, EV_REL 2; KEY_1 2, KEY_I 23, KEY_H 35, KEY_A 30, KEY_LEFTSHIFT
 * 42, KEY_RIGHTALT 100, KEY_KPENTER 96, KEY_102ND 86; BTN_LEFT 0x110, BTN_RIGHT 0x111, BTN_MIDDLE
 * 0x112; REL_X 0, REL_Y 1, REL_HWHEEL 6, REL_WHEEL 8, REL_WHEEL_HI_RES 11, REL_HWHEEL_HI_RES 12.
 */
class BrowserInputTest {
  static final int EV_SYN = 0;
  static final int EV_KEY = 1;
  static final int EV_REL = 2;
  static final Instant T = Instant.parse("2026-11-23T20:00:00.123456Z");
  static final ProbeEvent.Modifiers SHIFT = new ProbeEvent.Modifiers(true, false, false, false);

  static ReceivedEvent at(ProbeEvent e) {
    return new ReceivedEvent("s1", e, T, true);
  }

  static ReceivedEvent key(String type, String key, String code, boolean shift) {
    return at(
        new ProbeEvent.Key(
            type, 0, key, code, shift ? SHIFT : ProbeEvent.Modifiers.NONE, false, 0));
  }

  static ReceivedEvent pointer(String type, double mx, double my, int button, int buttons) {
    return at(
        new ProbeEvent.Pointer(
            type, 0, mx, my, 0, 0, button, buttons, "mouse", 1, false, ProbeEvent.Modifiers.NONE));
  }

  static ReceivedEvent wheel(double dx, double dy, int mode) {
    return at(new ProbeEvent.Wheel("wheel", 0, dx, dy, 0, mode, 0, 0, ProbeEvent.Modifiers.NONE));
  }

  /** type code value triples, SYN_REPORTs left out. */
  static List<String> triples(List<InputEvent> events) {
    List<String> out = new ArrayList<>();
    for (InputEvent e : events) {
      if (e.type() != EV_SYN) {
        out.add(e.type() + " " + e.code() + " " + e.value());
      }
    }
    return out;
  }

  @ParameterizedTest
  @CsvSource({
    "KeyA, 30",
    "KeyH, 35",
    "KeyI, 23",
    "Digit1, 2",
    "ShiftLeft, 42",
    "AltRight, 100",
    "NumpadEnter, 96",
    "IntlBackslash, 86"
  })
  void keyCodesAreTheHeadersNumbers(String code, int evdev) {
    assertEquals(evdev, BrowserInput.keyCode(code).orElseThrow().code());
    assertEquals(EV_KEY, BrowserInput.keyCode(code).orElseThrow().type());
  }

  @Test
  void unknownOrEmptyCodesAreLeftOut() {
    assertEquals(Optional.empty(), BrowserInput.keyCode(""));
    assertEquals(
        List.of(), new BrowserInput().toEvdev(List.of(key("keydown", "Unidentified", "", false))));
  }

  @Test
  void hiBangTypesAsOnLinux() {
    List<ReceivedEvent> in =
        List.of(
            key("keydown", "Shift", "ShiftLeft", true),
            key("keydown", "H", "KeyH", true),
            key("keyup", "H", "KeyH", true),
            key("keyup", "Shift", "ShiftLeft", false),
            key("keydown", "i", "KeyI", false),
            key("keyup", "i", "KeyI", false),
            key("keydown", "Shift", "ShiftLeft", true),
            key("keydown", "!", "Digit1", true),
            key("keyup", "!", "Digit1", true),
            key("keyup", "Shift", "ShiftLeft", false));
    ImmutableList<InputEvent> out = new BrowserInput().toEvdev(in);
    assertEquals(
        List.of(
            "1 42 1", "1 35 1", "1 35 0", "1 42 0", "1 23 1", "1 23 0", "1 42 1", "1 2 1", "1 2 0",
            "1 42 0"),
        triples(out));
    // Each key event is its own frame, as evdev frames them.
    assertEquals(20, out.size());
    assertEquals(new InputEvent(T.getEpochSecond(), 123456, EV_KEY, 42, 1), out.get(0));
    // And the scenario runner's own reader sees the text.
    assertEquals("Hi!", EvdevText.decode(out));
  }

  @Test
  void autorepeatIsValueTwo() {
    ReceivedEvent repeat =
        at(new ProbeEvent.Key("keydown", 0, "a", "KeyA", ProbeEvent.Modifiers.NONE, true, 0));
    assertEquals(List.of("1 30 2"), triples(new BrowserInput().toEvdev(List.of(repeat))));
  }

  @Test
  void movementAndButtons() {
    List<ReceivedEvent> in =
        List.of(
            pointer("pointermove", 3, -2, -1, 0),
            pointer("pointerdown", 0, 0, 0, 1),
            // A chorded press of the secondary button fires pointermove, not pointerdown.
            pointer("pointermove", 0, 0, 2, 3),
            pointer("pointermove", 0, 0, 2, 1),
            pointer("pointerup", 0, 0, 0, 0),
            pointer("pointerdown", 0, 0, 1, 4),
            pointer("pointerup", 0, 0, 1, 0));
    assertEquals(
        List.of(
            "2 0 3", "2 1 -2", "1 272 1", "1 273 1", "1 273 0", "1 272 0", "1 274 1", "1 274 0"),
        triples(new BrowserInput().toEvdev(in)));
  }

  @Test
  void fractionalMovementCarriesItsRemainder() {
    List<ReceivedEvent> in = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      in.add(pointer("pointermove", 0.5, 0, -1, 0));
    }
    long sum =
        new BrowserInput()
            .toEvdev(in).stream()
                .filter(e -> e.type() == EV_REL)
                .mapToLong(InputEvent::value)
                .sum();
    assertEquals(2, sum);
  }

  @Test
  void withoutMovementThePositionCounts() {
    List<ReceivedEvent> in =
        List.of(
            at(
                new ProbeEvent.Pointer(
                    "pointermove",
                    0,
                    0,
                    0,
                    100,
                    50,
                    -1,
                    0,
                    "mouse",
                    1,
                    false,
                    ProbeEvent.Modifiers.NONE)),
            at(
                new ProbeEvent.Pointer(
                    "pointermove",
                    0,
                    0,
                    0,
                    104,
                    47,
                    -1,
                    0,
                    "mouse",
                    1,
                    false,
                    ProbeEvent.Modifiers.NONE)));
    assertEquals(List.of("2 0 4", "2 1 -3"), triples(new BrowserInput().toEvdev(in)));
  }

  @Test
  void touchPointersAreLeftToTouchEvents() {
    ReceivedEvent touch =
        at(
            new ProbeEvent.Pointer(
                "pointermove", 0, 5, 5, 0, 0, -1, 1, "touch", 2, false, ProbeEvent.Modifiers.NONE));
    assertEquals(List.of(), new BrowserInput().toEvdev(List.of(touch)));
  }

  @Test
  void wheelSignsFollowEvdev() {
    // DOM deltaY > 0 scrolls down; evdev REL_WHEEL > 0 is the wheel turned away (scroll up).
    // 100 px per notch: deltaY 200 is two notches down, deltaX -100 one notch left.
    assertEquals(
        List.of("2 8 -2", "2 11 -240", "2 6 -1", "2 12 -120"),
        triples(new BrowserInput(100).toEvdev(List.of(wheel(-100, 200, 0)))));
    // Lines (Firefox): 3 lines a notch; pages: one notch a page.
    assertEquals(
        List.of("2 8 1", "2 11 120"),
        triples(new BrowserInput().toEvdev(List.of(wheel(0, -3, 1)))));
    assertEquals(
        List.of("2 6 1", "2 12 120"), triples(new BrowserInput().toEvdev(List.of(wheel(1, 0, 2)))));
  }

  @Test
  void smallScrollsAddUpToNotches() {
    // A touchpad: ten 10 px scrolls down are one notch at 100 px, seen in hi-res at once.
    List<ReceivedEvent> in = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      in.add(wheel(0, 10, 0));
    }
    List<InputEvent> out = new BrowserInput().toEvdev(in);
    assertEquals(
        -1,
        out.stream()
            .filter(e -> e.type() == EV_REL && e.code() == 8)
            .mapToLong(InputEvent::value)
            .sum());
    assertEquals(
        -120,
        out.stream()
            .filter(e -> e.type() == EV_REL && e.code() == 11)
            .mapToLong(InputEvent::value)
            .sum());
  }

  @Test
  void pixelsPerNotchMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> new BrowserInput(0));
  }
}
