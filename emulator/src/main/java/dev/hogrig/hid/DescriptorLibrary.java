package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;
import dev.hogrig.util.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The built-in report descriptors a user can emulate by name ({@code hogrig emulate
 * boot-keyboard}), read from {@code dev/hogrig/hid/library/NAME.rdesc} on the class path.
 *
 * <p>Each resource is text, not binary, so that a reviewer sees what every byte means and where the
 * design came from. The format is the one hid-tools' {@code hid-decode} prints, with a header of
 * {@code #} lines in front:
 *
 * <pre>
 * # Title line
 * #
 * # Summary paragraph, one or more lines.
 * #
 * # Sources: ...   Deviations: ...   Reports: ... (free text)
 * #
 * 0x05, 0x01,                    // Usage Page (Generic Desktop)        0
 * 0x09, 0x06,                    // Usage (Keyboard)                    2
 * |&lt;-- bytes, padded to 30 --&gt;| // |&lt;-- item, indented per open    offset
 *                                      collection, padded to 35 --&gt;|
 * </pre>
 *
 * <p>Only the leading {@code 0x..,} column is read; the comment after {@code //} is for people. The
 * same reader serves the real-device fixtures in the tests ({@link #read}).
 */
public final class DescriptorLibrary {
  private DescriptorLibrary() {}

  /** Resource folder of the library, on the class path. */
  public static final String RESOURCE_DIR = "/dev/hogrig/hid/library/";

  /** Names in their stable presentation order: simple devices first, the composite last. */
  public static final ImmutableList<String> NAMES =
      ImmutableList.of(
          "boot-keyboard",
          "consumer-control",
          "mouse-5btn",
          "mouse-hires",
          "ptp-clickpad",
          "touch-screen",
          "pen",
          "keyboard-touchpad");

  private static final class Holder {
    static final ImmutableList<LibraryDescriptor> ALL = loadAll();
  }

  /** Every library descriptor, in {@link #NAMES} order. */
  public static ImmutableList<LibraryDescriptor> all() {
    return Holder.ALL;
  }

  /** The descriptor called {@code name}, or empty if the library has none by that name. */
  public static Optional<LibraryDescriptor> get(String name) {
    for (LibraryDescriptor d : all()) {
      if (d.name().equals(name)) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  private static ImmutableList<LibraryDescriptor> loadAll() {
    ImmutableList.Builder<LibraryDescriptor> out = ImmutableList.builder();
    for (String name : NAMES) {
      String path = RESOURCE_DIR + name + ".rdesc";
      out.add(read(name, path, resourceText(path)));
    }
    return out.build();
  }

  private static String resourceText(String path) {
    try (InputStream in = DescriptorLibrary.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new HidException(path + ": library resource missing from the class path");
      }
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      in.transferTo(buf);
      return buf.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot read library resource", e);
    }
  }

  /**
   * Reads a descriptor from its {@code .rdesc} text.
   *
   * @param name the name to give it
   * @param source where the text came from, for error messages (a file or resource path)
   * @param text the whole file
   * @throws HidException naming {@code source:line:column} when a line is neither a {@code #}
   *     comment, blank, nor a byte column of {@code 0xHH,} tokens optionally followed by {@code //}
   *     and a comment; or when the text has no bytes at all
   */
  public static LibraryDescriptor read(String name, String source, String text) {
    String[] lines = text.split("\r?\n", -1);
    List<String> header = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    boolean inHeader = true;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (trimmed.startsWith("#")) {
        if (inHeader) {
          header.add(trimmed.substring(1).strip());
        }
        continue;
      }
      if (trimmed.isEmpty()) {
        continue;
      }
      inHeader = false;
      readByteColumn(source, i + 1, line, bytes);
    }
    if (bytes.size() == 0) {
      throw new HidException(
          source + ": no descriptor bytes (expected lines like \"0x05, 0x01,\")");
    }
    return new LibraryDescriptor(
        name, title(header), summary(header), Bytes.copyOf(bytes.toByteArray()), text);
  }

  /** Reads the {@code 0xHH,} tokens before any {@code //} on one line. */
  private static void readByteColumn(
      String source, int lineNo, String line, ByteArrayOutputStream out) {
    int end = line.indexOf("//");
    String column = end < 0 ? line : line.substring(0, end);
    int pos = 0;
    int n = column.length();
    int count = 0;
    while (true) {
      while (pos < n && Character.isWhitespace(column.charAt(pos))) {
        pos++;
      }
      if (pos >= n) {
        break;
      }
      int start = pos;
      if (pos + 4 > n
          || column.charAt(pos) != '0'
          || (column.charAt(pos + 1) != 'x' && column.charAt(pos + 1) != 'X')
          || Character.digit(column.charAt(pos + 2), 16) < 0
          || Character.digit(column.charAt(pos + 3), 16) < 0) {
        throw new HidException(
            "%s:%d:%d: expected a byte like 0x05, found \"%s\""
                .formatted(source, lineNo, start + 1, snippet(column, start)));
      }
      int value =
          Character.digit(column.charAt(pos + 2), 16) * 16
              + Character.digit(column.charAt(pos + 3), 16);
      pos += 4;
      if (pos < n && Character.digit(column.charAt(pos), 16) >= 0) {
        throw new HidException(
            "%s:%d:%d: a byte has exactly two hex digits, found \"%s\""
                .formatted(source, lineNo, start + 1, snippet(column, start)));
      }
      while (pos < n && column.charAt(pos) == ' ') {
        pos++;
      }
      if (pos >= n || column.charAt(pos) != ',') {
        throw new HidException(
            "%s:%d:%d: expected ',' after byte 0x%02x".formatted(source, lineNo, pos + 1, value));
      }
      pos++;
      out.write(value);
      count++;
    }
    if (count == 0) {
      throw new HidException(
          "%s:%d:1: a line that is not a # comment must start with bytes like 0x05,"
              .formatted(source, lineNo));
    }
  }

  private static String snippet(String s, int from) {
    String rest = s.substring(from).strip();
    return rest.length() > 12 ? rest.substring(0, 12) + "..." : rest;
  }

  private static String title(List<String> header) {
    return header.isEmpty() ? "" : header.get(0);
  }

  /** The first paragraph after the title: lines between the first and second blank lines. */
  private static String summary(List<String> header) {
    int i = 1;
    while (i < header.size() && header.get(i).isEmpty()) {
      i++;
    }
    StringBuilder sb = new StringBuilder();
    while (i < header.size() && !header.get(i).isEmpty()) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(header.get(i));
      i++;
    }
    return sb.toString();
  }
}
