package dev.hogrig.lab;

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * The events of one evdev frame: everything up to and including a {@code SYN_REPORT}, which the
 * kernel sends after each HID input report it processed (hid-input's {@code input_sync}). User
 * space applies a frame as one state change, so tests compare frames, not single events.
 *
 * @param events the frame's events in order, without the closing {@code SYN_REPORT}
 * @param sec seconds of the closing {@code SYN_REPORT}
 * @param usec its microseconds
 */
public record InputFrame(ImmutableList<InputEvent> events, long sec, int usec) {
  /** Every value of {@code code} in this frame, in order (a multi-touch frame repeats codes). */
  public ImmutableList<Integer> values(EventCode code) {
    return events.stream()
        .filter(e -> e.is(code))
        .map(InputEvent::value)
        .collect(ImmutableList.toImmutableList());
  }

  /** Every value of the code called {@code name}, e.g. {@code values("ABS_MT_TRACKING_ID")}. */
  public ImmutableList<Integer> values(String name) {
    return values(EventCode.of(name));
  }

  /** The first value of the code called {@code name} in this frame, if any. */
  public Optional<Integer> value(String name) {
    ImmutableList<Integer> v = values(name);
    return v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
  }

  /** The frame's time in microseconds (its SYN_REPORT). */
  public long timeMicros() {
    return sec * 1_000_000L + usec;
  }

  /** E.g. {@code [REL_X -1, REL_Y 2] @0.012000}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("[");
    for (InputEvent e : events) {
      if (sb.length() > 1) {
        sb.append(", ");
      }
      sb.append(InputEventCodes.codeName(e.type(), e.code())).append(' ').append(e.value());
    }
    return sb.append(String.format("] @%d.%06d", sec, usec)).toString();
  }
}
