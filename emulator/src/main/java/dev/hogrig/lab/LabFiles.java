package dev.hogrig.lab;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** Small helpers for files the JVM and the guest share through {@link VirtualLab#outputDir()}. */
final class LabFiles {
  private LabFiles() {}

  private static final AtomicLong SEQ = new AtomicLong();

  /** A fresh number for file names within this JVM. */
  static long next() {
    return SEQ.incrementAndGet();
  }

  /** The text of a lab resource next to this class. */
  static String resource(String name) {
    try (InputStream in = LabFiles.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new LabException(name + ": lab resource missing from the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LabException("cannot read the lab resource " + name + ": " + e, e);
    }
  }

  /** Where the guest sees {@code machinePath}, a file under {@code lab.outputDir()}. */
  static String guestPath(VirtualLab lab, Path machinePath) {
    Path rel = lab.outputDir().relativize(machinePath.toAbsolutePath());
    return VirtualLab.GUEST_OUTPUT_DIR + "/" + rel.toString().replace('\\', '/');
  }

  /** Single-quotes {@code s} for bash. */
  static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }

  /**
   * The complete lines of a file that another process is still writing (a partial last line is left
   * out).
   */
  static String completeLines(Path file) {
    try {
      if (!Files.exists(file)) {
        return "";
      }
      String text = Files.readString(file, StandardCharsets.UTF_8);
      int nl = text.lastIndexOf('\n');
      return nl < 0 ? "" : text.substring(0, nl + 1);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new LabException("cannot read " + file + ": " + e, e);
    }
  }

  static void sleep(long ms, String what) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LabException("interrupted while " + what, e);
    }
  }
}
