package dev.hogrig.lab;

/**
 * One evdev event type and code, e.g. (EV_KEY, 30) = {@code KEY_A}. Names come from {@link
 * InputEventCodes} (linux/input-event-codes.h); {@link #toString()} prints the name.
 *
 * @param type the event type ({@link InputEventCodes#EV_KEY} ...)
 * @param code the code within that type
 */
public record EventCode(int type, int code) implements Comparable<EventCode> {
  public static final EventCode SYN_REPORT = new EventCode(InputEventCodes.EV_SYN, 0);
  public static final EventCode SYN_DROPPED = new EventCode(InputEventCodes.EV_SYN, 3);

  /**
   * The code called {@code name}, e.g. {@code of("ABS_MT_TRACKING_ID")}.
   *
   * @throws LabException when linux/input-event-codes.h defines no such name
   */
  public static EventCode of(String name) {
    return InputEventCodes.code(name);
  }

  /** The preferred header name, e.g. {@code BTN_LEFT} for (EV_KEY, 0x110). */
  public String name() {
    return InputEventCodes.codeName(type, code);
  }

  /** The type's name, e.g. {@code EV_KEY}. */
  public String typeName() {
    return InputEventCodes.typeName(type);
  }

  @Override
  public int compareTo(EventCode o) {
    return type != o.type ? Integer.compare(type, o.type) : Integer.compare(code, o.code);
  }

  @Override
  public String toString() {
    return name();
  }
}
