package dev.hogrig.cli;

import dev.hogrig.report.AllureCli;
import dev.hogrig.report.EnvironmentInfo;
import dev.hogrig.report.ReportException;
import dev.hogrig.report.ReportGenerator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code hogrig report}: the Allure results the tests and scenarios wrote, as one static HTML
 * report, offline. The same step the build runs in the {@code reports} module, with the rig's
 * failure categories, the environment and the previous report's history.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = {
      "Generates the static Allure HTML report of the rig's results (offline).",
      "Default: every */target/allure-results of the repository around the current directory,"
          + " into reports/target/allure-report. The previous report's history (trends) is"
          + " carried over; a failed run leaves the previous report as it was."
    })
final class ReportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--results",
      arity = "1..*",
      paramLabel = "DIR",
      description = "Allure results directories (default: */target/allure-results).")
  List<Path> results = new ArrayList<>();

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Report directory (default: reports/target/allure-report).")
  Path out;

  @Option(
      names = "--allure",
      paramLabel = "PATH",
      description = "Allure command line (default: " + AllureCli.BUILD_PATH + ").")
  Path allure;

  @Option(
      names = "--bluez",
      paramLabel = "VERSION",
      description = "BlueZ version to name in the report's environment, e.g. 5.82.")
  String bluez;

  @Option(
      names = "--open",
      description =
          "Then serve the report on a loopback port and open it (allure open; Ctrl-C" + " ends).")
  boolean open;

  @Override
  public Integer call() throws Exception {
    Path root = AllureCli.repoRoot(Path.of(""));
    List<Path> dirs = results.isEmpty() ? ReportGenerator.defaultResults(root) : results;
    Path target = out != null ? out : root.resolve("reports/target/allure-report");
    EnvironmentInfo env = EnvironmentInfo.detect();
    if (bluez != null) {
      env = env.with(EnvironmentInfo.BLUEZ, bluez);
    }
    ReportGenerator.Generated g;
    Path cli;
    try {
      ReportGenerator.withResults(dirs);
      cli = AllureCli.locate(Optional.ofNullable(allure), root);
      g = new ReportGenerator(cli).generate(dirs, target, env);
    } catch (ReportException e) {
      throw new UsageException(e.getMessage());
    }
    spec.commandLine()
        .getOut()
        .printf(
            "hogrig report: %d result(s) from %d director%s -> %s%s%n",
            g.results(),
            g.resultsDirs().size(),
            g.resultsDirs().size() == 1 ? "y" : "ies",
            g.report().resolve("index.html"),
            g.historyCarried() ? " (history carried over)" : "");
    if (open) {
      List<String> cmd = new ArrayList<>();
      if (!java.nio.file.Files.isExecutable(cli)) {
        cmd.add("sh");
      }
      cmd.add(cli.toString());
      cmd.add("open");
      cmd.add(g.report().toString());
      ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
      pb.environment().putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
      return pb.start().waitFor() == 0 ? 0 : 1;
    }
    return 0;
  }
}
