package dev.hogrig.report;

import dev.hogrig.gatt.AttResult;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.util.Bytes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The GATT operations of one scenario as a fixed-width text table, one line per {@link GattEvent}:
 * what the host read, wrote and subscribed to and what the device notified, so a person reading a
 * failed result sees at a glance where the host stopped (e.g. Report Map read, no CCCD write).
 *
 * <pre>
 *       +ms  peer               event          attribute                     detail
 *     0.000  11:22:33:44:55:66  connected                                    security ENCRYPTED
 *    12.500  11:22:33:44:55:66  read           Report Map [2a4b]             offset 0: OK 05 01 09 06 ...
 *    40.000  -                  subscribed     Report (Input, id 1) [2a4d]
 * </pre>
 *
 * Times are milliseconds since the first event. Values longer than {@value #MAX_VALUE_BYTES} bytes
 * are cut, with their full length said, because a Report Map read can be hundreds of bytes and the
 * descriptor has its own attachment.
 */
public final class GattTimeline {
  static final int MAX_VALUE_BYTES = 16;

  private GattTimeline() {}

  /** The table; events are printed in the order given (their publication order). */
  public static String render(List<? extends GattEvent> events) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"+ms", "peer", "event", "attribute", "detail"});
    Instant first = events.isEmpty() ? Instant.EPOCH : events.get(0).time();
    for (GattEvent e : events) {
      String[] r = row(e);
      long micros = Duration.between(first, e.time()).toNanos() / 1000;
      rows.add(
          new String[] {
            String.format("%d.%03d", micros / 1000, Math.abs(micros % 1000)), r[0], r[1], r[2], r[3]
          });
    }
    int[] width = new int[4];
    for (String[] r : rows) {
      for (int i = 0; i < 4; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] r : rows) {
      StringBuilder line = new StringBuilder();
      line.append(" ".repeat(width[0] - r[0].length())).append(r[0]);
      for (int i = 1; i < 4; i++) {
        line.append("  ").append(r[i]).append(" ".repeat(width[i] - r[i].length()));
      }
      line.append("  ").append(r[4]);
      out.append(line.toString().stripTrailing()).append('\n');
    }
    if (events.isEmpty()) {
      out.append("(no GATT events: the host never connected to the device's GATT server)\n");
    }
    return out.toString();
  }

  /** Peer, event, attribute, detail of one event. */
  private static String[] row(GattEvent e) {
    if (e instanceof GattEvent.Read r) {
      return new String[] {
        r.peer(), "read", r.handle().toString(), "offset " + r.offset() + ": " + result(r.result())
      };
    }
    if (e instanceof GattEvent.Write w) {
      return new String[] {
        w.peer(),
        w.withResponse() ? "write" : "write command",
        w.handle().toString(),
        value(w.value())
            + (w.offset() == 0 ? "" : " at offset " + w.offset())
            + ": "
            + result(w.result())
      };
    }
    if (e instanceof GattEvent.Connected c) {
      return new String[] {c.peer(), "connected", "", "security " + c.security()};
    }
    if (e instanceof GattEvent.Disconnected d) {
      return new String[] {d.peer(), "disconnected", "", ""};
    }
    if (e instanceof GattEvent.ProtocolModeChanged p) {
      return new String[] {p.peer(), "protocol mode", "Protocol Mode", p.from() + " -> " + p.to()};
    }
    if (e instanceof GattEvent.ControlPoint c) {
      return new String[] {c.peer(), "control point", "HID Control Point", c.command().toString()};
    }
    if (e instanceof GattEvent.OutputReport o) {
      return new String[] {
        o.peer(),
        "output report",
        o.boot() ? "Boot Keyboard Output Report" : "Report (Output, id " + o.reportId() + ")",
        value(o.value())
      };
    }
    if (e instanceof GattEvent.FeatureWrite f) {
      return new String[] {
        f.peer(), "feature write", "Report (Feature, id " + f.reportId() + ")", value(f.value())
      };
    }
    if (e instanceof GattEvent.Notification n) {
      return new String[] {"-", "notify", n.handle().toString(), value(n.value())};
    }
    if (e instanceof GattEvent.InputDropped d) {
      return new String[] {
        "-", "input dropped", d.type().displayName() + " report " + d.reportId(), d.reason()
      };
    }
    if (e instanceof GattEvent.SubscriptionChanged s) {
      return new String[] {
        "-", s.subscribed() ? "subscribed" : "unsubscribed", s.handle().toString(), ""
      };
    }
    if (e instanceof GattEvent.NotificationQueued q) {
      return new String[] {
        "-", "queued", q.handle().toString(), value(q.value()) + ", " + q.pending() + " pending"
      };
    }
    if (e instanceof GattEvent.NotificationDropped d) {
      return new String[] {
        "-",
        "notify dropped",
        d.handle().toString(),
        value(d.value()) + ": " + d.reason() + " (" + d.dropped() + " dropped so far)"
      };
    }
    if (e instanceof GattEvent.QueueFlushed f) {
      return new String[] {
        "-", "queue flushed", f.handle().toString(), f.count() + " queued values follow"
      };
    }
    return new String[] {"-", e.getClass().getSimpleName(), "", e.toString()};
  }

  private static String result(AttResult r) {
    if (r instanceof AttResult.Value v) {
      return v.value().isEmpty() ? "OK" : "OK " + value(v.value());
    }
    return r.toString();
  }

  /** Hex of at most {@value #MAX_VALUE_BYTES} bytes, then how many there were in all. */
  static String value(Bytes b) {
    if (b.isEmpty()) {
      return "(empty)";
    }
    if (b.size() <= MAX_VALUE_BYTES) {
      return b.toHex();
    }
    return b.slice(0, MAX_VALUE_BYTES).toHex() + " ... (" + b.size() + " bytes)";
  }
}
