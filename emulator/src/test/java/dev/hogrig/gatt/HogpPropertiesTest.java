package dev.hogrig.gatt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogrig.hid.ReportType;
import dev.hogrig.util.Bytes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Invariants of reads and writes that hold for every offset and length. */
class HogpPropertiesTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final ConnectionInfo SECURE = ConnectionInfo.of("host", SecurityLevel.SECURE);
  static final HogpDevice TOUCHPAD =
      HogpDevice.create(HidProfile.touchpad(), CLOCK, NotificationSink.none());

  @Property
  void readAtOffsetIsTheSuffixOrInvalidOffset(@ForAll @IntRange(min = 0, max = 600) int offset) {
    Bytes map = TOUCHPAD.profile().descriptor().bytes();
    AttResult r = TOUCHPAD.read(TOUCHPAD.reportMap(), offset, SECURE);
    if (offset <= map.size()) {
      assertEquals(AttResult.ok(map.slice(offset, map.size())), r);
    } else {
      assertEquals(AttResult.error(AttError.INVALID_OFFSET), r);
    }
  }

  @Property
  void featureWriteOfWrongLengthChangesNothing(@ForAll @Size(max = 4) byte[] value) {
    HogpDevice d = HogpDevice.create(HidProfile.touchpad(), CLOCK, NotificationSink.none());
    CharacteristicHandle caps = d.reportCharacteristic(ReportType.FEATURE, 3);
    Bytes before = d.reportValue(ReportType.FEATURE, 3);
    AttResult r = d.write(caps, 0, Bytes.copyOf(value), true, SECURE);
    if (value.length == 1) {
      assertEquals(AttResult.ok(), r);
      assertEquals(Bytes.copyOf(value), d.reportValue(ReportType.FEATURE, 3));
    } else {
      assertEquals(AttResult.error(AttError.INVALID_ATTRIBUTE_VALUE_LENGTH), r);
      assertEquals(before, d.reportValue(ReportType.FEATURE, 3));
    }
  }

  @Property
  void protocolModeOnlyChangesOnZeroOrOne(@ForAll @Size(max = 3) byte[] value) {
    HogpDevice d = HogpDevice.create(HidProfile.keyboard(), CLOCK, NotificationSink.none());
    d.write(d.protocolMode().orElseThrow(), 0, Bytes.copyOf(value), false, SECURE);
    ProtocolMode expected =
        value.length == 1 && value[0] == 0 ? ProtocolMode.BOOT : ProtocolMode.REPORT;
    assertEquals(expected, d.currentProtocolMode());
  }
}
