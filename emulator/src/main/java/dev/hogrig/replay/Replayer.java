package dev.hogrig.replay;

import com.google.common.collect.ImmutableList;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Plays {@link TimedReport}s into a {@link ReportSink} at their planned times, and measures how
 * late each one went out.
 *
 * <pre>
 *  start = timebase.nanoTime()
 *  for each report r (in order):
 *      timebase.awaitDeadline(start + r.atNanos)     park, then spin (Timebase.precise)
 *      actual = timebase.nanoTime() - start          ─┐ schedule error = actual − r.atNanos
 *      sink.send(r.type, r.reportId, r.payload)      ─┘ (the sink's own time is not counted)
 * </pre>
 *
 * <p>Deadlines are absolute (start + planned offset), never "previous send + interval", so a late
 * report does not push every later one back: the replay catches up and keeps the recording's
 * timeline, as hid-tools' {@code hid-replay} does with its timestamps. A report whose deadline has
 * passed goes out at once; none is skipped.
 *
 * <p>Bounded: a sequence longer than {@link Options#maxReports} or planned to last longer than
 * {@link Options#maxDuration} is refused before anything is sent. Cancellable: {@link #cancel()}
 * from any thread, or an interrupt of the playing thread, stops playback before the next report;
 * waits are cut into slices of at most {@link #WAIT_SLICE_NANOS} so that a cancel during a long
 * pause of a recording takes effect within one slice. A cancelled replayer stays cancelled.
 *
 * <p>One playback at a time per instance; {@link #play} is not reentrant.
 */
public final class Replayer {

  /**
   * Limits a playback must stay within.
   *
   * @param maxDuration the latest planned send time accepted
   * @param maxReports the most reports accepted in one sequence
   */
  public record Options(Duration maxDuration, int maxReports) {
    public Options {
      Objects.requireNonNull(maxDuration);
      if (maxDuration.isNegative() || maxReports < 0) {
        throw new IllegalArgumentException("limits must not be negative");
      }
    }

    /** One hour and ten million reports: more than any recording or script seen so far. */
    public static Options defaults() {
      return new Options(Duration.ofHours(1), 10_000_000);
    }
  }

  /** Longest single wait, so that {@link #cancel()} is seen within this time. */
  public static final long WAIT_SLICE_NANOS = 50_000_000;

  private final Timebase timebase;
  private final ReportSink sink;
  private final Options options;
  private volatile boolean cancelled;

  public Replayer(Timebase timebase, ReportSink sink) {
    this(timebase, sink, Options.defaults());
  }

  public Replayer(Timebase timebase, ReportSink sink, Options options) {
    this.timebase = Objects.requireNonNull(timebase);
    this.sink = Objects.requireNonNull(sink);
    this.options = Objects.requireNonNull(options);
  }

  /** Stops the playback under way before its next report; later playbacks send nothing. */
  public void cancel() {
    cancelled = true;
  }

  /**
   * Plays {@code reports} and returns when the last went out or playback was cancelled.
   *
   * @throws ReplayException when the sequence is out of order or over the {@link Options} limits
   *     (nothing is sent then); exceptions of the sink propagate, ending playback
   */
  public PlaybackResult play(List<TimedReport> reports) {
    check(reports);
    int n = reports.size();
    long[] planned = new long[n];
    long[] actual = new long[n];
    int sent = 0;
    boolean stopped = false;
    long start = timebase.nanoTime();
    for (TimedReport r : reports) {
      if (cancelled || Thread.currentThread().isInterrupted()) {
        stopped = true;
        break;
      }
      long deadline = start + r.atNanos();
      long now = timebase.nanoTime();
      while (now - deadline < 0 && !cancelled && !Thread.currentThread().isInterrupted()) {
        long left = deadline - now;
        timebase.awaitDeadline(left > WAIT_SLICE_NANOS ? now + WAIT_SLICE_NANOS : deadline);
        now = timebase.nanoTime();
      }
      if (cancelled || Thread.currentThread().isInterrupted()) {
        stopped = true;
        break;
      }
      long at = timebase.nanoTime() - start;
      sink.send(r.type(), r.reportId(), r.payload());
      planned[sent] = r.atNanos();
      actual[sent] = at;
      sent++;
    }
    return new PlaybackResult(n, list(planned, sent), list(actual, sent), stopped);
  }

  private void check(List<TimedReport> reports) {
    if (reports.size() > options.maxReports()) {
      throw new ReplayException(
          "%d reports to play, more than the limit of %d"
              .formatted(reports.size(), options.maxReports()));
    }
    long last = 0;
    for (TimedReport r : reports) {
      if (r.atNanos() < last) {
        throw new ReplayException(
            "%s: planned at %s, before the report ahead of it (%s): reports must be in time order"
                .formatted(r.origin(), Duration.ofNanos(r.atNanos()), Duration.ofNanos(last)));
      }
      last = r.atNanos();
    }
    if (last > options.maxDuration().toNanos()) {
      throw new ReplayException(
          "the sequence lasts %s, longer than the limit of %s"
              .formatted(Duration.ofNanos(last), options.maxDuration()));
    }
  }

  private static ImmutableList<Long> list(long[] v, int n) {
    ImmutableList.Builder<Long> b = ImmutableList.builderWithExpectedSize(n);
    for (int i = 0; i < n; i++) {
      b.add(v[i]);
    }
    return b.build();
  }
}
