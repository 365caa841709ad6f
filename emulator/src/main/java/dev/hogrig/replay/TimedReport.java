package dev.hogrig.replay;

import dev.hogrig.hid.ReportType;
import dev.hogrig.util.Bytes;
import java.util.Objects;

/**
 * One report to send, and when: {@code atNanos} after the start of playback.
 *
 * <pre>
 *   recording line   E: 000001.250000 3 01 01 ff
 *                       │              │ └┬┘ └─┬─┘
 *   TimedReport      atNanos=1.25e9    │ id=1  payload=01 ff  (USB carries the ID byte first,
 *                                      length 3                HOGP carries it in the Report
 *                                                              Reference descriptor)
 * </pre>
 *
 * @param atNanos planned send time, nanoseconds after playback starts; never negative
 * @param type {@link ReportType#INPUT} for everything a device sends
 * @param reportId the report ID, 0 when the descriptor uses none
 * @param payload the report's bytes without the report ID byte, as a HOGP Report characteristic
 *     value carries them
 * @param origin where the report came from, for messages and logs ("line 12", "typeText 'H'")
 */
public record TimedReport(
    long atNanos, ReportType type, int reportId, Bytes payload, String origin) {
  public TimedReport {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(origin, "origin");
    if (atNanos < 0) {
      throw new IllegalArgumentException("atNanos must be >= 0: " + atNanos);
    }
    if (reportId < 0 || reportId > 0xff) {
      throw new IllegalArgumentException("report ID must be 0..255: " + reportId);
    }
  }
}
