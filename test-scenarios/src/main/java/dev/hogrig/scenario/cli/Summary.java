package dev.hogrig.scenario.cli;

import dev.hogrig.scenario.Scenario;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Live progress of a scenario run ("▶ name", "✔/✘ name (12.3 s)") and the table printed at the end:
 * one row per scenario method and repetition, with the first line of its failure.
 */
final class Summary implements TestExecutionListener {
  private record Row(
      int iteration, String scenario, String method, String status, double s, String detail) {}

  private final PrintWriter out;
  private final List<Row> rows = new ArrayList<>();
  private final Map<String, Long> started = new HashMap<>();
  private int iteration = 1;
  private int iterations = 1;

  Summary(PrintWriter out) {
    this.out = out;
  }

  void iteration(int i, int of) {
    iteration = i;
    iterations = of;
    if (of > 1) {
      out.printf("== repetition %d of %d ==%n", i, of);
      out.flush();
    }
  }

  @Override
  public void executionStarted(TestIdentifier id) {
    if (id.isTest()) {
      started.put(id.getUniqueId(), System.nanoTime());
      out.println("▶ " + label(id));
      out.flush();
    }
  }

  @Override
  public void executionSkipped(TestIdentifier id, String reason) {
    if (id.isTest() || id.isContainer() && scenario(id) != null) {
      rows.add(new Row(iteration, scenario(id), method(id), "SKIPPED", 0, reason));
      out.println("- " + label(id) + ": skipped: " + reason);
    }
  }

  @Override
  public void executionFinished(TestIdentifier id, TestExecutionResult result) {
    if (!id.isTest()) {
      // A class-level failure (e.g. the lab did not start) has no test rows of its own.
      if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL
          && scenario(id) != null
          && rows.stream().noneMatch(r -> r.scenario().equals(scenario(id)))) {
        rows.add(new Row(iteration, scenario(id), "(setup)", status(result), 0, detail(result)));
        out.println("✘ " + scenario(id) + ": " + detail(result));
      }
      return;
    }
    double s =
        (System.nanoTime() - started.getOrDefault(id.getUniqueId(), System.nanoTime())) / 1e9;
    Row row = new Row(iteration, scenario(id), method(id), status(result), s, detail(result));
    rows.add(row);
    out.printf(
        "%s %s (%.1f s)%s%n",
        result.getStatus() == TestExecutionResult.Status.SUCCESSFUL ? "✔" : "✘",
        label(id),
        s,
        row.detail().isEmpty() ? "" : ": " + row.detail());
    out.flush();
  }

  boolean failed() {
    return rows.isEmpty()
        || rows.stream().anyMatch(r -> r.status().equals("FAILED") || r.status().equals("ABORTED"));
  }

  void print() {
    out.println();
    int scenarioWidth = Math.max("scenario".length(), width(rows, Row::scenario));
    int testWidth = Math.max("test".length(), width(rows, Row::method));
    String fmt = "%-4s %-" + scenarioWidth + "s %-" + testWidth + "s %-8s %8s  %s%n";
    out.printf(fmt, "run", "scenario", "test", "result", "time", "detail");
    for (Row r : rows) {
      out.printf(
          fmt,
          iterations > 1 ? Integer.toString(r.iteration()) : "",
          r.scenario(),
          r.method(),
          r.status(),
          String.format("%.1f s", r.s()),
          r.detail());
    }
    long passed = rows.stream().filter(r -> r.status().equals("PASSED")).count();
    out.printf("%d passed, %d not (of %d)%n", passed, rows.size() - passed, rows.size());
  }

  private static int width(List<Row> rows, java.util.function.Function<Row, String> column) {
    return rows.stream().mapToInt(r -> String.valueOf(column.apply(r)).length()).max().orElse(0);
  }

  private static String status(TestExecutionResult r) {
    return switch (r.getStatus()) {
      case SUCCESSFUL -> "PASSED";
      case ABORTED -> "ABORTED";
      case FAILED -> "FAILED";
    };
  }

  private static String detail(TestExecutionResult r) {
    return r.getThrowable()
        .map(t -> t.getMessage() == null ? t.toString() : t.getMessage())
        .map(m -> m.lines().findFirst().orElse(""))
        .orElse("");
  }

  private static String label(TestIdentifier id) {
    return scenario(id) + " / " + id.getDisplayName();
  }

  /** The method, with the invocation's name for a parameterized scenario ({@code [MOUSE]}). */
  private static String method(TestIdentifier id) {
    if (!(id.getSource().orElse(null) instanceof MethodSource m)) {
      return "";
    }
    String display = id.getDisplayName();
    return display.startsWith(m.getMethodName() + "(")
        ? m.getMethodName()
        : m.getMethodName() + " [" + display + "]";
  }

  private static String scenario(TestIdentifier id) {
    Class<?> c = null;
    if (id.getSource().orElse(null) instanceof MethodSource m) {
      c = m.getJavaClass();
    } else if (id.getSource().orElse(null)
        instanceof org.junit.platform.engine.support.descriptor.ClassSource cs) {
      c = cs.getJavaClass();
    }
    if (c == null) {
      return null;
    }
    Scenario s = c.getAnnotation(Scenario.class);
    return s == null ? c.getSimpleName() : s.name();
  }
}
