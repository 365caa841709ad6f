package dev.hogrig.scenario.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.cli.Main;
import dev.hogrig.scenario.Scenario;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line as a person uses it: through {@code hogrig}'s root command and its plug-ins. */
class ScenarioCommandTest {
  private record Ran(int status, String out, String err) {}

  private static Ran run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int status = Main.run(args);
      return new Ran(
          status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void listShowsEveryScenarioOfTheCatalogueWithItsSummary() {
    Ran r = run("scenario", "list");
    assertEquals(0, r.status(), r.err());
    Map<String, Class<?>> all = Catalogue.discover(ScenarioCommand.discoveryOnly());
    assertTrue(all.containsKey("first-pairing"), all.toString());
    assertTrue(all.containsKey("reconnect-loop"), all.toString());
    for (Map.Entry<String, Class<?>> e : all.entrySet()) {
      String summary = e.getValue().getAnnotation(Scenario.class).summary();
      assertTrue(r.out().contains(e.getKey()) && r.out().contains(summary), r.out());
      assertTrue(e.getKey().matches("[a-z0-9]+(-[a-z0-9]+)*"), "name " + e.getKey());
    }
  }

  @Test
  void unknownScenarioIsABadUsageNamingTheKnownOnes(@TempDir Path dir) {
    Path results = dir.resolve("results");
    Ran r = run("scenario", "run", "first-pairing", "no-such", "--results", results.toString());
    assertEquals(2, r.status());
    String known = String.join(", ", Catalogue.discover(ScenarioCommand.discoveryOnly()).keySet());
    assertEquals(
        "hogrig scenario run: unknown scenario 'no-such'; known: " + known,
        r.err().lines().findFirst().orElse(""));
    assertFalse(Files.exists(results), "nothing written for a run that never started");
  }

  @Test
  void realHostNeedsAdapterAndAddressAndExcludesTheLab() {
    assertEquals(2, run("scenario", "run", "first-pairing", "--adapter", "hci0").status());
    Ran both =
        run(
            "scenario",
            "run",
            "first-pairing",
            "--lab",
            "--adapter",
            "hci0",
            "--host",
            "AA:BB:CC:DD:EE:FF");
    assertEquals(2, both.status());
    assertTrue(both.err().contains("exclude each other"), both.err());
    Ran bad =
        run("scenario", "run", "first-pairing", "--adapter", "hci0", "--host", "not-an-address");
    assertEquals(2, bad.status());
    assertTrue(bad.err().contains("host must be a Bluetooth address"), bad.err());
    assertEquals(2, run("scenario", "run", "first-pairing", "--repeat", "0").status());
  }

  @Test
  void probeNeedsARealHostAndAPort() {
    Ran alone = run("scenario", "run", "first-pairing", "--probe", "8765");
    assertEquals(2, alone.status());
    assertTrue(alone.err().contains("--probe needs a real host"), alone.err());
    Ran badPort =
        run(
            "scenario",
            "run",
            "first-pairing",
            "--adapter",
            "hci0",
            "--host",
            "AA:BB:CC:DD:EE:FF",
            "--probe",
            "0.0.0.0:http");
    assertEquals(2, badPort.status());
    assertTrue(badPort.err().contains("the port must be a number 0..65535"), badPort.err());
  }
}
