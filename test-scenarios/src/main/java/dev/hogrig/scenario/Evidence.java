package dev.hogrig.scenario;

import io.qameta.allure.Allure;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a scenario records for the person who reads the report: steps (each host action, timed),
 * parameters (host identity, adapter, profile, descriptor hash) and attachments (the HCI capture,
 * the GATT timeline, the host's input events, per-cycle metrics). Everything goes to Allure's
 * lifecycle of the running test (allure-junit5), and a copy of the step log is kept for the command
 * line's live view.
 */
public final class Evidence {
  private final List<String> log = new ArrayList<>();
  private final java.util.function.Consumer<String> live;

  Evidence(java.util.function.Consumer<String> live) {
    this.live = live;
  }

  /** Runs {@code action} as an Allure step named {@code name}; a failure fails the step. */
  public void step(String name, Runnable action) {
    step(
        name,
        () -> {
          action.run();
          return null;
        });
  }

  /** Runs {@code action} as a step and returns its value. */
  public <T> T step(String name, Supplier<T> action) {
    long t0 = System.nanoTime();
    note("> " + name);
    try {
      T value = Allure.step(name, action::get);
      note(String.format("  done in %.3f s", (System.nanoTime() - t0) / 1e9));
      return value;
    } catch (RuntimeException | Error e) {
      note(String.format("  FAILED after %.3f s: %s", (System.nanoTime() - t0) / 1e9, e));
      throw e;
    }
  }

  /** A parameter of the result (Allure shows them beside the title and groups the history). */
  public void parameter(String name, Object value) {
    Allure.parameter(name, String.valueOf(value));
  }

  /** A label, e.g. {@code host} or {@code parentSuite}, which the report groups by. */
  public void label(String name, String value) {
    Allure.label(name, value);
  }

  public void attachText(String name, String text) {
    Allure.addAttachment(name, "text/plain", text, ".txt");
  }

  public void attachCsv(String name, String csv) {
    Allure.addAttachment(name, "text/csv", csv, ".csv");
  }

  public void attachBytes(String name, String mediaType, byte[] bytes, String extension) {
    Allure.addAttachment(name, mediaType, new java.io.ByteArrayInputStream(bytes), extension);
  }

  /** A line for the live view (and the step log attachment). */
  public void note(String line) {
    synchronized (log) {
      log.add(line);
    }
    live.accept(line);
  }

  /** The log so far, one line per entry. */
  String log() {
    synchronized (log) {
      return String.join("\n", log) + "\n";
    }
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
