package dev.hogrig.lab;

/**
 * One evdev event ({@code struct input_event}, linux/input.h) as {@code evemu-record} printed it:
 * {@code E: <sec>.<usec> <type hex> <code hex> <value>}.
 *
 * @param sec seconds of the event's timestamp (evemu-record: relative to its first event)
 * @param usec microseconds, 0..999999
 * @param type event type ({@link InputEventCodes#EV_KEY} ...)
 * @param code event code
 * @param value event value (key: 1 press, 0 release, 2 autorepeat; rel: delta; abs: position)
 */
public record InputEvent(long sec, int usec, int type, int code, int value) {
  /** Type and code together. */
  public EventCode eventCode() {
    return new EventCode(type, code);
  }

  /** Whether this event is {@code code} (any value). */
  public boolean is(EventCode code) {
    return type == code.type() && this.code == code.code();
  }

  /** The timestamp in microseconds. */
  public long timeMicros() {
    return sec * 1_000_000L + usec;
  }

  /** E.g. {@code 0.000123 EV_KEY KEY_A 1}. */
  @Override
  public String toString() {
    return String.format(
        "%d.%06d %s %s %d",
        sec, usec, InputEventCodes.typeName(type), InputEventCodes.codeName(type, code), value);
  }
}
