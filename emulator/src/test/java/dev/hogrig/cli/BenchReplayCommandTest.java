package dev.hogrig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

/**
 * {@code hogrig bench replay}: bad arguments are one-line usage errors; a run reports every report
 * it was asked for, and the percentile keys the issue asks for. Figures are printed, never
 * asserted.
 */
class BenchReplayCommandTest {

  @Test
  void badArgumentsAreUsageErrors() {
    for (String[] args :
        new String[][] {
          {"bench", "replay", "--rate", "0"},
          {"bench", "replay", "--reports", "1"},
          {"bench", "replay", "--fifo", "100"},
          {"bench", "replay", "--spin-us", "-1"}
        }) {
      CliTest.Result r = CliTest.run(args);
      CliTest.assertOneLineError(r);
      assertTrue(r.err().contains(args[2]), r.err());
    }
  }

  @Test
  void aShortRunReportsEveryReportAndThePercentiles() {
    CliTest.Result r =
        CliTest.run(
            "bench",
            "replay",
            "--rate",
            "1000",
            "--reports",
            "20",
            "--warmup",
            "0",
            "--fifo",
            "0",
            "--json");
    assertEquals(0, r.exit(), r.err());
    JsonObject j = JsonParser.parseString(r.out()).getAsJsonObject();
    assertEquals(20, j.get("sent").getAsInt());
    JsonObject e = j.getAsJsonObject("scheduleError");
    assertEquals(20, e.get("n").getAsInt());
    for (String k :
        new String[] {"p50Micros", "p90Micros", "p99Micros", "p999Micros", "maxMicros"}) {
      assertTrue(e.has(k), k);
    }
    assertTrue(j.has("cpus") && j.has("jvm") && j.has("loadavgBefore") && j.has("achievedHz"));
  }
}
