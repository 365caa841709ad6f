package dev.hogrig.hci;

import com.google.common.collect.ImmutableMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A controller's packet counters as the Linux kernel keeps them ({@code struct hci_dev_stats}, read
 * with the {@code HCIGETDEVINFO} ioctl) and {@code hciconfig [-a] hciN} prints them:
 *
 * <pre>
 * hci1:   Type: Primary  Bus: Virtual
 *         ...
 *         RX bytes:0 acl:12 sco:0 events:40 errors:0
 *         TX bytes:209 acl:9 sco:0 commands:38 errors:0
 * </pre>
 *
 * Where the kernel (6.1) counts: {@code events} and {@code acl} (RX) after the core processed the
 * packet ({@code hci_event_packet}, {@code hci_acldata_packet}), always after the monitor got its
 * copy; {@code commands} and {@code acl} (TX) in the driver once the controller took the packet
 * (vhci: when btvirt read it), also after the monitor's copy. Bytes are driver-specific: vhci
 * counts no RX bytes at all, and its TX bytes include the H4 type byte of every packet plus the 4
 * bytes of its own vendor packet announcing the index; they are parsed but not compared.
 */
public record HciCounters(
    String controller,
    long rxBytes,
    long rxAcl,
    long rxSco,
    long rxEvents,
    long rxErrors,
    long txBytes,
    long txAcl,
    long txSco,
    long txCommands,
    long txErrors) {
  private static final Pattern NAME = Pattern.compile("(?m)^(hci\\d+):");
  private static final Pattern RX =
      Pattern.compile("RX bytes:(\\d+) acl:(\\d+) sco:(\\d+) events:(\\d+) errors:(\\d+)");
  private static final Pattern TX =
      Pattern.compile("TX bytes:(\\d+) acl:(\\d+) sco:(\\d+) commands:(\\d+) errors:(\\d+)");

  /** The controller index of a name such as {@code hci2}. */
  public int index() {
    return Integer.parseInt(controller.substring(3));
  }

  /** Parses the first controller block of {@code hciconfig [-a] hciN} output. */
  public static HciCounters parse(String text) {
    ImmutableMap<String, HciCounters> all = parseAll(text);
    if (all.isEmpty()) {
      throw HciFormatException.text(
          "no \"hciN:\" block with RX and TX counter lines in hciconfig output: "
              + abbreviate(text));
    }
    return all.values().iterator().next();
  }

  /**
   * Parses every controller block ({@code hciconfig -a} without a name prints all), keyed by name.
   * A block that names a controller but lacks either counter line throws.
   */
  public static ImmutableMap<String, HciCounters> parseAll(String text) {
    Matcher names = NAME.matcher(text);
    ImmutableMap.Builder<String, HciCounters> out = ImmutableMap.builder();
    java.util.Map<String, HciCounters> seen = new java.util.LinkedHashMap<>();
    int start = names.find() ? names.start() : -1;
    while (start >= 0) {
      String name = names.group(1);
      int end = names.find() ? names.start() : text.length();
      String block = text.substring(start, end);
      Matcher rx = RX.matcher(block);
      Matcher tx = TX.matcher(block);
      if (!rx.find() || !tx.find()) {
        throw HciFormatException.text(
            "line "
                + lineOf(text, start)
                + ": block of "
                + name
                + " has no \"RX bytes:.. acl:.. sco:.. events:.. errors:..\" and \"TX bytes:.."
                + " acl:.. sco:.. commands:.. errors:..\" lines");
      }
      try {
        seen.putIfAbsent(
            name,
            new HciCounters(
                name,
                Long.parseLong(rx.group(1)),
                Long.parseLong(rx.group(2)),
                Long.parseLong(rx.group(3)),
                Long.parseLong(rx.group(4)),
                Long.parseLong(rx.group(5)),
                Long.parseLong(tx.group(1)),
                Long.parseLong(tx.group(2)),
                Long.parseLong(tx.group(3)),
                Long.parseLong(tx.group(4)),
                Long.parseLong(tx.group(5))));
      } catch (NumberFormatException e) {
        throw HciFormatException.text(
            "line " + lineOf(text, start) + ": counter of " + name + " out of range");
      }
      start = end < text.length() ? end : -1;
    }
    out.putAll(seen);
    return out.buildOrThrow();
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }

  private static String abbreviate(String s) {
    String one = s.replace('\n', ' ').strip();
    return one.length() > 80 ? one.substring(0, 80) + "..." : "\"" + one + "\"";
  }
}
