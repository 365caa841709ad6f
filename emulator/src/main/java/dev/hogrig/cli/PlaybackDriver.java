package dev.hogrig.cli;

import com.google.common.collect.ImmutableList;
import dev.hogrig.bluez.BluezPeripheral;
import dev.hogrig.gatt.CharacteristicHandle;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.replay.PlaybackResult;
import dev.hogrig.replay.RealtimePriority;
import dev.hogrig.replay.Replayer;
import dev.hogrig.replay.ReportSink;
import dev.hogrig.replay.ScheduleStats;
import dev.hogrig.replay.Timebase;
import dev.hogrig.replay.TimedReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code hogrig replay play}'s work beside the emulation: wait until the host has subscribed to
 * every input report (HOGP 1.0 §5.2: a Report Host enables notifications before it expects input),
 * then play the recording's reports with their timing, {@code repeat} times, and print what went
 * out and how late.
 *
 * <p>Why wait for every input report and not the first: a host subscribes one characteristic at a
 * time, and a report played into a characteristic nobody listens to yet is queued or dropped by the
 * device's {@link dev.hogrig.gatt.UnsubscribedPolicy}, which would change the recording's timing on
 * the host. The counts per {@link HogpDevice.Delivery} printed after each pass show whether that
 * happened anyway (the host unsubscribed or the link went down mid-play).
 */
final class PlaybackDriver implements EmulateCommand.Driver {
  /** How often the subscriptions are looked at while waiting. */
  private static final Duration POLL = Duration.ofMillis(20);

  /** SCHED_FIFO priority of the playing thread, as {@code hogrig bench replay} uses. */
  static final int REALTIME_PRIORITY = 50;

  private final ImmutableList<TimedReport> reports;
  private final int repeat;
  private final Duration gap;
  private final Duration wait;
  private final boolean realtime;

  /**
   * @param reports what to play, times from the first report
   * @param repeat passes over {@code reports}, at least 1
   * @param gap pause between passes
   * @param wait how long the host gets to subscribe to every input report
   * @param realtime whether to try SCHED_FIFO for the playing thread (needs root or CAP_SYS_NICE;
   *     without, playback runs at normal priority and says so)
   */
  PlaybackDriver(
      List<TimedReport> reports, int repeat, Duration gap, Duration wait, boolean realtime) {
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be at least 1, got " + repeat);
    }
    this.reports = ImmutableList.copyOf(reports);
    this.repeat = repeat;
    this.gap = gap;
    this.wait = wait;
    this.realtime = realtime;
  }

  @Override
  public int drive(BluezPeripheral peripheral, LiveView view, Clock clock, CountDownLatch stop)
      throws InterruptedException {
    HogpDevice dev = peripheral.device();
    ImmutableList<CharacteristicHandle> inputs = dev.inputReports();
    Instant waitStart = clock.instant();
    view.status(
        waitStart,
        String.format(
            "waiting up to %s for the host to subscribe to all %d input report(s)",
            EmulateCommand.format(wait), inputs.size()));
    while (!inputs.stream().allMatch(dev::isSubscribed)) {
      if (stop.await(POLL.toMillis(), TimeUnit.MILLISECONDS)) {
        view.status(clock.instant(), "stopped before the host subscribed; nothing played");
        return 0;
      }
      if (Duration.between(waitStart, clock.instant()).compareTo(wait) >= 0) {
        view.status(
            clock.instant(),
            String.format(
                "host never subscribed: %d of %d input report(s) subscribed after %s (%s);"
                    + " nothing played",
                inputs.stream().filter(dev::isSubscribed).count(),
                inputs.size(),
                EmulateCommand.format(wait),
                inputs.stream()
                    .filter(c -> !dev.isSubscribed(c))
                    .map(CharacteristicHandle::label)
                    .toList()));
        return 1;
      }
    }
    long spanNanos = reports.isEmpty() ? 0 : reports.get(reports.size() - 1).atNanos();
    view.status(
        clock.instant(),
        String.format(
            "host subscribed to all %d input report(s) after %.1f s; playing %d reports over"
                + " %.3f s, %d time(s)",
            inputs.size(),
            Duration.between(waitStart, clock.instant()).toMillis() / 1e3,
            reports.size(),
            spanNanos / 1e9,
            repeat));
    if (realtime) {
      view.status(
          clock.instant(), "priority: " + RealtimePriority.raise(REALTIME_PRIORITY).detail());
    }
    try {
      for (int pass = 1; pass <= repeat; pass++) {
        Map<HogpDevice.Delivery, Integer> fates = new EnumMap<>(HogpDevice.Delivery.class);
        ReportSink sink =
            (type, id, payload) ->
                dev.sendInput(type, id, payload)
                    .ifPresent(s -> fates.merge(s.delivery(), 1, Integer::sum));
        Replayer replayer = new Replayer(Timebase.precise(), sink);
        Thread canceller = cancelOnStop(stop, replayer);
        PlaybackResult result;
        try {
          result = replayer.play(reports);
        } finally {
          canceller.interrupt();
        }
        view.status(clock.instant(), passLine(pass, result, fates));
        if (result.cancelled()) {
          return 0;
        }
        if (pass < repeat && stop.await(gap.toMillis(), TimeUnit.MILLISECONDS)) {
          return 0;
        }
      }
    } finally {
      if (realtime) {
        RealtimePriority.restore();
      }
    }
    return 0;
  }

  /** One line per pass: what was sent, its fate, and the schedule error percentiles. */
  String passLine(int pass, PlaybackResult r, Map<HogpDevice.Delivery, Integer> fates) {
    StringBuilder b =
        new StringBuilder(
            String.format(
                "pass %d/%d: %d of %d reports handed over (sent %d, queued %d, dropped %d)",
                pass,
                repeat,
                r.sent(),
                r.planned(),
                fates.getOrDefault(HogpDevice.Delivery.SENT, 0),
                fates.getOrDefault(HogpDevice.Delivery.QUEUED, 0),
                fates.getOrDefault(HogpDevice.Delivery.DROPPED, 0)));
    if (r.sent() > 0) {
      ScheduleStats s = r.stats();
      b.append(
          String.format(
              "; schedule error p50 %.3f ms, p99 %.3f ms, max %.3f ms",
              s.p50() / 1e6, s.p99() / 1e6, s.max() / 1e6));
    }
    if (r.cancelled()) {
      b.append("; stopped early");
    }
    return b.toString();
  }

  private static Thread cancelOnStop(CountDownLatch stop, Replayer replayer) {
    Thread t =
        new Thread(
            () -> {
              try {
                stop.await();
                replayer.cancel();
              } catch (InterruptedException e) {
                // Playback ended by itself.
              }
            },
            "hogrig-replay-cancel");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
