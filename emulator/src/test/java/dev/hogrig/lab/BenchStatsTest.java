package dev.hogrig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.lab.BenchStats.ClockOffset;
import dev.hogrig.lab.BenchStats.ClockSample;
import dev.hogrig.lab.BenchStats.Matching;
import dev.hogrig.lab.BenchStats.Move;
import dev.hogrig.lab.BenchStats.Percentiles;
import dev.hogrig.lab.BenchStats.Received;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's arithmetic, each expected value worked out by hand in the comment beside it.
 * Percentiles are nearest-rank: the value at 1-based rank ⌈p·n/100⌉ of the sorted sample.
 */
class BenchStatsTest {

  @Test
  void percentilesOfOneToTenAreTheValuesAtTheirNearestRanks() {
    List<Long> v = new ArrayList<>();
    for (long i = 1; i <= 10; i++) {
      v.add(i);
    }
    Collections.shuffle(v, new Random(1));
    // n=10: p50 rank ⌈5⌉=5 → 5; p90 rank ⌈9⌉=9 → 9; p99 rank ⌈9.9⌉=10 → 10.
    assertEquals(new Percentiles(10, 5, 9, 10, 10), BenchStats.percentiles(v));
  }

  @Test
  void percentilesOfOneToHundred() {
    List<Long> v = new ArrayList<>();
    for (long i = 100; i >= 1; i--) {
      v.add(i * 10);
    }
    // n=100: ranks 50, 90, 99 → values 500, 900, 990; max 1000.
    assertEquals(new Percentiles(100, 500, 900, 990, 1000), BenchStats.percentiles(v));
  }

  @Test
  void percentilesOfThreeValuesRoundTheRankUp() {
    // n=3: p50 rank ⌈1.5⌉=2 → 20; p90 rank ⌈2.7⌉=3 → 30; p99 rank ⌈2.97⌉=3 → 30.
    assertEquals(
        new Percentiles(3, 20, 30, 30, 30), BenchStats.percentiles(List.of(30L, 10L, 20L)));
    assertEquals(new Percentiles(1, 7, 7, 7, 7), BenchStats.percentiles(List.of(7L)));
  }

  @Test
  void percentilesOfNothingIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> BenchStats.percentiles(List.of()));
  }

  @Test
  void offsetComesFromTheShortestRoundTrip() {
    List<ClockSample> s =
        List.of(
            new ClockSample(1000, 5600, 1100), // RTT 100
            new ClockSample(2000, 6520, 2040), // RTT 40: the one taken
            new ClockSample(3000, 7600, 3090)); // RTT 90
    // Middle of 2000..2040 is 2020; offset 6520 − 2020 = 4500; ± 40/2 = 20.
    assertEquals(new ClockOffset(4500, 20, 2020, 3), BenchStats.offset(s));
  }

  @Test
  void offsetOfAnOddRoundTripRoundsTheBoundOutwards() {
    // Guest read 100 between machine 0 and 3: true offset in [100−3, 100−0] = [97, 100].
    // Middle ⌊1.5⌋ = 1 → estimate 99; half-width ⌈1.5⌉ = 2 → [97, 101] contains [97, 100].
    ClockOffset o = BenchStats.offset(List.of(new ClockSample(0, 100, 3)));
    assertEquals(99, o.offsetMicros());
    assertEquals(2, o.uncertaintyMicros());
    assertEquals(1000 - 99, o.toMachine(1000));
  }

  @Test
  void offsetWithoutSamplesOrWithTimeRunningBackwardsIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> BenchStats.offset(List.of()));
    assertThrows(IllegalArgumentException.class, () -> new ClockSample(10, 0, 9));
  }

  @Test
  void offsetIsInterpolatedBetweenBeforeAndAfter() {
    ClockOffset before = new ClockOffset(1000, 10, 0, 200);
    ClockOffset after = new ClockOffset(1100, 30, 1_000_000, 200);
    // A quarter of the way: 1000 + 0.25·100 = 1025; the larger uncertainty, 30.
    assertEquals(
        new ClockOffset(1025, 30, 250_000, 400), BenchStats.interpolate(before, after, 250_000));
  }

  @Test
  void latenciesAreMeaningfulOnlyAboveTheOffsetUncertainty() {
    Percentiles p50of500 = new Percentiles(3, 500, 900, 990, 1000);
    assertTrue(BenchStats.latencyMeaningful(p50of500, 499));
    assertFalse(BenchStats.latencyMeaningful(p50of500, 500));
    assertFalse(BenchStats.latencyMeaningful(p50of500, 600));
  }

  @Test
  void movesCarryTheSequenceNumberAndAreNeverZero() {
    assertEquals(new Move(1, 1), Move.of(0));
    assertEquals(new Move(32000, 1), Move.of(31999));
    assertEquals(new Move(1, 2), Move.of(32000));
    // 12345678 = 385·32000 + 25678 → X 25679, Y 386.
    assertEquals(new Move(25679, 386), Move.of(12345678));
    assertEquals(12345678, new Move(25679, 386).seq());
    assertEquals(-1, new Move(0, 5).seq());
    assertEquals(-1, new Move(5, -1).seq());
    assertThrows(IllegalArgumentException.class, () -> Move.of(-1));
    assertThrows(IllegalArgumentException.class, () -> Move.of(Move.MAX_SEQ + 1));
    // The largest move still fits the mouse-5btn X/Y fields (Logical Maximum 32767).
    assertEquals(new Move(32000, 32767), Move.of(Move.MAX_SEQ));
  }

  @Test
  void matchingFindsLostDuplicatedAndUnexpectedFrames() {
    Map<Integer, Long> sent = new LinkedHashMap<>();
    sent.put(0, 1000L);
    sent.put(1, 2000L);
    sent.put(2, 3000L);
    sent.put(3, 4000L);
    ClockOffset guestAhead500 = new ClockOffset(500, 0, 0, 1);
    List<Received> got =
        List.of(
            new Received(0, 2000), // machine 1500 → 500 after its send at 1000
            new Received(1, 2700), // machine 2200 → 200
            new Received(1, 2800), // a second frame for 1
            new Received(3, 4600), // machine 4100 → 100
            new Received(9, 5000)); // never sent
    Matching m = BenchStats.match(sent, got, guestAhead500);
    assertEquals(4, m.sent());
    assertEquals(3, m.delivered());
    assertEquals(List.of(2), m.lost());
    assertEquals(List.of(1), m.duplicated());
    assertEquals(1, m.unexpected());
    assertEquals(List.of(500L, 200L, 100L), m.latenciesMicros());
    assertFalse(m.zeroLoss());
  }

  @Test
  void everyReportOnceIsZeroLoss() {
    Map<Integer, Long> sent = new LinkedHashMap<>();
    sent.put(7, 100L);
    sent.put(8, 200L);
    Matching m =
        BenchStats.match(
            sent,
            List.of(new Received(8, 260), new Received(7, 150)),
            new ClockOffset(-40, 5, 0, 1));
    // Guest 150 → machine 190 → 90 after 100; guest 260 → machine 300 → 100 after 200.
    assertTrue(m.zeroLoss());
    assertEquals(List.of(90L, 100L), m.latenciesMicros());
  }

  @Test
  void deliveredRateIsFramesOverTheGuestsOwnTimeSpan() {
    List<Received> f = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      f.add(new Received(i, 1_000_000 + i * 1000L));
    }
    // 5 frames over 4 ms: 4 intervals / 0.004 s = 1000 reports/s.
    assertEquals(1000.0, BenchStats.deliveredPerSecond(f), 1e-9);
    assertEquals(0.0, BenchStats.deliveredPerSecond(f.subList(0, 1)));
  }

  @Test
  void recorderLinesParseToEvents() {
    // evdev-clock.py writes "%d.%06d %d %d %d": REL_X (type 2, code 0) = -3 at 1700000000.000123.
    assertEquals(
        List.of(
            new InputEvent(1700000000L, 123, 2, 0, -3), new InputEvent(1700000000L, 123, 0, 0, 0)),
        TimedEventRecorder.parse("1700000000.000123 2 0 -3\n1700000000.000123 0 0 0\n"));
    assertThrows(LabException.class, () -> TimedEventRecorder.parse("1.5 2 x 1\n"));
  }
}
