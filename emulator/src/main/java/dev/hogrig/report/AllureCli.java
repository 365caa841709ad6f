package dev.hogrig.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Allure 2 command line. The build does not put it on the PATH: the {@code reports}
 * module unpacks Maven Central's {@code io.qameta.allure:allure-commandline} zip into {@code
 * reports/target/allure-cli/allure-VERSION/}, so that is where it is looked for, after a path the
 * person named.
 */
public final class AllureCli {
  /** The version the {@code reports} module unpacks (its {@code allure.cli.version}). */
  public static final String VERSION = "2.34.1";

  /** Where the build puts it, relative to the repository root. */
  public static final String BUILD_PATH =
      "reports/target/allure-cli/allure-" + VERSION + "/bin/allure";

  private AllureCli() {}

  /**
   * The command line to run.
   *
   * @param explicit a path the person gave ({@code --allure}); it must exist
   * @param repoRoot the repository whose build may have unpacked it
   * @throws ReportException saying how to get it when it is in neither place
   */
  public static Path locate(Optional<Path> explicit, Path repoRoot) {
    if (explicit.isPresent()) {
      Path p = explicit.get();
      if (!Files.isRegularFile(p)) {
        throw new ReportException("no Allure command line at " + p + " (given with --allure)");
      }
      return p;
    }
    Path built = repoRoot.resolve(BUILD_PATH);
    if (Files.isRegularFile(built)) {
      return built;
    }
    throw new ReportException(
        "no Allure command line at "
            + built
            + "; unpack it with 'mvn -pl reports package' in "
            + repoRoot
            + " or name one with --allure PATH");
  }

  /**
   * The repository root above {@code start}: the nearest directory with a {@code pom.xml} and a
   * {@code reports/} folder, or {@code start} itself when there is none.
   */
  public static Path repoRoot(Path start) {
    Path abs = start.toAbsolutePath().normalize();
    for (Path p = abs; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("reports"))) {
        return p;
      }
    }
    return abs;
  }
}
