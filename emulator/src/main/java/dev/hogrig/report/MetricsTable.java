package dev.hogrig.report;

import com.google.common.collect.ImmutableList;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbers measured once per cycle of a scenario (a connect, a burst of reports, a reconnect): one
 * row per cycle, one column per metric, e.g. {@code latency p50 ms}, {@code loss %}. Cycles are
 * numbered from 1 in row order. A value that was not measured in a cycle is {@link Double#NaN} (an
 * empty CSV cell, a gap in the chart).
 *
 * @param metrics the column names, with their unit in the name
 * @param rows one list of {@code metrics.size()} values per cycle
 */
public record MetricsTable(
    ImmutableList<String> metrics, ImmutableList<ImmutableList<Double>> rows) {
  public MetricsTable {
    if (metrics.isEmpty()) {
      throw new IllegalArgumentException("a metrics table needs at least one metric");
    }
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).size() != metrics.size()) {
        throw new IllegalArgumentException(
            "cycle "
                + (i + 1)
                + " has "
                + rows.get(i).size()
                + " values for "
                + metrics.size()
                + " metrics "
                + metrics);
      }
    }
  }

  public static Builder builder(String... metrics) {
    return new Builder(ImmutableList.copyOf(metrics));
  }

  /** Values of one metric, cycle by cycle. */
  public ImmutableList<Double> column(int metric) {
    return rows.stream().map(r -> r.get(metric)).collect(ImmutableList.toImmutableList());
  }

  /**
   * The table as CSV (RFC 4180: comma-separated, CRLF line ends, fields with a comma, quote or line
   * break quoted), with a first column {@code cycle}. Numbers are printed exactly as given, without
   * exponent ({@code 0.0001}, not {@code 1.0E-4}), so a spreadsheet reads them.
   */
  public String csv() {
    StringBuilder out = new StringBuilder("cycle");
    for (String m : metrics) {
      out.append(',').append(csvField(m));
    }
    out.append("\r\n");
    for (int i = 0; i < rows.size(); i++) {
      out.append(i + 1);
      for (double v : rows.get(i)) {
        out.append(',').append(number(v));
      }
      out.append("\r\n");
    }
    return out.toString();
  }

  static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "";
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String csvField(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }

  /** Collects cycles in order. */
  public static final class Builder {
    private final ImmutableList<String> metrics;
    private final List<ImmutableList<Double>> rows = new ArrayList<>();

    private Builder(ImmutableList<String> metrics) {
      this.metrics = metrics;
    }

    /** The next cycle's values, one per metric, in the order the metrics were named. */
    public Builder cycle(double... values) {
      ImmutableList.Builder<Double> b = ImmutableList.builder();
      for (double v : values) {
        b.add(v);
      }
      rows.add(b.build());
      return this;
    }

    public MetricsTable build() {
      return new MetricsTable(metrics, ImmutableList.copyOf(rows));
    }
  }
}
