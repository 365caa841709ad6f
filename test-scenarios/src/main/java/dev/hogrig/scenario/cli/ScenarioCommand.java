package dev.hogrig.scenario.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

import com.google.common.collect.ImmutableSortedMap;
import dev.hogrig.cli.UsageException;
import dev.hogrig.lab.LabOptions;
import dev.hogrig.lab.VirtualLab;
import dev.hogrig.scenario.Rig;
import dev.hogrig.scenario.Scenario;
import dev.hogrig.scenario.ScenarioExtension;
import dev.hogrig.scenario.Target;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherFactory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code hogrig scenario list|run}: the scenario catalogue from the command line. */
@Command(
    name = "scenario",
    description = "List and run the scenario catalogue (the JUnit scenarios CI runs).",
    subcommands = {ScenarioCommand.ListScenarios.class, ScenarioCommand.Run.class},
    mixinStandardHelpOptions = true)
public final class ScenarioCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** A launcher that only discovers: it registers no listener (Allure's among them). */
  static Launcher discoveryOnly() {
    return LauncherFactory.create(
        LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
  }

  @Command(
      name = "list",
      description = "List the scenarios: name, what each does (--verbose: records, requires).",
      mixinStandardHelpOptions = true)
  static final class ListScenarios implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--verbose", description = "Also what each records and requires.")
    boolean verbose;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      ImmutableSortedMap<String, Class<?>> all = Catalogue.discover(discoveryOnly());
      int width = all.keySet().stream().mapToInt(String::length).max().orElse(4);
      for (Map.Entry<String, Class<?>> e : all.entrySet()) {
        Scenario s = e.getValue().getAnnotation(Scenario.class);
        out.printf("%-" + width + "s  %s%n", e.getKey(), s.summary());
        if (verbose) {
          out.printf("%-" + width + "s    records:  %s%n", "", s.records());
          out.printf("%-" + width + "s    requires: %s%n", "", s.requires());
        }
      }
      return 0;
    }
  }

  /** Where to run: the lab (booted or left running) or a real adapter and host. */
  static final class Where {
    @Option(
        names = "--lab",
        description =
            "In the virtual lab (the default): the one 'hogrig lab up' left running if there is"
                + " one, else a lab booted for this run.")
    boolean lab;

    @Option(
        names = "--dir",
        paramLabel = "DIR",
        description = "With --lab: use the lab 'hogrig lab up --dir DIR' left running.")
    Path dir;

    @Option(
        names = "--adapter",
        paramLabel = "hciN",
        description = "On this machine's adapter (needs --host).")
    String adapter;

    @Option(
        names = "--host",
        paramLabel = "ADDRESS",
        description = "The real host under test, by Bluetooth address (needs --adapter).")
    String host;

    @Option(
        names = "--probe",
        paramLabel = "[BIND:]PORT",
        description =
            "With --adapter/--host: observe the host's input through the browser probe, a page"
                + " served on PORT (0: any free) of BIND (default 127.0.0.1; 0.0.0.0 for a phone"
                + " or another computer). The page's address, with its token, is printed.")
    String probe;

    Target target() {
      if (probe != null && (adapter == null || host == null)) {
        throw new UsageException("--probe needs a real host: --adapter hciN --host ADDRESS");
      }
      if (adapter != null || host != null) {
        if (lab || dir != null) {
          throw new UsageException("--lab/--dir and --adapter/--host exclude each other");
        }
        if (adapter == null || host == null) {
          throw new UsageException("a real host needs both --adapter hciN and --host ADDRESS");
        }
        try {
          String p =
              probe == null ? "" : ",probe=" + Target.Probe.parseOption(probe.strip()).format();
          return Target.parse("adapter=" + adapter + ",host=" + host + p);
        } catch (dev.hogrig.scenario.ScenarioException e) {
          throw new UsageException(e.getMessage());
        }
      }
      if (dir != null) {
        return Target.parse("lab:" + dir.toAbsolutePath());
      }
      // The lab a plain 'hogrig lab up' left running, if any: booting a second one would cost
      // a minute and both cores.
      Path up = LabOptions.defaultCacheDir().resolve("up");
      if (Files.isRegularFile(up.resolve(VirtualLab.STATE_FILE))) {
        return Target.parse("lab:" + up);
      }
      return Target.lab();
    }
  }

  @Command(
      name = "run",
      description = {
        "Run scenarios by name (see 'hogrig scenario list'), with live host events and a summary"
            + " table; Allure results go to --results (turn them into HTML with 'hogrig report').",
        "Exit status: 0 all passed, 1 a scenario failed, 2 bad usage."
      },
      mixinStandardHelpOptions = true)
  static final class Run implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Scenario names, or 'all'.")
    List<String> names;

    @ArgGroup(exclusive = false)
    Where where = new Where();

    @Option(
        names = "--repeat",
        paramLabel = "N",
        defaultValue = "1",
        description = "Run the selection N times (default 1).")
    int repeat;

    @Option(
        names = "--cycles",
        paramLabel = "N",
        description = "Cycles of loop scenarios such as reconnect-loop (their default otherwise).")
    Integer cycles;

    @Option(
        names = "--results",
        paramLabel = "DIR",
        defaultValue = "hogrig-results/allure-results",
        description = "Where Allure results are written (default: ${DEFAULT-VALUE}).")
    Path results;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (repeat < 1) {
        throw new UsageException("--repeat must be at least 1, got " + repeat);
      }
      if (cycles != null && cycles < 1) {
        throw new UsageException("--cycles must be at least 1, got " + cycles);
      }
      Target target = where.target();
      List<Class<?>> chosen = select(names);
      Summary summary = execute(chosen, target, cycles, results, repeat, out);
      out.println("Allure results: " + results.toAbsolutePath() + " (HTML: hogrig report)");
      return summary.failed() ? 1 : 0;
    }
  }

  /**
   * The scenario classes {@code names} name ({@code all}: the whole catalogue), in that order.
   *
   * @throws UsageException for a name the catalogue does not have, listing those it has
   */
  static List<Class<?>> select(List<String> names) {
    ImmutableSortedMap<String, Class<?>> all = Catalogue.discover(discoveryOnly());
    List<Class<?>> chosen = new ArrayList<>();
    for (String n : names) {
      if (n.equals("all")) {
        chosen.addAll(all.values());
      } else if (all.containsKey(n)) {
        chosen.add(all.get(n));
      } else {
        throw new UsageException(
            "unknown scenario '" + n + "'; known: " + String.join(", ", all.keySet()));
      }
    }
    return chosen.stream().distinct().toList();
  }

  /**
   * Runs {@code classes} against {@code target} {@code repeat} times, printing progress and the
   * summary table to {@code out}; Allure results go to {@code results}.
   */
  static Summary execute(
      List<Class<?>> classes,
      Target target,
      Integer cycles,
      Path results,
      int repeat,
      PrintWriter out) {
    Map<String, String> config = new LinkedHashMap<>();
    config.put(Target.PARAMETER, target.format());
    if (cycles != null) {
      config.put(Rig.CYCLES, Integer.toString(cycles));
    }
    config.put(ScenarioExtension.WORK_DIR, results.toAbsolutePath().getParent().toString());
    // allure-junit5's listener fixes its results folder when it is made, which happens when a
    // launcher registers the listeners it finds: set it before the first such launcher.
    System.setProperty("allure.results.directory", results.toAbsolutePath().toString());
    Launcher launcher = LauncherFactory.create();
    ScenarioExtension.setLiveView(out::println);
    Summary summary = new Summary(out);
    LauncherDiscoveryRequest request =
        request()
            .selectors(classes.stream().map(c -> selectClass(c)).toList())
            .filters(TagFilter.includeTags(Scenario.TAG))
            .configurationParameters(config)
            .build();
    for (int i = 1; i <= repeat; i++) {
      summary.iteration(i, repeat);
      launcher.execute(request, summary);
    }
    out.flush();
    summary.print();
    return summary;
  }
}
