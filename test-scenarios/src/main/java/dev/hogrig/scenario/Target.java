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
 *   adapter=hci0,host=AA:BB:..,probe=8765[@0.0.0.0]
 *                                the same, and the browser probe (dev.hogrig.probe) serving its page
 *                                on that port (0: any free one) and bind address (default
 *                                127.0.0.1), so the host's input is observed through its browser
 * </pre>
 *
 * @param labDir for {@link Kind#LAB}: the folder of a running lab, or empty to boot one
 * @param adapter for {@link Kind#HARDWARE}: the local adapter (hciN or its address)
 * @param hostAddress for {@link Kind#HARDWARE}: the host's Bluetooth address
 * @param probe for {@link Kind#HARDWARE}: where the browser probe listens, when the run uses one
 */
public record Target(
    Kind kind, Optional<Path> labDir, String adapter, String hostAddress, Optional<Probe> probe) {
  public static final String PARAMETER = "hogrig.scenario.target";

  private static final Pattern ADDRESS = Pattern.compile("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}");
  private static final Pattern ADAPTER = Pattern.compile("hci[0-9]+|" + ADDRESS.pattern());

  /** A target without a probe. */
  public Target(Kind kind, Optional<Path> labDir, String adapter, String hostAddress) {
    this(kind, labDir, adapter, hostAddress, Optional.empty());
  }

  /**
   * Where the probe server listens.
   *
   * @param bind an IP address literal or host name to bind to ({@code 0.0.0.0}: every interface)
   * @param port 0..65535, 0 for any free port
   */
  public record Probe(String bind, int port) {
    public static final String LOOPBACK = "127.0.0.1";

    /** {@code PORT} or {@code PORT@BIND}, as the target parameter writes it. */
    static Probe parseTarget(String value) {
      int at = value.indexOf('@');
      String port = at < 0 ? value : value.substring(0, at);
      String bind = at < 0 ? LOOPBACK : value.substring(at + 1);
      return of(bind, port, value);
    }

    /**
     * {@code PORT}, {@code BIND:PORT} or {@code [IPv6]:PORT}, as the command line's {@code --probe}
     * writes it.
     *
     * @throws ScenarioException saying what is wrong
     */
    public static Probe parseOption(String value) {
      int colon = value.lastIndexOf(':');
      if (colon < 0) {
        return of(LOOPBACK, value, value);
      }
      String bind = value.substring(0, colon);
      if (bind.startsWith("[") && bind.endsWith("]")) {
        bind = bind.substring(1, bind.length() - 1);
      }
      return of(bind, value.substring(colon + 1), value);
    }

    private static Probe of(String bind, String port, String whole) {
      int p;
      try {
        p = Integer.parseInt(port.strip());
      } catch (NumberFormatException e) {
        p = -1;
      }
      if (p < 0 || p > 65535) {
        throw new ScenarioException(
            "probe " + whole + ": the port must be a number 0..65535, got '" + port + "'");
      }
      if (bind.isBlank() || !bind.matches("[0-9A-Za-z.:%_-]+")) {
        throw new ScenarioException(
            "probe "
                + whole
                + ": the bind address must be an IP address or host name, got '"
                + bind
                + "'");
      }
      return new Probe(bind.strip(), p);
    }

    /** {@code PORT@BIND}. */
    public String format() {
      return port + "@" + bind;
    }
  }

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
    Optional<Probe> probe = Optional.empty();
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
        case "probe" -> {
          try {
            probe = Optional.of(Probe.parseTarget(val));
          } catch (ScenarioException e) {
            throw new ScenarioException(PARAMETER + "=" + value + ": " + e.getMessage());
          }
        }
        default ->
            throw new ScenarioException(
                PARAMETER + "=" + value + ": unknown key '" + key + "' (adapter, host, probe)");
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
    return new Target(
        Kind.HARDWARE, Optional.empty(), adapter, host.toUpperCase(Locale.ROOT), probe);
  }

  /** The parameter's value that {@link #parse} turns back into this target. */
  public String format() {
    if (kind == Kind.HARDWARE) {
      return "adapter="
          + adapter
          + ",host="
          + hostAddress
          + probe.map(p -> ",probe=" + p.format()).orElse("");
    }
    return labDir.map(d -> "lab:" + d).orElse("lab");
  }
}
