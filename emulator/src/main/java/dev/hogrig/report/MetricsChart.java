package dev.hogrig.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws a {@link MetricsTable} as a PNG with java.awt, no charting library: one panel per metric
 * (metrics have different units, so they do not share an axis), stacked, each a line over the
 * cycles with a dot per measured value, its minimum and maximum on the axis.
 *
 * <pre>
 * +-------------------------------------------+
 * | latency p50 ms                             |
 * | 12.5 -|        o                           |
 * |       |  o----/ \----o                     |
 * |  3.1 -|_____________________________       |
 * |        1     2     3     4   cycle         |
 * +-------------------------------------------+
 * | loss %  ...                                |
 * </pre>
 *
 * Runs in headless mode (no display on the rig's machines or in CI): it draws into a {@link
 * BufferedImage}, which needs no display, and sets {@code java.awt.headless=true} unless the JVM
 * was told otherwise.
 */
public final class MetricsChart {
  static final int WIDTH = 800;
  static final int PANEL_HEIGHT = 180;

  private static final Color[] LINE =
      new Color[] {
        new Color(0x1f77b4),
        new Color(0xd62728),
        new Color(0x2ca02c),
        new Color(0x9467bd),
        new Color(0xff7f0e),
        new Color(0x8c564b)
      };

  private MetricsChart() {}

  /** The PNG bytes: {@value #WIDTH} pixels wide, {@value #PANEL_HEIGHT} high per metric. */
  public static byte[] png(MetricsTable table) {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    int n = table.metrics().size();
    BufferedImage img = new BufferedImage(WIDTH, PANEL_HEIGHT * n, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, img.getWidth(), img.getHeight());
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
      for (int m = 0; m < n; m++) {
        panel(g, table.metrics().get(m), table.column(m), m * PANEL_HEIGHT, LINE[m % LINE.length]);
      }
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(img, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("writing a PNG to memory", e);
    }
    return out.toByteArray();
  }

  private static void panel(Graphics2D g, String title, List<Double> values, int top, Color color) {
    FontMetrics fm = g.getFontMetrics();
    int left = 80;
    int right = WIDTH - 30;
    int plotTop = top + 28;
    int plotBottom = top + PANEL_HEIGHT - 26;
    g.setColor(Color.BLACK);
    g.drawString(title, 10, top + 18);
    g.setColor(new Color(0xdddddd));
    g.drawLine(0, top + PANEL_HEIGHT - 1, WIDTH, top + PANEL_HEIGHT - 1);
    g.setColor(Color.GRAY);
    g.drawLine(left, plotTop, left, plotBottom);
    g.drawLine(left, plotBottom, right, plotBottom);

    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      if (!Double.isNaN(v) && !Double.isInfinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
    }
    if (min == Double.POSITIVE_INFINITY) {
      g.drawString("no values measured", left + 10, (plotTop + plotBottom) / 2);
      return;
    }
    if (min == max) {
      // A flat line sits mid-panel; the axis still shows the value.
      min -= min == 0 ? 1 : Math.abs(min) * 0.1;
      max += max == 0 ? 1 : Math.abs(max) * 0.1;
    }
    String maxText = MetricsTable.number(round(max));
    String minText = MetricsTable.number(round(min));
    g.drawString(maxText, left - 6 - fm.stringWidth(maxText), plotTop + fm.getAscent() / 2);
    g.drawString(minText, left - 6 - fm.stringWidth(minText), plotBottom - 2);

    int count = values.size();
    double step = count > 1 ? (double) (right - left - 20) / (count - 1) : 0;
    int labelEvery = Math.max(1, (int) Math.ceil(count / 20.0));
    for (int i = 0; i < count; i++) {
      if (i % labelEvery == 0 || i == count - 1) {
        String label = Integer.toString(i + 1);
        int x = (int) Math.round(left + 10 + i * step);
        g.drawString(label, x - fm.stringWidth(label) / 2, plotBottom + fm.getAscent() + 4);
      }
    }
    g.drawString("cycle", left - 6 - fm.stringWidth("cycle"), plotBottom + fm.getAscent() + 4);

    g.setColor(color);
    g.setStroke(new BasicStroke(2f));
    Path2D.Double line = new Path2D.Double();
    boolean penDown = false;
    for (int i = 0; i < count; i++) {
      double v = values.get(i);
      if (Double.isNaN(v) || Double.isInfinite(v)) {
        penDown = false; // a gap where nothing was measured
        continue;
      }
      double x = left + 10 + i * step;
      double y = plotBottom - (v - min) / (max - min) * (plotBottom - plotTop);
      if (penDown) {
        line.lineTo(x, y);
      } else {
        line.moveTo(x, y);
        penDown = true;
      }
      g.fill(new Ellipse2D.Double(x - 3, y - 3, 6, 6));
    }
    g.draw(line);
  }

  private static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }
}
