package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A device recording in hid-tools' {@code hid-recorder} format ({@code .hid} files), the way people
 * attach "what my device sends" to bug reports. Reading them lets the rig replay a real device.
 *
 * <pre>
 * # Logitech MX Anywhere 3            '#' lines: comments (hid-recorder's decoded output)
 * N: Logitech MX Anywhere 3           device name
 * P: usb-0000:00:14.0-1/input2        physical path (optional)
 * I: 5 046d b025                      bus, vendor, product: hex
 * R: 4 05 01 09 02                    descriptor: length in decimal, then that many hex bytes
 * D: 0                                device index of multi-device recordings (ignored)
 * E: 000000.004019 3 02 01 00         event: seconds.microseconds, length, hex bytes
 * </pre>
 *
 * @param bus the Linux bus type ({@code BUS_USB} 3, {@code BUS_BLUETOOTH} 5)
 * @param events in file order, timestamps in microseconds since the recording started
 */
public record HidRecording(
    String name,
    int bus,
    int vendorId,
    int productId,
    String phys,
    Bytes descriptor,
    ImmutableList<HidRecording.Event> events) {

  /**
   * One report the device sent.
   *
   * @param data the report as USB and uhid carry it: the report ID byte first when the descriptor
   *     uses report IDs
   * @param line the 1-based line of the {@code E:} line in the recording, so that a report that
   *     does not fit the descriptor can be named where it is
   */
  public record Event(long timestampMicros, Bytes data, int line) {}

  private static final Pattern IDS =
      Pattern.compile("([0-9a-fA-F]{1,8})\\s+([0-9a-fA-F]{1,4})\\s+([0-9a-fA-F]{1,4})\\s*");
  private static final Pattern TIMESTAMP = Pattern.compile("([0-9]{1,12})\\.([0-9]{1,6})");
  private static final Pattern HEX_BYTE = Pattern.compile("[0-9a-fA-F]{2}");

  /**
   * Parses a recording.
   *
   * @throws TextCompileException naming the line (and column) of the first malformed line, or of
   *     the end when there is no {@code R:} line
   */
  public static HidRecording parse(String text) {
    String name = "";
    String phys = "";
    int bus = 0;
    int vendor = 0;
    int product = 0;
    Bytes descriptor = null;
    List<Event> events = new ArrayList<>();
    String[] lines = text.split("\r\n|\n|\r", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i];
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int lead = line.indexOf(trimmed.charAt(0));
      if (trimmed.length() < 2 || trimmed.charAt(1) != ':') {
        throw new TextCompileException(
            lineNo, lead + 1, "expected a line starting N:, I:, P:, R:, D:, E: or #");
      }
      String body = trimmed.substring(2).strip();
      int bodyCol =
          lead + 3 + (trimmed.substring(2).length() - trimmed.substring(2).stripLeading().length());
      switch (trimmed.charAt(0)) {
        case 'N' -> name = body;
        case 'P' -> phys = body;
        case 'D' -> {}
        case 'I' -> {
          Matcher m = IDS.matcher(body);
          if (!m.matches()) {
            throw new TextCompileException(
                lineNo,
                bodyCol,
                "expected \"I: bus vendor product\" in hex, e.g. \"I: 5 046d b025\"");
          }
          bus = (int) Long.parseLong(m.group(1), 16);
          vendor = Integer.parseInt(m.group(2), 16);
          product = Integer.parseInt(m.group(3), 16);
        }
        case 'R' -> {
          if (descriptor != null) {
            throw new TextCompileException(
                lineNo, lead + 1, "a second R: line; one descriptor only");
          }
          descriptor = lengthAndBytes(body, lineNo, bodyCol, "R: length bytes...");
        }
        case 'E' -> {
          String[] parts = body.split("\\s+", 2);
          Matcher m = TIMESTAMP.matcher(parts[0]);
          if (!m.matches()) {
            throw new TextCompileException(
                lineNo, bodyCol, "expected a timestamp seconds.microseconds, e.g. 000000.004019");
          }
          String frac = (m.group(2) + "00000").substring(0, 6);
          long micros = Long.parseLong(m.group(1)) * 1_000_000L + Long.parseLong(frac);
          String rest = parts.length > 1 ? parts[1] : "";
          int restCol = bodyCol + body.length() - rest.length();
          events.add(
              new Event(
                  micros,
                  lengthAndBytes(rest, lineNo, restCol, "E: time length bytes..."),
                  lineNo));
        }
        default ->
            throw new TextCompileException(
                lineNo,
                lead + 1,
                "unknown line type \""
                    + trimmed.charAt(0)
                    + ":\"; expected N:, I:, P:, R:, D: or E:");
      }
    }
    if (descriptor == null) {
      throw new TextCompileException(
          lines.length, 1, "no \"R:\" line: the recording has no report descriptor");
    }
    return new HidRecording(
        name, bus, vendor, product, phys, descriptor, ImmutableList.copyOf(events));
  }

  /** {@code "4 05 01 09 02"}: a decimal count, then exactly that many hex bytes. */
  private static Bytes lengthAndBytes(String body, int lineNo, int col, String form) {
    String[] words = body.isEmpty() ? new String[0] : body.split("\\s+");
    if (words.length == 0 || !words[0].matches("[0-9]{1,5}")) {
      throw new TextCompileException(
          lineNo, col, "expected \"" + form + "\" with a decimal length");
    }
    int declared = Integer.parseInt(words[0]);
    int[] out = new int[words.length - 1];
    int at = col + words[0].length();
    for (int i = 1; i < words.length; i++) {
      at = indexOfWord(body, words[i], at - col) + col;
      if (!HEX_BYTE.matcher(words[i]).matches()) {
        throw new TextCompileException(
            lineNo, at, "expected a hex byte such as 0a, got \"" + words[i] + "\"");
      }
      out[i - 1] = Integer.parseInt(words[i], 16);
      at += words[i].length();
    }
    if (out.length != declared) {
      throw new TextCompileException(
          lineNo, col, "length says %d bytes but %d follow".formatted(declared, out.length));
    }
    return Bytes.of(out);
  }

  private static int indexOfWord(String body, String word, int from) {
    return body.indexOf(word, Math.max(0, from));
  }
}
