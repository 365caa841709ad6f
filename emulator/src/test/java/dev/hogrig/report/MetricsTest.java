package dev.hogrig.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Per-cycle metrics as CSV (RFC 4180) and as a PNG chart (PNG spec, ISO/IEC 15948). */
class MetricsTest {
  @Test
  void csvFollowsRfc4180WithCycleNumbersAndPlainNumbers() {
    MetricsTable t =
        MetricsTable.builder("latency, ms", "say \"hi\"")
            .cycle(7.5, 0)
            .cycle(0.0001, Double.NaN)
            .cycle(1200, -3)
            .build();
    // RFC 4180 §2: CRLF line breaks, fields with commas or quotes in quotes, quotes doubled.
    assertEquals(
        "cycle,\"latency, ms\",\"say \"\"hi\"\"\"\r\n"
            + "1,7.5,0\r\n"
            + "2,0.0001,\r\n"
            + "3,1200,-3\r\n",
        t.csv());
  }

  @Test
  void aCycleWithTheWrongNumberOfValuesIsRefused() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> MetricsTable.builder("a", "b").cycle(1, 2).cycle(3).build());
    assertTrue(e.getMessage().contains("cycle 2 has 1 values for 2 metrics"), e.getMessage());
  }

  @Test
  void chartIsAPngWithOnePanelPerMetricDrawnInItsColour() throws Exception {
    MetricsTable t =
        MetricsTable.builder("latency p50 ms", "loss %", "nothing measured")
            .cycle(7.5, 0, Double.NaN)
            .cycle(9, 0, Double.NaN)
            .cycle(Double.NaN, 0, Double.NaN)
            .cycle(8, 0, Double.NaN)
            .build();
    byte[] png = MetricsChart.png(t);
    // PNG signature (PNG spec §5.2): 89 50 4E 47 0D 0A 1A 0A.
    assertArrayEquals(
        new byte[] {(byte) 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A}, Arrays.copyOf(png, 8));
    BufferedImage img = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(MetricsChart.WIDTH, img.getWidth());
    assertEquals(3 * MetricsChart.PANEL_HEIGHT, img.getHeight());
    assertTrue(hasColour(img, 0, 0x1f77b4), "first metric drawn in the first colour");
    assertTrue(hasColour(img, 1, 0xd62728), "a constant metric is still drawn");
    assertTrue(!hasColour(img, 2, 0x2ca02c), "nothing drawn for a metric never measured");
  }

  private static boolean hasColour(BufferedImage img, int panel, int rgb) {
    for (int y = panel * MetricsChart.PANEL_HEIGHT;
        y < (panel + 1) * MetricsChart.PANEL_HEIGHT;
        y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        if ((img.getRGB(x, y) & 0xffffff) == rgb) {
          return true;
        }
      }
    }
    return false;
  }
}
