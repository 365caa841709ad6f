package dev.hogrig.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.gatt.AttResult;
import dev.hogrig.gatt.ConnectionInfo;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.gatt.SecurityLevel;
import dev.hogrig.hid.ReportType;
import dev.hogrig.util.Bytes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the host writes back (LEDs, feature reports), decoded through the descriptor. */
class HostWriteRecorderTest {
  static final Instant T = Instant.parse("2026-01-01T12:00:00Z");
  static final ConnectionInfo HOST = ConnectionInfo.of("AA:BB:CC:DD:EE:FF", SecurityLevel.SECURE);

  static HogpDevice device(HidProfile p) {
    return HogpDevice.create(p, Clock.fixed(T, ZoneOffset.UTC), (h, v) -> {});
  }

  static void ok(AttResult r) {
    assertTrue(r instanceof AttResult.Value, "write accepted: " + r);
  }

  @Test
  void keyboardLedsAreDecodedByUsageName() {
    HogpDevice d = device(HidProfile.keyboard());
    HostWriteRecorder rec = HostWriteRecorder.attach(d);
    // boot-keyboard Output report: bits 0..4 are LED usages 1..5 (HID 1.11 Appendix B.1,
    // HUT 1.5 §11: 1 Num Lock, 2 Caps Lock, 3 Scroll Lock, 4 Compose, 5 Kana).
    ok(d.write(d.reportCharacteristic(ReportType.OUTPUT, 0), 0, Bytes.of(0x02), true, HOST));
    ok(d.write(d.bootKeyboardOutput().orElseThrow(), 0, Bytes.of(0x05), false, HOST));
    assertEquals(2, rec.outputs().size());
    HostWriteRecorder.HostWrite report = rec.outputs().get(0);
    assertEquals(T, report.time());
    assertEquals("AA:BB:CC:DD:EE:FF", report.peer());
    assertEquals(Bytes.of(0x02), report.value());
    assertEquals(Optional.of(1L), report.value("Caps Lock"));
    assertEquals(Optional.of(0L), report.value("Num Lock"));
    HostWriteRecorder.HostWrite boot = rec.outputs().get(1);
    assertTrue(boot.boot());
    assertEquals(Optional.of(1L), boot.value("Num Lock"));
    assertEquals(Optional.of(0L), boot.value("Caps Lock"));
    assertEquals(Optional.of(1L), boot.value("Scroll Lock"));
  }

  @Test
  void featureWritesAreRecordedAndRefusedWritesAreNot() {
    HogpDevice d = device(HidProfile.touchpad());
    HostWriteRecorder rec = HostWriteRecorder.attach(d);
    // ptp-clickpad Feature 5: Input Mode (Digitizers 0x52), 0..10; 3 selects the touchpad
    // collection (Microsoft PTP "Device Configuration"). Two octets for a one-octet report are
    // refused (HIDS 1.0 §3.6: Invalid Attribute Value Length) and are not a host write.
    ok(d.write(d.reportCharacteristic(ReportType.FEATURE, 5), 0, Bytes.of(0x03), true, HOST));
    d.write(d.reportCharacteristic(ReportType.FEATURE, 5), 0, Bytes.of(0x03, 0x00), true, HOST);
    assertEquals(1, rec.writes().size());
    HostWriteRecorder.HostWrite w = rec.writes().get(0);
    assertEquals(ReportType.FEATURE, w.type());
    assertEquals(5, w.reportId());
    assertEquals(java.util.Map.of("Inputmode", 3L), w.values());
  }
}
