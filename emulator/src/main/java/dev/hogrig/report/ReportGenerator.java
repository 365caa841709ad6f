package dev.hogrig.report;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Turns Allure results directories into one static HTML report, with the rig's categories, the
 * environment and the history of the previous report, and never leaves a half-written report.
 *
 * <pre>
 *  results dirs ──hard link──▶ OUT.staging-X/results/ ──allure generate --clean──▶ OUT.staging-X/report
 *  (only read)                   *-result.json, attachments              │
 *  rig ──────────────────────▶   categories.json                        rename (old OUT aside,
 *  OUT/history/ ──copy───────▶   environment.properties                  deleted last)
 *                                history/                                ▼
 *                                                                        OUT
 * </pre>
 *
 * <p>One merged results directory, not Allure's several: allure-generator applies a results
 * directory's {@code categories.json} only to the results of that directory (each is a "launch"),
 * so a categories file in a directory of its own categorised nothing (found with 2.34.1).
 *
 * <p>History: Allure keeps trends by reading a {@code history/} folder from its results and writing
 * an updated one into the report (Allure docs, "History and retries"); copying the previous
 * report's {@code history/} into the results is how its own CI plugins carry it over. The results
 * directories are only read: everything is assembled in a staging directory beside the output, on
 * the same file system.
 *
 * <p>Atomicity: the report is generated into the staging directory (same parent, so same file
 * system) and renamed into place only after Allure succeeded; the previous report is renamed aside
 * and deleted last. A failed run leaves the previous report as it was.
 */
public final class ReportGenerator {
  /** How long {@code allure generate} may run; a few seconds for the rig's reports. */
  static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final Path allure;

  /** A generator that runs the Allure command line at {@code allure} ({@link AllureCli#locate}). */
  public ReportGenerator(Path allure) {
    this.allure = allure;
  }

  /**
   * What was generated.
   *
   * @param report the report directory ({@code index.html} inside)
   * @param resultsDirs the results directories that had results, in the order given
   * @param results how many test results ({@code *-result.json}) they held
   * @param historyCarried whether a previous report's history was carried over
   */
  public record Generated(
      Path report, ImmutableList<Path> resultsDirs, int results, boolean historyCarried) {}

  /**
   * The results directories under {@code repoRoot} as the build leaves them: {@code
   * MODULE/target/allure-results}, sorted by module.
   */
  public static ImmutableList<Path> defaultResults(Path repoRoot) {
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> modules = Files.newDirectoryStream(repoRoot)) {
      for (Path m : modules) {
        Path r = m.resolve("target/allure-results");
        if (Files.isDirectory(r)) {
          found.add(r);
        }
      }
    } catch (IOException e) {
      throw new ReportException("cannot list " + repoRoot + ": " + e.getMessage(), e);
    }
    found.sort(null);
    return ImmutableList.copyOf(found);
  }

  /**
   * Generates the report of {@code resultsDirs} at {@code out}, replacing what was there.
   *
   * @throws ReportException when no directory holds a result, a directory does not exist, {@code
   *     out} cannot be written, or Allure fails (with the tail of its output); {@code out} is then
   *     unchanged
   */
  public Generated generate(List<Path> resultsDirs, Path out, EnvironmentInfo environment) {
    List<Path> withResults = withResults(resultsDirs);
    int results = 0;
    for (Path d : withResults) {
      results += countResults(d);
    }

    Path target = out.toAbsolutePath().normalize();
    checkReplaceable(target);
    Path parent = target.getParent();
    Path staging = createStaging(parent, target);
    try {
      Path merged = staging.resolve("results");
      Files.createDirectories(merged);
      for (Path d : withResults) {
        linkOrCopyTree(d, merged);
      }
      Categories.write(merged);
      environment.write(merged);
      boolean history = Files.isDirectory(target.resolve("history"));
      if (history) {
        Files2.deleteTree(merged.resolve("history"));
        Files2.copyTree(target.resolve("history"), merged.resolve("history"));
      }
      Path report = staging.resolve("report");
      runAllure(staging, merged, report);
      if (!Files.isRegularFile(report.resolve("index.html"))) {
        throw new ReportException(
            "Allure exited 0 but wrote no index.html in "
                + report
                + "; see "
                + staging.resolve("allure.log"));
      }
      replace(target, report, staging);
      return new Generated(target, ImmutableList.copyOf(withResults), results, history);
    } catch (IOException e) {
      throw new ReportException("cannot write the report at " + target + ": " + e.getMessage(), e);
    } finally {
      try {
        Files2.deleteTree(staging);
      } catch (IOException e) {
        // The staging directory starts with a dot and is replaced next time; not worth failing.
      }
    }
  }

  /**
   * The directories of {@code resultsDirs} that hold at least one test result, in order; what
   * {@link #generate} will report. A command checks this before it looks for Allure, so a person
   * hears about missing results first.
   *
   * @throws ReportException when a directory does not exist or none holds a result
   */
  public static ImmutableList<Path> withResults(List<Path> resultsDirs) {
    List<Path> withResults = new ArrayList<>();
    for (Path d : resultsDirs) {
      if (!Files.isDirectory(d)) {
        throw new ReportException("no Allure results directory at " + d);
      }
      if (countResults(d) > 0) {
        withResults.add(d);
      }
    }
    if (withResults.isEmpty()) {
      throw new ReportException(
          "no Allure results (*-result.json) in "
              + (resultsDirs.isEmpty() ? "any results directory" : join(resultsDirs))
              + "; run the tests first (mvn verify) or name directories with --results");
    }
    return ImmutableList.copyOf(withResults);
  }

  /**
   * Refuses to replace anything but an earlier report: {@code --out} pointing at a source folder by
   * mistake must not cost its contents.
   */
  private static void checkReplaceable(Path target) {
    if (!Files.exists(target)) {
      return;
    }
    if (!Files.isDirectory(target)) {
      throw new ReportException("cannot write the report at " + target + ": it is a file");
    }
    try (Stream<Path> s = Files.list(target)) {
      if (s.findAny().isPresent() && !Files.isRegularFile(target.resolve("index.html"))) {
        throw new ReportException(
            "not replacing "
                + target
                + ": it is not empty and holds no Allure report (no index.html); name another --out");
      }
    } catch (IOException e) {
      throw new ReportException("cannot write the report at " + target + ": " + e.getMessage(), e);
    }
  }

  private static Path createStaging(Path parent, Path target) {
    try {
      Files.createDirectories(parent);
      return Files.createTempDirectory(parent, "." + target.getFileName() + ".staging-");
    } catch (AccessDeniedException e) {
      throw new ReportException(
          "cannot write the report at " + target + ": " + parent + " is not writable");
    } catch (IOException e) {
      throw new ReportException(
          "cannot write the report at "
              + target
              + ": cannot create a directory in "
              + parent
              + " ("
              + e.getMessage()
              + ")",
          e);
    }
  }

  private void runAllure(Path staging, Path results, Path report) throws IOException {
    List<String> cmd = new ArrayList<>();
    if (!Files.isExecutable(allure)) {
      // Maven's dependency:unpack does not keep the zip's exec bits.
      cmd.add("sh");
    }
    cmd.add(allure.toString());
    cmd.add("generate");
    cmd.add("--clean");
    cmd.add("-o");
    cmd.add(report.toString());
    cmd.add(results.toString());
    Path log = staging.resolve("allure.log");
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    if (!env.containsKey("JAVA_HOME")) {
      // The allure script runs "java" from JAVA_HOME or the PATH: use the JVM running us.
      env.put("JAVA_HOME", System.getProperty("java.home"));
    }
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new ReportException(
          "cannot run the Allure command line " + allure + ": " + e.getMessage(), e);
    }
    try {
      if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        throw new ReportException(
            "allure generate did not finish within " + TIMEOUT.toMinutes() + " minutes");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ReportException("interrupted while allure generate ran", e);
    }
    if (p.exitValue() != 0) {
      throw new ReportException(
          "allure generate failed (exit " + p.exitValue() + "): " + tail(log));
    }
  }

  /** Puts {@code report} at {@code target}: old one aside, new one in, old one deleted. */
  private static void replace(Path target, Path report, Path staging) throws IOException {
    Path old = staging.resolve("previous");
    boolean hadOld = Files.exists(target);
    if (hadOld) {
      Files.move(target, old);
    }
    try {
      Files.move(report, target);
    } catch (IOException e) {
      if (hadOld) {
        Files.move(old, target);
      }
      throw e;
    }
  }

  /**
   * Puts every file under {@code from} at the same relative path under {@code to}: a hard link
   * where the file system allows one (results hold megabytes of captures, and nothing writes to
   * them), else a copy. Allure names results and attachments by UUID, so files of different
   * directories do not collide; a name already there (two modules' {@code executor.json}) keeps the
   * first.
   */
  private static void linkOrCopyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path f : s.toList()) {
        Path dest = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(dest);
        } else if (!Files.exists(dest)) {
          try {
            Files.createLink(dest, f);
          } catch (IOException | UnsupportedOperationException e) {
            Files.copy(f, dest);
          }
        }
      }
    }
  }

  private static int countResults(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return (int) s.filter(p -> p.getFileName().toString().endsWith("-result.json")).count();
    } catch (IOException e) {
      throw new ReportException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The last non-empty line of Allure's output, the one that says what went wrong. */
  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      for (int i = lines.size() - 1; i >= 0; i--) {
        if (!lines.get(i).isBlank()) {
          return lines.get(i).strip();
        }
      }
      return "(no output)";
    } catch (IOException e) {
      return "(no output)";
    }
  }

  private static String join(List<Path> paths) {
    StringBuilder sb = new StringBuilder();
    for (Path p : paths) {
      sb.append(sb.length() == 0 ? "" : ", ").append(p);
    }
    return sb.toString();
  }
}
