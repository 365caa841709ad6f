package dev.hogrig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.hogrig.lab.BenchStats.ClockOffset;
import dev.hogrig.lab.BenchStats.Percentiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code hogrig bench notify}'s arguments, without a lab: bad ones are one-line usage errors. */
class BenchCommandTest {

  @Test
  void ratesAreHertzOrMaxWhichMeansAsFastAsTheSendReturns() {
    assertEquals(List.of(125, 500, 0), BenchCommand.parseRates(List.of("125", " 500", "max")));
    assertThrows(UsageException.class, () -> BenchCommand.parseRates(List.of("fast")));
    assertThrows(UsageException.class, () -> BenchCommand.parseRates(List.of("0")));
    assertThrows(UsageException.class, () -> BenchCommand.parseRates(List.of()));
  }

  @Test
  void withoutLabItSaysThatTheLabIsTheOnlyPlacement() {
    CliTest.Result r = CliTest.run("bench", "notify");
    CliTest.assertOneLineError(r);
    assertTrue(r.err().contains("--lab"), r.err());
  }

  @Test
  void aBadRateIsAUsageError() {
    CliTest.Result r = CliTest.run("bench", "notify", "--lab", "--rates", "125,fast");
    CliTest.assertOneLineError(r);
    assertTrue(r.err().contains("\"fast\""), r.err());
  }

  @Test
  void tooFewReportsIsAUsageError() {
    CliTest.Result r = CliTest.run("bench", "notify", "--lab", "--reports", "1");
    CliTest.assertOneLineError(r);
    assertTrue(r.err().contains("--reports"), r.err());
  }

  private static NotifyBench.Step step(long p50, long uncertainty, boolean meaningful, int lost) {
    return new NotifyBench.Step(
        125,
        100,
        0.8,
        100 - lost,
        lost,
        0,
        0,
        124.0,
        new Percentiles(100 - lost, p50, p50 * 2, p50 * 3, p50 * 4),
        uncertainty,
        meaningful,
        lost == 0 ? ImmutableList.of() : ImmutableList.of(7));
  }

  private static NotifyBench.Result result(NotifyBench.Step s) {
    return new NotifyBench.Result(
        "emulator: machine JVM; host: lab guest",
        "5.82",
        "6.1.0",
        "1.00 1.00 1.00 1/100 1",
        "1.00 1.00 1.00 1/100 2",
        new ClockOffset(-1000, 400, 0, 200),
        new ClockOffset(-990, 600, 1_000_000, 200),
        10.0,
        ImmutableList.of(s),
        0,
        0,
        NotifyBench.ACQUIRE_NOTIFY_UNAVAILABLE);
  }

  private static String text(NotifyBench.Result r) {
    StringWriter w = new StringWriter();
    BenchCommand.print(new PrintWriter(w, true), r);
    return w.toString();
  }

  @Test
  void latenciesBelowTheOffsetUncertaintyAreNotPrintedAsPercentiles() {
    // p50 0.5 ms with the offset known to ± 0.6 ms: the figures would be noise.
    String t = text(result(step(500, 600, false, 0)));
    assertTrue(t.contains("not meaningful: offset ± 0.60 ms >= p50 0.50 ms"), t);
    assertTrue(t.contains("zero loss: yes"), t);
    assertTrue(t.contains("path: AcquireNotify: not available: "), t);
  }

  @Test
  void meaningfulLatenciesArePrintedInMillisecondsWithTheirUncertainty() {
    // p50 5 ms, p90 10 ms, p99 15 ms, max 20 ms, ± 0.6 ms.
    String t = text(result(step(5000, 600, true, 0)));
    assertTrue(t.contains("    5.00    10.00    15.00    20.00     0.60"), t);
  }

  @Test
  void aLostReportIsNamedAndMakesTheRunNotZeroLoss() {
    NotifyBench.Result r = result(step(5000, 600, true, 1));
    String t = text(r);
    assertTrue(t.contains("first lost sequence numbers: [7]"), t);
    assertTrue(t.contains("zero loss: NO"), t);
    String json = Json.GSON.toJson(BenchCommand.toJson(r));
    assertTrue(json.contains("\"zeroLoss\": false"), json);
    assertTrue(json.contains("\"AcquireNotify\": {\n      \"available\": false"), json);
  }
}
