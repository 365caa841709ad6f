package dev.hogrig.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import dev.hogrig.lab.VirtualLab;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A short {@code hogrig bench notify} against the run's shared lab: 200 mouse reports at 250 Hz
 * from the emulator on the machine to the lab host's evdev. What a user relies on is that the
 * benchmark's loss figure is exact and that nothing is lost on this path (every report one evdev
 * frame, SYN_DROPPED never seen), and that the result says where things ran and why the
 * AcquireNotify column is empty. Speed and latency are printed, never asserted.
 */
@dev.hogrig.lab.WithLab
@org.junit.jupiter.api.Tag("lab-repeat-pairing")
class BenchNotifyLabTest {
  private static VirtualLab lab;

  @BeforeAll
  static void lab(VirtualLab shared) {
    lab = shared;
  }

  @Test
  void twoHundredReportsArriveEachAsExactlyOneEvdevFrame() {
    StringWriter progress = new StringWriter();
    NotifyBench.Result r;
    try {
      r =
          NotifyBench.run(
              lab,
              new NotifyBench.Options(200, ImmutableList.of(250), 50),
              new PrintWriter(progress, true));
    } finally {
      System.out.println(progress);
    }
    StringWriter table = new StringWriter();
    BenchCommand.print(new PrintWriter(table, true), r);
    System.out.println(table);

    assertEquals(1, r.steps().size());
    NotifyBench.Step s = r.steps().get(0);
    assertEquals(250, s.requestedHz());
    assertEquals(200, s.sent());
    assertEquals(200, s.delivered(), table.toString());
    assertEquals(0, s.lost(), table.toString());
    assertEquals(0, s.duplicated(), table.toString());
    assertEquals(0, s.unexpected(), table.toString());
    assertEquals(0, r.synDropped(), table.toString());
    assertEquals(0, r.foreignFrames(), table.toString());
    assertTrue(r.zeroLoss());
    assertNotNull(s.latency());
    assertEquals(200, s.latency().n());
    assertTrue(s.latency().p50() <= s.latency().p90() && s.latency().p90() <= s.latency().p99());
    assertTrue(s.latency().p99() <= s.latency().max());
    assertEquals(50, r.offsetBefore().samples());
    assertTrue(r.placement().contains("BlueZ " + lab.bluezVersion()), r.placement());
    assertTrue(r.placement().contains("machine JVM"), r.placement());
    assertTrue(r.acquireNotify().startsWith("not available: "), r.acquireNotify());
    assertTrue(table.toString().contains("zero loss: yes"), table.toString());
  }
}
