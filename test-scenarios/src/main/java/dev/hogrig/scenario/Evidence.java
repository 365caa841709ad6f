package dev.hogrig.scenario;

import dev.hogrig.report.AllureEvidenceSink;
import dev.hogrig.util.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a scenario records for the person who reads the report: steps (each host action, timed),
 * parameters and attachments, written into the running test's Allure result through {@link
 * dev.hogrig.report.Evidence} (which knows the formats: GATT timeline, descriptor decode, metrics
 * CSV and chart, btsnoop); plus a live log of the steps for the command line.
 */
public final class Evidence {
  private final dev.hogrig.report.Evidence report =
      new dev.hogrig.report.Evidence(new AllureEvidenceSink());
  private final List<String> log = new ArrayList<>();
  private final Consumer<String> live;

  Evidence(Consumer<String> live) {
    this.live = live;
  }

  /** The report-side recorder, for its richer attachments (metrics, descriptor, timeline). */
  public dev.hogrig.report.Evidence report() {
    return report;
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
      T value = report.call(name, action::get);
      note(String.format("  done in %.3f s", (System.nanoTime() - t0) / 1e9));
      return value;
    } catch (RuntimeException | Error e) {
      note(String.format("  FAILED after %.3f s: %s", (System.nanoTime() - t0) / 1e9, e));
      throw e;
    } catch (Exception e) {
      // The actions are Runnables and Suppliers: nothing checked can come out of them.
      throw new IllegalStateException(e);
    }
  }

  /** A parameter of the result (Allure shows them beside the title and groups the history). */
  public void parameter(String name, Object value) {
    report.parameter(name, String.valueOf(value));
  }

  /** A label, e.g. {@code host} or {@code parentSuite}, which the report groups by. */
  public void label(String name, String value) {
    report.label(name, value);
  }

  public void attachText(String name, String text) {
    report.text(name, text);
  }

  public void attachBtsnoop(byte[] capture) {
    report.btsnoop(Bytes.copyOf(capture));
  }

  /** A line for the live view (and the step log attachment). */
  public void note(String line) {
    synchronized (log) {
      log.add(line);
    }
    live.accept(line);
  }

  /**
   * A progress line for long loops, e.g. {@code [#######.............] 7/20 cycle 7: ok}: the bar
   * is 20 characters wide whatever the total.
   */
  public void progress(int done, int total, String detail) {
    int width = 20;
    int filled =
        total <= 0 ? width : (int) Math.round(width * Math.min(done, total) / (double) total);
    note(
        String.format(
            "[%s%s] %" + String.valueOf(total).length() + "d/%d %s",
            "#".repeat(filled),
            ".".repeat(width - filled),
            done,
            total,
            detail));
  }

  /** The log so far, one line per entry. */
  String log() {
    synchronized (log) {
      return String.join("\n", log) + "\n";
    }
  }
}
