package dev.hogrig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Names against values of linux/input-event-codes.h (Linux 6.1 uapi), e.g. {@code #define KEY_A
 * 30}, {@code #define BTN_MOUSE 0x110} followed by {@code #define BTN_LEFT 0x110}, {@code #define
 * REL_WHEEL_HI_RES 0x0b}, {@code #define ABS_MT_SLOT 0x2f}, {@code #define INPUT_PROP_BUTTONPAD
 * 0x02}.
 */
class InputEventCodesTest {
  @Test
  void namesResolveToTheHeadersTypeAndCode() {
    assertEquals(new EventCode(1, 30), EventCode.of("KEY_A"));
    assertEquals(new EventCode(1, 0x110), EventCode.of("BTN_LEFT"));
    assertEquals(new EventCode(1, 0x14d), EventCode.of("BTN_TOOL_DOUBLETAP"));
    assertEquals(new EventCode(2, 0x00), EventCode.of("REL_X"));
    assertEquals(new EventCode(2, 0x06), EventCode.of("REL_HWHEEL"));
    assertEquals(new EventCode(2, 0x08), EventCode.of("REL_WHEEL"));
    assertEquals(new EventCode(2, 0x0b), EventCode.of("REL_WHEEL_HI_RES"));
    assertEquals(new EventCode(3, 0x2f), EventCode.of("ABS_MT_SLOT"));
    assertEquals(new EventCode(3, 0x35), EventCode.of("ABS_MT_POSITION_X"));
    assertEquals(new EventCode(3, 0x39), EventCode.of("ABS_MT_TRACKING_ID"));
    assertEquals(new EventCode(4, 0x04), EventCode.of("MSC_SCAN"));
    assertEquals(new EventCode(0, 0), EventCode.SYN_REPORT);
    assertEquals(3, InputEventCodes.type("EV_ABS"));
    assertEquals(2, InputEventCodes.prop("INPUT_PROP_BUTTONPAD"));
  }

  @Test
  void aValueWithSeveralNamesPrintsAsTheSpecificNameNotTheRangeStart() {
    // The header defines BTN_MOUSE (range start) then BTN_LEFT at 0x110; BTN_MISC then BTN_0 at
    // 0x100; BTN_GAMEPAD then BTN_SOUTH at 0x130, and BTN_A as an alias of BTN_SOUTH.
    assertEquals("BTN_LEFT", new EventCode(1, 0x110).name());
    assertEquals("BTN_0", new EventCode(1, 0x100).name());
    assertEquals("BTN_SOUTH", new EventCode(1, 0x130).name());
    assertEquals("KEY_HANGEUL", new EventCode(1, 122).name()); // KEY_HANGUEL is an alias
    assertEquals(EventCode.of("BTN_LEFT"), EventCode.of("BTN_MOUSE"));
    assertEquals(EventCode.of("BTN_SOUTH"), EventCode.of("BTN_A"));
  }

  @Test
  void typesAndPropertiesHaveNames() {
    assertEquals("EV_SYN", InputEventCodes.typeName(0));
    assertEquals("EV_KEY", InputEventCodes.typeName(1));
    assertEquals("EV_LED", InputEventCodes.typeName(0x11));
    assertEquals("INPUT_PROP_POINTER", InputEventCodes.propName(0));
    assertEquals("INPUT_PROP_DIRECT", InputEventCodes.propName(1));
    assertEquals("INPUT_PROP_BUTTONPAD", InputEventCodes.propName(2));
    assertEquals("SYN_REPORT", EventCode.SYN_REPORT.toString());
  }

  @Test
  void unnamedCodesPrintTypeAndHexAndUnknownNamesAreRejected() {
    // Nothing is defined at EV_KEY 0x2f0 (after BTN_TRIGGER_HAPPY40 = 0x2e7, before KEY_MAX).
    assertEquals("EV_KEY:0x2f0", new EventCode(1, 0x2f0).name());
    assertEquals("EV_0x1f", InputEventCodes.typeName(0x1f));
    LabException e = assertThrows(LabException.class, () -> EventCode.of("KEY_NOPE"));
    assertTrue(e.getMessage().contains("KEY_NOPE"), e.getMessage());
    assertThrows(LabException.class, () -> InputEventCodes.prop("INPUT_PROP_NOPE"));
  }

  @Test
  void boundsAreNotCodes() {
    // KEY_MAX / ABS_CNT are limits, not events: the table leaves them out.
    assertThrows(LabException.class, () -> EventCode.of("KEY_MAX"));
    assertThrows(LabException.class, () -> EventCode.of("ABS_CNT"));
  }
}
