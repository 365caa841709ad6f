package dev.hogrig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.report.FailureKind;
import dev.hogrig.report.ReportTools;
import dev.hogrig.report.ScenarioResults;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hogrig report} as a person runs it: one line on success, one line on each error. */
class ReportCommandTest {
  @Test
  void writesTheReportAndSaysWhere(@TempDir Path base) throws Exception {
    Path results = Files.createDirectories(base.resolve("results"));
    ScenarioResults.write(results, ScenarioResults.LAB, "keyboard types", null);
    ScenarioResults.write(
        results, ScenarioResults.PIXEL, "keyboard types", FailureKind.LINK_DROPPED.message("0x08"));
    Path out = base.resolve("out");
    String allure = ReportTools.allure().toString();
    CliTest.Result r =
        CliTest.run(
            "report",
            "--results",
            results.toString(),
            "--out",
            out.toString(),
            "--allure",
            allure,
            "--bluez",
            "5.82");
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "hogrig report: 2 result(s) from 1 directory -> " + out.resolve("index.html") + "\n",
        r.out());
    assertTrue(Files.isRegularFile(out.resolve("index.html")));
    assertTrue(Files.readString(out.resolve("widgets/environment.json")).contains("5.82"));

    CliTest.Result again =
        CliTest.run(
            "report", "--results", results.toString(), "--out", out.toString(), "--allure", allure);
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.out().strip().endsWith("(history carried over)"), again.out());
  }

  @Test
  void noResultsIsOneLine(@TempDir Path base) throws Exception {
    Path empty = Files.createDirectories(base.resolve("results"));
    Path out = base.resolve("out");
    CliTest.Result r =
        CliTest.run(
            "report",
            "--results",
            empty.toString(),
            "--out",
            out.toString(),
            "--allure",
            ReportTools.allure().toString());
    CliTest.assertOneLineError(r);
    assertTrue(r.err().startsWith("hogrig report: no Allure results (*-result.json) in "), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void missingAllureCommandLineIsOneLine(@TempDir Path base) throws Exception {
    Path results = Files.createDirectories(base.resolve("results"));
    ScenarioResults.write(results, ScenarioResults.LAB, "keyboard types", null);
    Path out = base.resolve("out");
    CliTest.Result r =
        CliTest.run(
            "report",
            "--results",
            results.toString(),
            "--out",
            out.toString(),
            "--allure",
            base.resolve("no-allure").toString());
    CliTest.assertOneLineError(r);
    assertEquals(
        "hogrig report: no Allure command line at "
            + base.resolve("no-allure")
            + " (given with --allure)",
        r.err().strip());
    assertFalse(Files.exists(out), "nothing written");
  }

  @Test
  void missingResultsAreSaidBeforeAMissingCommandLine(@TempDir Path base) {
    CliTest.Result r =
        CliTest.run(
            "report",
            "--results",
            base.resolve("none").toString(),
            "--allure",
            base.resolve("no-allure").toString());
    CliTest.assertOneLineError(r);
    assertEquals(
        "hogrig report: no Allure results directory at " + base.resolve("none"), r.err().strip());
  }

  @Test
  void unwritableOutputIsOneLine(@TempDir Path base) throws Exception {
    Path results = Files.createDirectories(base.resolve("results"));
    ScenarioResults.write(results, ScenarioResults.LAB, "keyboard types", null);
    Path file = Files.writeString(base.resolve("a-file"), "x");
    CliTest.Result r =
        CliTest.run(
            "report",
            "--results",
            results.toString(),
            "--out",
            file.resolve("out").toString(),
            "--allure",
            ReportTools.allure().toString());
    CliTest.assertOneLineError(r);
    assertTrue(r.err().startsWith("hogrig report: cannot write the report at "), r.err());
  }
}
