package dev.hogrig.probe;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;

/**
 * One input event as the browser on the host under test dispatched it to the probe page: what the
 * host's input stack (its HID driver, pointer acceleration, keyboard layout, gesture recogniser)
 * made of the emulated device's reports, seen through the DOM (UI Events, W3C).
 *
 * <p>Field names and values are the DOM's, unchanged: {@code code} is a UI Events KeyboardEvent
 * code value ({@code "KeyA"}, {@code "ShiftLeft"}), {@code button}/{@code buttons} follow UI Events
 * §3.4.3 (button 0 primary, 1 auxiliary, 2 secondary; buttons bit 0 primary, bit 1 secondary, bit 2
 * auxiliary, bit 3 back, bit 4 forward), {@code deltaMode} is 0 pixels, 1 lines, 2 pages (UI Events
 * §3.6 WheelEvent). Translating them into evdev terms is the scenario runner's job, not this
 * package's.
 *
 * <p>{@link #pageTime()} is the event's {@code performance.timeOrigin + event.timeStamp} in the
 * page's clock (milliseconds since the Unix epoch as the host's browser sees it); {@link
 * ReceivedEvent#rigTime()} is the same moment on the rig's clock.
 */
public sealed interface ProbeEvent {
  /** The DOM event type, e.g. {@code keydown}, {@code pointermove}. */
  String type();

  /** Milliseconds since the Unix epoch on the page's clock. */
  double pageTime();

  /** Which family this event belongs to; its wire name is the JSON {@code kind}. */
  Kind kind();

  /** The event families and the DOM types each allows. */
  enum Kind {
    KEY("key", "keydown", "keyup"),
    /** PointerEvent, or MouseEvent where a browser has no PointerEvent. */
    POINTER(
        "pointer",
        "pointermove",
        "pointerdown",
        "pointerup",
        "pointercancel",
        "mousemove",
        "mousedown",
        "mouseup"),
    WHEEL("wheel", "wheel"),
    TOUCH("touch", "touchstart", "touchmove", "touchend", "touchcancel"),
    /** Safari's non-standard GestureEvent (pinch and rotate on iPadOS and macOS). */
    GESTURE("gesture", "gesturestart", "gesturechange", "gestureend");

    private final String wire;
    private final ImmutableSet<String> types;

    Kind(String wire, String... types) {
      this.wire = wire;
      this.types = ImmutableSet.copyOf(types);
    }

    /** The JSON {@code kind} value. */
    public String wire() {
      return wire;
    }

    /** The DOM event types of this kind. */
    public ImmutableSet<String> types() {
      return types;
    }
  }

  /** The modifier state the event carries ({@code shiftKey}, {@code ctrlKey} ...). */
  record Modifiers(boolean shift, boolean ctrl, boolean alt, boolean meta) {
    public static final Modifiers NONE = new Modifiers(false, false, false, false);
  }

  /**
   * A KeyboardEvent.
   *
   * @param key the key value with layout and modifiers applied ({@code "H"}, {@code "!"}, {@code
   *     "Shift"}, {@code "Unidentified"})
   * @param code the physical key ({@code "KeyH"}, {@code "Digit1"}, {@code "ShiftLeft"}); empty
   *     when the browser does not know it (virtual keyboards)
   * @param repeat whether this keydown is an autorepeat
   * @param location 0 standard, 1 left, 2 right, 3 numpad (UI Events §3.5)
   */
  record Key(
      String type,
      double pageTime,
      String key,
      String code,
      Modifiers modifiers,
      boolean repeat,
      int location)
      implements ProbeEvent {
    @Override
    public Kind kind() {
      return Kind.KEY;
    }

    public boolean down() {
      return type.equals("keydown");
    }
  }

  /**
   * A PointerEvent (or MouseEvent).
   *
   * @param movementX horizontal movement since the previous event of this pointer, CSS pixels after
   *     the host's pointer acceleration (Pointer Lock 2.0 §5); also set under pointer lock
   * @param clientX position in the page's viewport, CSS pixels
   * @param button the button that changed: -1 none, 0 primary, 1 auxiliary, 2 secondary, 3 back, 4
   *     forward
   * @param buttons the buttons held after the event, as a bit mask (see the interface)
   * @param pointerType {@code mouse}, {@code pen}, {@code touch} (or another the browser names)
   * @param locked whether the page held pointer lock when the event arrived
   */
  record Pointer(
      String type,
      double pageTime,
      double movementX,
      double movementY,
      double clientX,
      double clientY,
      int button,
      int buttons,
      String pointerType,
      long pointerId,
      boolean locked,
      Modifiers modifiers)
      implements ProbeEvent {
    @Override
    public Kind kind() {
      return Kind.POINTER;
    }
  }

  /**
   * A WheelEvent. Signs are the DOM's: positive {@code deltaY} scrolls the content towards its end
   * (wheel turned towards the user), positive {@code deltaX} towards the right.
   *
   * @param deltaMode 0 pixels, 1 lines, 2 pages
   * @param modifiers {@code ctrl} set by Chrome and Safari for a touchpad pinch
   */
  record Wheel(
      String type,
      double pageTime,
      double deltaX,
      double deltaY,
      double deltaZ,
      int deltaMode,
      double clientX,
      double clientY,
      Modifiers modifiers)
      implements ProbeEvent {
    public static final int DOM_DELTA_PIXEL = 0;
    public static final int DOM_DELTA_LINE = 1;
    public static final int DOM_DELTA_PAGE = 2;

    @Override
    public Kind kind() {
      return Kind.WHEEL;
    }
  }

  /** One contact of a TouchEvent's {@code changedTouches}. */
  record TouchPoint(
      long id, double clientX, double clientY, double radiusX, double radiusY, double force) {}

  /**
   * A TouchEvent.
   *
   * @param touches how many contacts are on the surface after the event
   * @param changed the contacts this event is about
   */
  record Touch(String type, double pageTime, int touches, ImmutableList<TouchPoint> changed)
      implements ProbeEvent {
    @Override
    public Kind kind() {
      return Kind.TOUCH;
    }
  }

  /** Safari's GestureEvent: the pinch scale (1 at the start) and rotation in degrees. */
  record Gesture(String type, double pageTime, double scale, double rotation)
      implements ProbeEvent {
    @Override
    public Kind kind() {
      return Kind.GESTURE;
    }
  }
}
