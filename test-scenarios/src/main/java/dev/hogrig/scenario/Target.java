package dev.hogrig.scenario;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where scenarios run, from the configuration parameter {@value #PARAMETER} (a JUnit configuration
 * parameter, so {@code -Dhogrig.scenario.target=...} works for Surefire and the command line sets
 * it from its options):
 *
 * <pre>
 *   lab                          boot a virtual lab for this run (the default)
 *   lab:DIR                      use the lab 'hogrig lab up --dir DIR' left running
 *   adapter=hci0,host=AA:BB:..   a real adapter of this machine's BlueZ, a real host by address
 * </pre>
 *
 * @param labDir for {@link Kind#LAB}: the folder of a running lab, or empty to boot one
 * @param adapter for {@link Kind#HARDWARE}: the local adapter (hciN or its address)
 * @param hostAddress for {@link Kind#HARDWARE}: the host's Bluetooth address
 */
public record Target(Kind kind, Optional<Path> labDir, String adapter, String hostAddress) {
  public static final String PARAMETER = "hogrig.scenario.target";

  private static final Pattern ADDRESS = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  private static final Pattern ADAPTER = Pattern.compile("hci[0-9]+|" + ADDRESS.pattern());

  public enum Kind {
    /** The virtual lab: real BlueZ on both sides, the guest's Linux as the host. */
    LAB,
    /** This machine's Bluetooth adapter and a real host under test. */
    HARDWARE
  }

  public static Target lab() {
    return new Target(Kind.LAB, Optional.empty(), "", "");
  }

  /**
   * Parses the parameter's value.
   *
   * @throws ScenarioException naming the part that is wrong
   */
  public static Target parse(String value) {
    String v = value.strip();
    if (v.isEmpty() || v.equals("lab")) {
      return lab();
    }
    if (v.startsWith("lab:")) {
      String dir = v.substring(4);
      if (dir.isBlank()) {
        throw new ScenarioException(PARAMETER + "=" + value + ": 'lab:' needs the lab's folder");
      }
      return new Target(Kind.LAB, Optional.of(Path.of(dir)), "", "");
    }
    String adapter = null;
    String host = null;
    for (String part : v.split(",")) {
      int eq = part.indexOf('=');
      if (eq < 0) {
        throw new ScenarioException(
            PARAMETER
                + "="
                + value
                + ": expected 'lab', 'lab:DIR' or 'adapter=hciN,host=ADDRESS', got '"
                + part
                + "'");
      }
      String key = part.substring(0, eq).strip().toLowerCase(Locale.ROOT);
      String val = part.substring(eq + 1).strip();
      switch (key) {
        case "adapter" -> adapter = val;
        case "host" -> host = val;
        default ->
            throw new ScenarioException(
                PARAMETER + "=" + value + ": unknown key '" + key + "' (adapter, host)");
      }
    }
    if (adapter == null || !ADAPTER.matcher(adapter).matches()) {
      throw new ScenarioException(
          PARAMETER + "=" + value + ": adapter must be hciN or an address, got " + adapter);
    }
    if (host == null || !ADDRESS.matcher(host).matches()) {
      throw new ScenarioException(
          PARAMETER
              + "="
              + value
              + ": host must be a Bluetooth address AA:BB:CC:DD:EE:FF, got "
              + host);
    }
    return new Target(Kind.HARDWARE, Optional.empty(), adapter, host.toUpperCase(Locale.ROOT));
  }

  /** The parameter's value that {@link #parse} turns back into this target. */
  public String format() {
    if (kind == Kind.HARDWARE) {
      return "adapter=" + adapter + ",host=" + hostAddress;
    }
    return labDir.map(d -> "lab:" + d).orElse("lab");
  }
}
