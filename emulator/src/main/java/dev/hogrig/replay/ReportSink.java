package dev.hogrig.replay;

import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.hid.ReportType;
import dev.hogrig.util.Bytes;

/**
 * Where played reports go. A functional interface so that the replayer needs no transport: {@link
 * #of(HogpDevice)} sends through the GATT model (and from there through whatever backend exports
 * it), a lambda can collect into memory, a benchmark can discard.
 */
@FunctionalInterface
public interface ReportSink {
  /**
   * Sends one report.
   *
   * @param payload without the report ID byte (HOGP: the ID is in the Report Reference)
   */
  void send(ReportType type, int reportId, Bytes payload);

  /**
   * Input reports to {@code device}'s Report characteristics through {@link
   * HogpDevice#sendInput(ReportType, int, Bytes)}: notified, queued or dropped as the device's
   * subscription state and {@link dev.hogrig.gatt.UnsubscribedPolicy} say (the device's {@link
   * dev.hogrig.gatt.GattEvent}s record which).
   */
  static ReportSink of(HogpDevice device) {
    return (type, id, payload) -> device.sendInput(type, id, payload);
  }

  /** A sink that drops everything: for measuring the scheduler alone. */
  static ReportSink discard() {
    return (type, id, payload) -> {};
  }
}
