package dev.hogrig.cli;

import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.DescriptorText;
import dev.hogrig.hid.HidException;
import dev.hogrig.hid.HidRecording;
import dev.hogrig.util.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Reads a report descriptor from what a person names on the command line.
 *
 * <p>A source is {@code -} (standard input), {@code library:NAME} (a descriptor of the built-in
 * library) or a file path. With {@link Format#AUTO} the content decides: bytes that are not text
 * are a binary descriptor; text with an {@code R:} line is a hid-tools recording; text that is only
 * hex bytes (comments after {@code //} and {@code #} lines ignored, so hid-decode's own output
 * qualifies) is those bytes; any other text is compiled as descriptor text.
 */
final class DescriptorInput {
  private static final Pattern RECORDING_LINE = Pattern.compile("(?m)^\\s*R:");
  private static final Pattern ONLY_HEX =
      Pattern.compile("[\\s,;]*((0[xX])?[0-9a-fA-F]{2}[\\s,;]*)*");

  /** How to read a source. */
  enum Format {
    AUTO,
    BINARY,
    HEX,
    TEXT,
    RECORDING
  }

  /** A descriptor and the name to show for where it came from. */
  record Loaded(String name, Bytes bytes) {}

  private DescriptorInput() {}

  static Loaded load(String source, Format format, InputStream stdin) {
    if (source.startsWith("library:")) {
      String name = source.substring("library:".length());
      return DescriptorLibrary.get(name)
          .map(d -> new Loaded(source, d.bytes()))
          .orElseThrow(
              () ->
                  new UsageException(
                      "no library descriptor named '" + name + "' (see 'hogrig descriptor list')"));
    }
    byte[] raw = read(source, stdin);
    String name = source.equals("-") ? "<stdin>" : source;
    try {
      return new Loaded(name, decode(raw, format));
    } catch (HidException | IllegalArgumentException e) {
      throw new UsageException(name + ": " + e.getMessage());
    }
  }

  private static byte[] read(String source, InputStream stdin) {
    try {
      if (source.equals("-")) {
        return stdin.readAllBytes();
      }
      Path p = Path.of(source);
      if (Files.isDirectory(p)) {
        throw new UsageException(source + ": is a directory, not a descriptor file");
      }
      return Files.readAllBytes(p);
    } catch (NoSuchFileException e) {
      throw new UsageException(source + ": no such file");
    } catch (IOException e) {
      throw new UsageException(source + ": cannot read: " + e.getMessage());
    }
  }

  static Bytes decode(byte[] raw, Format format) {
    switch (format) {
      case BINARY:
        return Bytes.copyOf(raw);
      case HEX:
        return Bytes.fromHex(stripComments(text(raw)));
      case TEXT:
        return DescriptorText.compile(text(raw));
      case RECORDING:
        return HidRecording.parse(text(raw)).descriptor();
      case AUTO:
      default:
        if (!looksLikeText(raw)) {
          return Bytes.copyOf(raw);
        }
        String text = text(raw);
        if (RECORDING_LINE.matcher(text).find()) {
          return HidRecording.parse(text).descriptor();
        }
        String stripped = stripComments(text);
        if (ONLY_HEX.matcher(stripped).matches()) {
          Bytes bytes = Bytes.fromHex(stripped);
          if (bytes.isEmpty()) {
            throw new IllegalArgumentException("no descriptor bytes found");
          }
          return bytes;
        }
        return DescriptorText.compile(text);
    }
  }

  /** Text is printable ASCII/UTF-8 plus tab, CR and LF; a binary descriptor almost never is. */
  static boolean looksLikeText(byte[] raw) {
    if (raw.length == 0) {
      return true;
    }
    for (byte b : raw) {
      int c = b & 0xff;
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return false;
      }
      if (c == 0x7f) {
        return false;
      }
    }
    return true;
  }

  private static String text(byte[] raw) {
    return new String(raw, StandardCharsets.UTF_8);
  }

  private static String stripComments(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      String l = line.strip();
      if (l.startsWith("#")) {
        // hid-decode prefixes its item lines with "# "; other '#' lines are comments.
        String rest = l.substring(1).strip();
        int slash = rest.indexOf("//");
        String head = slash >= 0 ? rest.substring(0, slash) : rest;
        if (head.isBlank() || !ONLY_HEX.matcher(head).matches()) {
          continue;
        }
        l = rest;
      }
      int slash = l.indexOf("//");
      out.append(slash >= 0 ? l.substring(0, slash) : l).append('\n');
    }
    return out.toString();
  }
}
