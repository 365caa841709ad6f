package dev.hogrig.lab;

import com.google.common.collect.ImmutableMap;
import dev.hogrig.util.Bytes;
import java.util.Optional;

/**
 * One line of a {@link UhidDevice}'s log: something the guest kernel asked of the device or told
 * it, or a step of the device process itself. This is the host's side of the HID conversation:
 * which feature reports it read at probe ({@code GET_REPORT}), what it wrote ({@code SET_REPORT} of
 * Input Mode, say), output reports (keyboard LEDs), and when it opened the device.
 *
 * <pre>
 *  112.712673 GET_REPORT id=1 rnum=3 rtype=feature err=0 data=0305
 *  |CLOCK_MONOTONIC of the guest, s |kind |attributes key=value
 * </pre>
 *
 * @param time the guest's CLOCK_MONOTONIC in seconds when the device process handled it
 * @param kind {@code CREATED}, {@code START}, {@code STOP}, {@code OPEN}, {@code CLOSE}, {@code
 *     OUTPUT}, {@code GET_REPORT}, {@code SET_REPORT}, {@code INPUT}, {@code EXIT}, {@code ERROR}
 * @param attributes the {@code key=value} words: {@code rnum} report number, {@code rtype}
 *     feature/output/input, {@code data} hex ({@code -} when empty), {@code err} errno answered
 */
public record UhidEvent(double time, String kind, ImmutableMap<String, String> attributes) {
  /** The report number ({@code rnum}), if the event has one. */
  public Optional<Integer> reportNumber() {
    String r = attributes.get("rnum");
    if (r == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Integer.valueOf(r));
    } catch (NumberFormatException e) {
      throw new LabException("uhid log " + kind + " at " + time + ": rnum is not a number: " + r);
    }
  }

  /** {@code feature}, {@code output} or {@code input}, if the event concerns a report. */
  public Optional<String> reportType() {
    return Optional.ofNullable(attributes.get("rtype"));
  }

  /** The report bytes (what was answered, set, or output), empty when none. */
  public Bytes data() {
    String d = attributes.get("data");
    if (d == null || d.equals("-")) {
      return Bytes.of();
    }
    try {
      return Bytes.fromHex(d);
    } catch (IllegalArgumentException e) {
      throw new LabException("uhid log " + kind + " at " + time + ": data is not hex: " + d);
    }
  }

  /** Parses one log line. */
  static UhidEvent parse(String line, int lineNo, String source) {
    String[] w = line.strip().split("\\s+");
    try {
      double t = Double.parseDouble(w[0]);
      ImmutableMap.Builder<String, String> attrs = ImmutableMap.builder();
      for (int i = 2; i < w.length; i++) {
        int eq = w[i].indexOf('=');
        if (eq > 0) {
          attrs.put(w[i].substring(0, eq), w[i].substring(eq + 1));
        }
      }
      return new UhidEvent(t, w[1], attrs.buildKeepingLast());
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      throw new LabException(
          source + ":" + lineNo + ": expected \"<seconds> <KIND> [key=value ...]\", got: " + line);
    }
  }
}
