package dev.hogrig.report;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The real tools the report tests run: the Allure command line and Chromium. The emulator's tests
 * run before the {@code reports} module unpacks Allure, so on a fresh build the zip Maven already
 * downloaded into the local repository (the {@code reports} module's dependency) is unpacked into
 * {@code target/allure-cli} here.
 */
public final class ReportTools {
  private ReportTools() {}

  public static synchronized Path allure() throws IOException {
    Path built = Path.of("..").resolve(AllureCli.BUILD_PATH);
    if (Files.isRegularFile(built)) {
      return built.toAbsolutePath().normalize();
    }
    Path own = Path.of("target/allure-cli/allure-" + AllureCli.VERSION + "/bin/allure");
    if (Files.isRegularFile(own)) {
      return own.toAbsolutePath();
    }
    String repo =
        System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
    Path zip =
        Path.of(repo, "io/qameta/allure/allure-commandline", AllureCli.VERSION)
            .resolve("allure-commandline-" + AllureCli.VERSION + ".zip");
    assumeTrue(
        Files.isRegularFile(zip),
        "no Allure command line: neither "
            + built
            + " nor "
            + zip
            + "; run 'mvn -pl reports package' once");
    unzip(zip, Path.of("target/allure-cli"));
    return own.toAbsolutePath();
  }

  static Path chromium() {
    for (String p : new String[] {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
      if (Files.isExecutable(Path.of(p))) {
        return Path.of(p);
      }
    }
    assumeTrue(false, "no Chromium at /usr/bin/chromium; scripts/setup installs Debian's chromium");
    return null;
  }

  private static void unzip(Path zip, Path into) throws IOException {
    Path tmp = Files.createTempDirectory(Files.createDirectories(into), ".unzip-");
    try (InputStream in = Files.newInputStream(zip);
        ZipInputStream z = new ZipInputStream(in)) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
        Path to = tmp.resolve(e.getName()).normalize();
        if (!to.startsWith(tmp)) {
          throw new IOException("zip entry outside the target: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(to);
        } else {
          Files.createDirectories(to.getParent());
          Files.copy(z, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Path dir = tmp.resolve("allure-" + AllureCli.VERSION);
    Files.move(dir, into.resolve("allure-" + AllureCli.VERSION), StandardCopyOption.ATOMIC_MOVE);
    Files2.deleteTree(tmp);
  }
}
