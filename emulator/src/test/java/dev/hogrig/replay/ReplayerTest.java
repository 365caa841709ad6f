package dev.hogrig.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.hogrig.hid.ReportType;
import dev.hogrig.util.Bytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scheduler on a simulated clock: when reports go out, lateness, cancel, limits. */
class ReplayerTest {

  static TimedReport at(long nanos, int marker) {
    return new TimedReport(nanos, ReportType.INPUT, 0, Bytes.of(marker), "report " + marker);
  }

  record Sent(long at, int marker) {}

  @Test
  void reportsGoOutAtTheirPlannedTimesInOrder() {
    SimulatedTimebase clock = new SimulatedTimebase(5_000_000_000L);
    List<Sent> sent = new ArrayList<>();
    Replayer r =
        new Replayer(
            clock,
            (type, id, payload) ->
                sent.add(new Sent(clock.nanoTime() - 5_000_000_000L, payload.get(0))));
    PlaybackResult result =
        r.play(List.of(at(0, 1), at(7_500_000, 2), at(7_500_000, 3), at(2_000_000_000L, 4)));
    assertEquals(
        List.of(
            new Sent(0, 1),
            new Sent(7_500_000, 2),
            new Sent(7_500_000, 3),
            new Sent(2_000_000_000L, 4)),
        sent);
    assertEquals(4, result.sent());
    assertFalse(result.cancelled());
    assertEquals(List.of(0L, 0L, 0L, 0L), result.errorsNanos());
    assertEquals(new ScheduleStats(4, 0, 0, 0, 0, 0, 0), result.stats());
  }

  @Test
  void aLateReportDoesNotShiftTheOnesAfterIt() {
    // The sink takes 10 ms once, for report 2 of a 7.5 ms grid: report 3 (due at 15 ms) goes out
    // at 17.5 ms, 2.5 ms late, and report 4 (due at 22.5 ms) is on time again: deadlines are
    // absolute, not "previous + period".
    SimulatedTimebase clock = new SimulatedTimebase();
    Replayer r =
        new Replayer(
            clock,
            (type, id, payload) -> {
              if (payload.get(0) == 2) {
                clock.advance(10_000_000);
              }
            });
    PlaybackResult result =
        r.play(List.of(at(0, 1), at(7_500_000, 2), at(15_000_000, 3), at(22_500_000, 4)));
    assertEquals(List.of(0L, 0L, 2_500_000L, 0L), result.errorsNanos());
    assertEquals(List.of(0L, 7_500_000L, 17_500_000L, 22_500_000L), result.actualNanos());
    assertEquals(2_500_000L, result.stats().max());
  }

  @Test
  void cancelStopsBeforeTheNextReport() {
    SimulatedTimebase clock = new SimulatedTimebase();
    List<Integer> sent = new ArrayList<>();
    Replayer[] self = new Replayer[1];
    self[0] =
        new Replayer(
            clock,
            (type, id, payload) -> {
              sent.add(payload.get(0));
              if (payload.get(0) == 2) {
                self[0].cancel();
              }
            });
    PlaybackResult result = self[0].play(List.of(at(0, 1), at(10, 2), at(20, 3)));
    assertEquals(List.of(1, 2), sent);
    assertTrue(result.cancelled());
    assertEquals(3, result.planned());
    assertEquals(2, result.sent());
    assertEquals(0, self[0].play(List.of(at(0, 9))).sent(), "a cancelled replayer stays so");
  }

  @Test
  void aCancelDuringALongPauseIsSeenWithinOneWaitSlice() {
    // A recording with a minute of silence: the replayer waits in slices, so a cancel arriving
    // (here: at the first slice) ends the wait without sending the report after the pause.
    List<Long> waits = new ArrayList<>();
    Replayer[] self = new Replayer[1];
    SimulatedTimebase inner = new SimulatedTimebase();
    Timebase timebase =
        new Timebase() {
          @Override
          public long nanoTime() {
            return inner.nanoTime();
          }

          @Override
          public void awaitDeadline(long deadline) {
            waits.add(deadline - inner.nanoTime());
            inner.awaitDeadline(deadline);
            self[0].cancel();
          }
        };
    self[0] = new Replayer(timebase, (type, id, payload) -> {});
    PlaybackResult result = self[0].play(List.of(at(60_000_000_000L, 1)));
    assertEquals(List.of(Replayer.WAIT_SLICE_NANOS), waits);
    assertEquals(0, result.sent());
    assertTrue(result.cancelled());
  }

  @Test
  void anInterruptStopsPlayback() {
    SimulatedTimebase clock = new SimulatedTimebase();
    List<Integer> sent = new ArrayList<>();
    Replayer r =
        new Replayer(
            clock,
            (type, id, payload) -> {
              sent.add(payload.get(0));
              Thread.currentThread().interrupt();
            });
    try {
      PlaybackResult result = r.play(List.of(at(0, 1), at(10, 2)));
      assertEquals(List.of(1), sent);
      assertTrue(result.cancelled());
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt stays for the caller to see");
    }
  }

  @Test
  void outOfOrderSequencesAreRefusedBeforeAnythingIsSent() {
    List<Integer> sent = new ArrayList<>();
    Replayer r = new Replayer(new SimulatedTimebase(), (type, id, payload) -> sent.add(1));
    ReplayException e =
        assertThrows(ReplayException.class, () -> r.play(List.of(at(10, 1), at(5, 2))));
    assertEquals(
        "report 2: planned at PT0.000000005S, before the report ahead of it (PT0.00000001S):"
            + " reports must be in time order",
        e.getMessage());
    assertEquals(List.of(), sent);
  }

  @Test
  void limitsAreCheckedBeforeAnythingIsSent() {
    List<Integer> sent = new ArrayList<>();
    Replayer r =
        new Replayer(
            new SimulatedTimebase(),
            (type, id, payload) -> sent.add(1),
            new Replayer.Options(Duration.ofSeconds(1), 2));
    assertEquals(
        "3 reports to play, more than the limit of 2",
        assertThrows(ReplayException.class, () -> r.play(List.of(at(0, 1), at(1, 2), at(2, 3))))
            .getMessage());
    assertEquals(
        "the sequence lasts PT2S, longer than the limit of PT1S",
        assertThrows(ReplayException.class, () -> r.play(List.of(at(0, 1), at(2_000_000_000L, 2))))
            .getMessage());
    assertEquals(List.of(), sent);
  }

  @Test
  void achievedRateIsReportsOverTheSpanOfSends() {
    PlaybackResult r =
        new PlaybackResult(
            3,
            ImmutableList.of(0L, 10L, 20L),
            ImmutableList.of(0L, 500_000_000L, 1_000_000_000L),
            false);
    assertEquals(2.0, r.achievedHz(), 1e-9);
  }
}
