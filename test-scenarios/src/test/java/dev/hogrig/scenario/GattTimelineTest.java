package dev.hogrig.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.gatt.AttResult;
import dev.hogrig.gatt.BtUuid;
import dev.hogrig.gatt.CharacteristicHandle;
import dev.hogrig.gatt.GattEvent;
import dev.hogrig.util.Bytes;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class GattTimelineTest {
  private static final Instant ZERO = Instant.parse("2026-11-23T12:00:00Z");
  private static final CharacteristicHandle MAP =
      new CharacteristicHandle(3, BtUuid.of16(0x2A4B), "Report Map");
  private static final CharacteristicHandle INPUT =
      new CharacteristicHandle(7, BtUuid.of16(0x2A4D), "Report (Input, id 0)");

  @Test
  void oneLinePerEventWithSecondsFromTheStart() {
    String text =
        GattTimeline.format(
            ZERO,
            List.of(
                new GattEvent.Read(
                    ZERO.plusMillis(2104), "host", MAP, 0, new AttResult.Value(Bytes.of(5, 1))),
                new GattEvent.SubscriptionChanged(ZERO.plusMillis(2380), INPUT, true),
                new GattEvent.Notification(ZERO.plusMillis(3002), INPUT, Bytes.of(0, 0, 4))));
    List<String> lines = text.lines().toList();
    assertEquals(4, lines.size(), text);
    assertTrue(lines.get(1).startsWith("   +2.104 s  read        Report Map (off 0)"), text);
    assertTrue(lines.get(2).contains("subscribe   Report (Input, id 0)"), text);
    assertTrue(lines.get(3).startsWith("   +3.002 s  notify"), text);
  }
}
