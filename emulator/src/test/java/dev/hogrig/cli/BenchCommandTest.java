package dev.hogrig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
