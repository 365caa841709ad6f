package dev.hogrig.scenario.cli;

import dev.hogrig.cli.UsageException;
import dev.hogrig.report.AllureCli;
import dev.hogrig.report.EnvironmentInfo;
import dev.hogrig.report.ReportException;
import dev.hogrig.report.ReportGenerator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hogrig demo}: the rig's main job in one command. Boots the virtual lab (or uses the one
 * {@code hogrig lab up} left running), runs a representative set of the catalogue against its Linux
 * host, writes the Allure HTML report and prints where it is.
 */
@Command(
    name = "demo",
    description = {
      "Run a representative set of scenarios in the virtual lab (first pairing, typing, touchpad"
          + " A/B and a reconnect loop, those the catalogue has) and write the HTML report.",
      "Exit status: 0 all passed, 1 a scenario failed, 2 bad usage or no report."
    },
    mixinStandardHelpOptions = true)
public final class DemoCommand implements Callable<Integer> {
  /** The set, in running order; names the catalogue does not have (yet) are left out. */
  static final List<String> SET =
      List.of("first-pairing", "typing", "touchpad-ab", "unbonded-input", "reconnect-loop");

  @Spec CommandSpec spec;

  @Option(
      names = "--cycles",
      paramLabel = "N",
      defaultValue = "20",
      description = "Cycles of the reconnect loop (default ${DEFAULT-VALUE}).")
  int cycles;

  @Option(
      names = "--results",
      paramLabel = "DIR",
      defaultValue = "hogrig-results/allure-results",
      description = "Allure results of this run (emptied first; default ${DEFAULT-VALUE}).")
  Path results;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      defaultValue = "hogrig-results/allure-report",
      description =
          "The HTML report (history kept from the previous one; default ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    if (cycles < 1) {
      throw new UsageException("--cycles must be at least 1, got " + cycles);
    }
    Set<String> known = Catalogue.discover(ScenarioCommand.discoveryOnly()).keySet();
    List<String> names = new ArrayList<>();
    for (String n : SET) {
      if (known.contains(n)) {
        names.add(n);
      }
    }
    Path root = AllureCli.repoRoot(Path.of(""));
    Path cli;
    try {
      cli = AllureCli.locate(Optional.empty(), root);
    } catch (ReportException e) {
      throw new UsageException(e.getMessage());
    }
    clearResults(results);
    w.println("hogrig demo: scenarios " + String.join(", ", names) + " in the virtual lab");
    Summary summary =
        ScenarioCommand.execute(
            ScenarioCommand.select(names),
            new ScenarioCommand.Where().target(),
            cycles,
            results,
            1,
            w);
    ReportGenerator.Generated g;
    try {
      g =
          new ReportGenerator(cli)
              .generate(List.of(results), out.toAbsolutePath(), EnvironmentInfo.detect());
    } catch (ReportException e) {
      throw new UsageException("the scenarios ran, the report was not written: " + e.getMessage());
    }
    w.printf(
        "hogrig demo: report of %d result(s) at %s%s%n"
            + "  open it through a web server, e.g. 'hogrig report --results %s --out %s --open'%n",
        g.results(),
        g.report().resolve("index.html"),
        g.historyCarried() ? " (history carried over)" : "",
        results,
        out);
    return summary.failed() ? 1 : 0;
  }

  /**
   * Removes the Allure files of an earlier run from {@code dir}, so the report shows this run (its
   * history comes from the previous report, not from old results). Only Allure's own files go.
   */
  static void clearResults(Path dir) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> files =
        Files.newDirectoryStream(dir, "*-{result.json,container.json,attachment,attachment.*}")) {
      for (Path f : files) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UsageException("cannot clear the old results in " + dir + ": " + e.getMessage());
    }
  }
}
