package dev.hogrig.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogrig.lab.EventCode;
import dev.hogrig.lab.InputEvent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Expected characters from the US layout (what Linux's default keymap prints for each key); key
 * codes by their linux/input-event-codes.h names.
 */
class EvdevTextTest {
  private final List<InputEvent> events = new ArrayList<>();
  private long t;

  private void key(String name, int value) {
    EventCode c = EventCode.of(name);
    t += 1000;
    events.add(new InputEvent(t / 1_000_000, (int) (t % 1_000_000), c.type(), c.code(), value));
    events.add(new InputEvent(t / 1_000_000, (int) (t % 1_000_000), 0, 0, 0)); // SYN_REPORT
  }

  private void tap(String name) {
    key(name, 1);
    key(name, 0);
  }

  @Test
  void lowerCaseLettersDigitsAndSpace() {
    tap("KEY_H");
    tap("KEY_I");
    tap("KEY_SPACE");
    tap("KEY_4");
    tap("KEY_2");
    assertEquals("hi 42", EvdevText.decode(events));
  }

  @Test
  void shiftGivesUpperCaseAndSymbols() {
    key("KEY_LEFTSHIFT", 1);
    tap("KEY_H");
    tap("KEY_1");
    key("KEY_LEFTSHIFT", 0);
    tap("KEY_I");
    key("KEY_RIGHTSHIFT", 1);
    tap("KEY_SLASH");
    tap("KEY_APOSTROPHE");
    key("KEY_RIGHTSHIFT", 0);
    tap("KEY_ENTER");
    assertEquals("H!i?\"\n", EvdevText.decode(events));
  }

  @Test
  void autorepeatAndReleasesTypeNothingBackspaceRemoves() {
    key("KEY_A", 1);
    key("KEY_A", 2);
    key("KEY_A", 2);
    key("KEY_A", 0);
    tap("KEY_B");
    tap("KEY_BACKSPACE");
    tap("KEY_CAPSLOCK");
    tap("KEY_C");
    assertEquals("ac", EvdevText.decode(events));
  }
}
