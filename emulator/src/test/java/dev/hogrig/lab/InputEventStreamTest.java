package dev.hogrig.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parsing evemu-record's event lines (evemu format 1.3: {@code E: <sec>.<usec> <type %04x> <code
 * %04x> <value %04d>} then a comment) and grouping them into frames at SYN_REPORT.
 */
class InputEventStreamTest {
  private static final String RECORDING =
      String.join(
          "\n",
          "# EVEMU 1.3",
          "N: Rig ptp Touchpad",
          "A: 35 0 4000 0 0 40",
          "################################",
          "#      Waiting for events      #",
          "################################",
          "E: 0.000001 0003 0039 0000\t# EV_ABS / ABS_MT_TRACKING_ID   0",
          "E: 0.000001 0003 002f 0001\t# EV_ABS / ABS_MT_SLOT          1",
          "E: 0.000001 0003 0035 2000\t# EV_ABS / ABS_MT_POSITION_X    2000",
          "E: 0.000001 0000 0000 0000\t# ------------ SYN_REPORT (0) ---------- +0ms",
          "E: 0.111229 0003 0039 -001\t# EV_ABS / ABS_MT_TRACKING_ID   -1",
          "E: 0.111229 0002 0000 -065",
          "E: 0.111229 0000 0000 0000\t# ------------ SYN_REPORT (0) ---------- +111ms",
          "E: 1.000002 0001 001e 0001\t# EV_KEY / KEY_A 1",
          "");

  @Test
  void eventLinesBecomeEventsWithSignedValues() {
    ImmutableList<InputEvent> ev = InputEventStream.parse(RECORDING);
    assertEquals(8, ev.size());
    assertEquals(new InputEvent(0, 1, 3, 0x39, 0), ev.get(0));
    assertEquals(new InputEvent(0, 111229, 3, 0x39, -1), ev.get(4));
    assertEquals(-65, ev.get(5).value());
    assertEquals(EventCode.of("REL_X"), ev.get(5).eventCode());
    assertEquals(1_000_002L, ev.get(7).timeMicros());
    assertEquals("1.000002 EV_KEY KEY_A 1", ev.get(7).toString());
  }

  @Test
  void framesEndAtSynReportAndAnOpenFrameIsLeftOut() {
    ImmutableList<InputFrame> f = InputEventStream.frames(InputEventStream.parse(RECORDING));
    assertEquals(2, f.size(), "the trailing KEY_A has no SYN_REPORT yet");
    assertEquals(List.of(0), f.get(0).values("ABS_MT_TRACKING_ID"));
    assertEquals(List.of(1), f.get(0).values("ABS_MT_SLOT"));
    assertEquals(3, f.get(0).events().size(), "SYN_REPORT itself is not in the frame");
    assertEquals(List.of(-1), f.get(1).values("ABS_MT_TRACKING_ID"));
    assertEquals(111229L, f.get(1).timeMicros());
    assertTrue(f.get(1).value("KEY_A").isEmpty());
    assertEquals(-65, f.get(1).value("REL_X").orElseThrow());
  }

  @Test
  void malformedEventLinesNameTheLine() {
    LabException e =
        assertThrows(LabException.class, () -> InputEventStream.parse("# x\nE: 0.1 0001 zz 1\n"));
    assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    assertThrows(LabException.class, () -> InputEventStream.parse("E: 0.000001 0001\n"));
  }
}
