package dev.hogrig.scenario;

import dev.hogrig.gatt.GattEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A readable table of what the host did over GATT, one line per {@link GattEvent}, times in seconds
 * from the emulator's start:
 *
 * <pre>
 *     +2.104 s  read        Report Map (off 0) -> 65 bytes 05 01 09 06 ...
 *     +2.380 s  subscribe   Report (Input, id 0)
 *     +3.002 s  notify      Report (Input, id 0) 00 00 04 00 00 00 00 00
 * </pre>
 */
public final class GattTimeline {
  private GattTimeline() {}

  public static String format(Instant zero, List<GattEvent> events) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%11s  %-11s %s%n", "time", "operation", "detail"));
    for (GattEvent e : events) {
      double s = Duration.between(zero, e.time()).toNanos() / 1e9;
      out.append(String.format("%+9.3f s  %s%n", s, describe(e)));
    }
    return out.toString();
  }

  static String describe(GattEvent e) {
    if (e instanceof GattEvent.Read r) {
      return String.format(
          "%-11s %s (off %d) from %s -> %s",
          "read", r.handle().label(), r.offset(), r.peer(), r.result());
    }
    if (e instanceof GattEvent.Write w) {
      return String.format(
          "%-11s %s (off %d, %s) from %s: %s -> %s",
          "write",
          w.handle().label(),
          w.offset(),
          w.withResponse() ? "request" : "command",
          w.peer(),
          w.value(),
          w.result());
    }
    if (e instanceof GattEvent.Connected c) {
      return String.format("%-11s %s, security %s", "connected", c.peer(), c.security());
    }
    if (e instanceof GattEvent.Disconnected d) {
      return String.format("%-11s %s", "disconnected", d.peer());
    }
    if (e instanceof GattEvent.SubscriptionChanged c) {
      return String.format(
          "%-11s %s", c.subscribed() ? "subscribe" : "unsubscribe", c.handle().label());
    }
    if (e instanceof GattEvent.Notification n) {
      return String.format("%-11s %s %s", "notify", n.handle().label(), n.value());
    }
    if (e instanceof GattEvent.ProtocolModeChanged p) {
      return String.format("%-11s %s -> %s", "protocol", p.from(), p.to());
    }
    if (e instanceof GattEvent.ControlPoint c) {
      return String.format("%-11s %s", "control", c.command());
    }
    if (e instanceof GattEvent.OutputReport o) {
      return String.format(
          "%-11s id %d%s %s", "output", o.reportId(), o.boot() ? " (boot)" : "", o.value());
    }
    if (e instanceof GattEvent.FeatureWrite f) {
      return String.format("%-11s id %d %s", "feature", f.reportId(), f.value());
    }
    if (e instanceof GattEvent.NotificationQueued q) {
      return String.format(
          "%-11s %s %s (%d pending)", "queued", q.handle().label(), q.value(), q.pending());
    }
    if (e instanceof GattEvent.NotificationDropped d) {
      return String.format("%-11s %s %s: %s", "dropped", d.handle().label(), d.value(), d.reason());
    }
    if (e instanceof GattEvent.QueueFlushed f) {
      return String.format("%-11s %s, %d queued values", "flushed", f.handle().label(), f.count());
    }
    if (e instanceof GattEvent.InputDropped d) {
      return String.format("%-11s %s id %d: %s", "not sent", d.type(), d.reportId(), d.reason());
    }
    return e.toString();
  }
}
