package dev.hogrig.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.gatt.AttError;
import dev.hogrig.gatt.AttResult;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.util.Bytes;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The GATT timeline a person reads in a failed result. */
class GattTimelineTest {
  @Test
  void oneLinePerEventWithTimesSinceTheFirstAndWhatTheHostDid() {
    List<String> lines =
        GattTimeline.render(ScenarioResults.subscribedAndNotified()).lines().toList();
    assertEquals(6, lines.size(), String.join("\n", lines));
    assertTrue(
        lines.get(0).strip().matches("\\+ms\\s+peer\\s+event\\s+attribute\\s+detail"),
        lines.get(0));
    assertTrue(
        lines.get(1).matches("\\s*0\\.000\\s+11:22:33:44:55:66\\s+connected\\s+security ENCRYPTED"),
        lines.get(1));
    int mapSize = DescriptorLibrary.get("boot-keyboard").orElseThrow().bytes().size();
    assertTrue(
        lines
            .get(2)
            .matches(
                "\\s*12\\.000 .* read .*Report Map.*offset 0: OK 05 01 .* \\.\\.\\. \\("
                    + mapSize
                    + " bytes\\)"),
        lines.get(2));
    assertTrue(
        lines
            .get(3)
            .matches("\\s*40\\.000 .* write .*Client Characteristic Configuration.* 01 00: OK"),
        lines.get(3));
    assertTrue(
        lines.get(4).matches("\\s*40\\.000\\s+-\\s+subscribed\\s+Report \\(Input, id 1\\).*"),
        lines.get(4));
    assertTrue(
        lines
            .get(5)
            .matches(
                "\\s*55\\.000\\s+-\\s+notify\\s+Report \\(Input, id 1\\).*00 00 04 00 00 00 00 00"),
        lines.get(5));
  }

  @Test
  void refusedWritesShowTheAttErrorAndCommandsAreNamedAsSuch() {
    GattEvent refused =
        new GattEvent.Write(
            ScenarioResults.T0,
            "aa:bb:cc:dd:ee:ff",
            ScenarioResults.INPUT_1,
            0,
            Bytes.of(1),
            false,
            AttResult.error(AttError.values()[0]));
    String line = GattTimeline.render(List.of(refused)).lines().toList().get(1);
    assertTrue(line.contains("write command"), line);
    assertTrue(line.endsWith("01: ERROR " + AttError.values()[0]), line);
  }

  @Test
  void noEventsSaysTheHostNeverConnected() {
    assertTrue(GattTimeline.render(List.of()).contains("the host never connected"));
  }
}
