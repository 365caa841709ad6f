package dev.hogrig.report;

import com.google.common.collect.ImmutableMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the report's Overview page shows under "Environment": the rig's version, the Java and
 * operating system it ran on, the BlueZ it drove (when the caller knows it) and the machine.
 *
 * <p>Allure reads these from {@code environment.properties} in a results directory
 * (allure-generator {@code EnvironmentPlugin}), a {@link java.util.Properties} file. Keys here are
 * single words, so they need no escaping; values are escaped as {@code Properties.store} does.
 *
 * @param entries key to value, in the order the report lists them
 */
public record EnvironmentInfo(ImmutableMap<String, String> entries) {
  /** Key of the rig's version. */
  public static final String RIG = "hogrig";

  /** Key of the BlueZ version (the lab's guest daemon or the machine's). */
  public static final String BLUEZ = "BlueZ";

  /**
   * The rig, Java, OS and machine this JVM runs on; no BlueZ entry (add one with {@link #with}).
   */
  public static EnvironmentInfo detect() {
    Map<String, String> m = new LinkedHashMap<>();
    String v = EnvironmentInfo.class.getPackage().getImplementationVersion();
    m.put(RIG, v == null ? "dev" : v);
    m.put(
        "Java",
        System.getProperty("java.runtime.version", System.getProperty("java.version"))
            + " ("
            + System.getProperty("java.vm.vendor", "?")
            + ")");
    String os = System.getProperty("os.name") + " " + System.getProperty("os.version");
    m.put("OS", osRelease().map(pretty -> pretty + ", " + os).orElse(os));
    m.put(
        "Machine",
        hostName()
            + " ("
            + System.getProperty("os.arch")
            + ", "
            + Runtime.getRuntime().availableProcessors()
            + " CPUs)");
    return new EnvironmentInfo(ImmutableMap.copyOf(m));
  }

  /** These entries and {@code key = value} (replacing an entry of that key). */
  public EnvironmentInfo with(String key, String value) {
    Map<String, String> m = new LinkedHashMap<>(entries);
    m.put(key, value);
    return new EnvironmentInfo(ImmutableMap.copyOf(m));
  }

  /** The properties text, one {@code key=value} line per entry, in order. */
  public String properties() {
    StringBuilder out = new StringBuilder();
    entries.forEach(
        (k, v) -> out.append(escape(k, true)).append('=').append(escape(v, false)).append('\n'));
    return out.toString();
  }

  /** Writes {@code environment.properties} into {@code resultsDir}. */
  public void write(Path resultsDir) throws IOException {
    Files2.writeAtomically(
        resultsDir.resolve("environment.properties"),
        properties().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Properties escaping: backslash, line breaks, key separators, and non-Latin-1 as \\uXXXX. */
  private static String escape(String s, boolean key) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '=', ':', '#', '!' -> out.append('\\').append(c);
        case ' ' -> out.append(key || i == 0 ? "\\ " : " ");
        default -> {
          if (c > 0xff) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }

  private static Optional<String> osRelease() {
    try {
      for (String line : Files.readAllLines(Path.of("/etc/os-release"))) {
        if (line.startsWith("PRETTY_NAME=")) {
          return Optional.of(line.substring("PRETTY_NAME=".length()).replace("\"", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or not readable: the OS name and version say enough.
    }
    return Optional.empty();
  }

  private static String hostName() {
    try {
      String h = Files.readString(Path.of("/etc/hostname")).strip();
      if (!h.isEmpty()) {
        return h;
      }
    } catch (IOException | RuntimeException e) {
      // Fall through to the environment.
    }
    String env = System.getenv("HOSTNAME");
    return env == null ? "unknown host" : env;
  }
}
