package dev.hogrig.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hogrig.gatt.GattEvent;
import dev.hogrig.gatt.HidProfile;
import dev.hogrig.gatt.HogpDevice;
import dev.hogrig.gatt.PnpId;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.HidRecording;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.TextCompileException;
import dev.hogrig.util.Bytes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** hid-recorder recordings played back: timing from the E: lines, report IDs moved out. */
class RecordingPlaybackTest {

  /**
   * The HID 1.11 Appendix B.2 boot mouse (3 buttons, X, Y as int8; no report IDs), recorded over
   * Bluetooth, with hid-recorder's clock starting half a second before the first event.
   */
  static final String BOOT_MOUSE =
      """
      # Boot Mouse
      R: 50 05 01 09 02 a1 01 09 01 a1 00 05 09 19 01 29 03 15 00 25 01 95 03 75 01 81 02 95 01 75 05 81 01 05 01 09 30 09 31 15 81 25 7f 75 08 95 02 81 06 c0 c0
      N: Boot Mouse
      I: 5 046d b025
      E: 000000.500000 3 01 01 ff
      E: 000000.507500 3 00 05 00
      E: 000001.750000 3 00 00 00
      """;

  static String composite(String events) {
    Bytes d = DescriptorLibrary.get("keyboard-touchpad").orElseThrow().bytes();
    return "N: Composite\nI: 3 1209 0001\nR: " + d.size() + " " + d.toHex() + "\n" + events;
  }

  record Sent(long atNanos, int id, Bytes payload) {}

  @Test
  void playbackOnASimulatedClockFollowsTheTimestampsOfTheELines() {
    HidRecording rec = HidRecording.parse(BOOT_MOUSE);
    SimulatedTimebase clock = new SimulatedTimebase();
    List<Sent> sent = new ArrayList<>();
    new Replayer(clock, (type, id, payload) -> sent.add(new Sent(clock.nanoTime(), id, payload)))
        .play(RecordingPlayback.reports(rec));
    // 0.500000 s, 0.507500 s, 1.750000 s, counted from the first E: line.
    assertEquals(
        List.of(
            new Sent(0, 0, Bytes.of(0x01, 0x01, 0xff)),
            new Sent(7_500_000, 0, Bytes.of(0x00, 0x05, 0x00)),
            new Sent(1_250_000_000L, 0, Bytes.of(0, 0, 0))),
        sent);
  }

  /**
   * Any recording of the boot mouse, written as hid-recorder writes it ({@code %06d.%06d} seconds
   * and microseconds): on a simulated clock each report goes out at its E: line's time after the
   * first, to the microsecond, with the recorded bytes.
   */
  @Property(tries = 100)
  void anyRecordingPlaysAtItsTimestamps(
      @ForAll @Size(max = 30) List<@IntRange(min = 0, max = 3_000_000) Integer> gapsMicros,
      @ForAll @IntRange(min = 0, max = 100_000_000) int startMicros) {
    StringBuilder text = new StringBuilder(BOOT_MOUSE.substring(0, BOOT_MOUSE.indexOf("E:")));
    List<Long> times = new ArrayList<>();
    long t = startMicros;
    for (int i = 0; i < gapsMicros.size(); i++) {
      t += gapsMicros.get(i);
      times.add(t);
      text.append("E: %06d.%06d 3 %02x 01 ff%n".formatted(t / 1_000_000, t % 1_000_000, i & 7));
    }
    SimulatedTimebase clock = new SimulatedTimebase();
    List<Sent> sent = new ArrayList<>();
    new Replayer(clock, (type, id, payload) -> sent.add(new Sent(clock.nanoTime(), id, payload)))
        .play(RecordingPlayback.reports(HidRecording.parse(text.toString())));
    assertEquals(times.size(), sent.size());
    for (int i = 0; i < times.size(); i++) {
      assertEquals((times.get(i) - times.get(0)) * 1000, sent.get(i).atNanos());
      assertEquals(Bytes.of(i & 7, 0x01, 0xff), sent.get(i).payload());
    }
  }

  @Test
  void reportIdByteOfTheELineBecomesTheReportId() {
    // keyboard-touchpad: Input 1 is the keyboard, 9 bytes with the ID; 'a' (0x04) held.
    HidRecording rec =
        HidRecording.parse(composite("E: 000010.000000 9 01 00 00 04 00 00 00 00 00\n"));
    List<TimedReport> reports = RecordingPlayback.reports(rec);
    assertEquals(
        List.of(
            new TimedReport(0, ReportType.INPUT, 1, Bytes.of(0, 0, 4, 0, 0, 0, 0, 0), "line 4")),
        reports);
  }

  @Test
  void anUnknownReportIdNamesTheLine() {
    HidRecording rec =
        HidRecording.parse(
            composite("E: 000000.000000 9 01 00 00 04 00 00 00 00 00\nE: 000000.010000 2 07 00\n"));
    TextCompileException e =
        assertThrows(TextCompileException.class, () -> RecordingPlayback.reports(rec));
    assertEquals(5, e.line());
    assertEquals(
        "line 5, column 1: E: line does not fit the descriptor: the descriptor declares no Input"
            + " report with ID 7; it declares Input report IDs 1, 2",
        e.getMessage());
  }

  @Test
  void aWrongLengthNamesTheLine() {
    HidRecording rec = HidRecording.parse(composite("E: 000000.000000 3 01 00 00\n"));
    assertEquals(
        "line 4, column 1: E: line does not fit the descriptor: Input report 1 is 9 bytes (ID byte"
            + " included), got 3",
        assertThrows(TextCompileException.class, () -> RecordingPlayback.reports(rec))
            .getMessage());
  }

  @Test
  void timeGoingBackNamesTheLine() {
    HidRecording rec =
        HidRecording.parse(
            BOOT_MOUSE.replace("E: 000001.750000 3 00 00 00", "E: 000000.100000 3 00 00 00"));
    assertEquals(
        "line 7, column 1: E: line timed 0.100000 s, before the E: line above it (0.507500 s): a"
            + " recording runs forward",
        assertThrows(TextCompileException.class, () -> RecordingPlayback.reports(rec))
            .getMessage());
  }

  @Test
  void malformedRecordingsNameLineAndColumn() {
    TextCompileException e =
        assertThrows(
            TextCompileException.class,
            () ->
                HidRecording.parse(
                    BOOT_MOUSE.replace(
                        "E: 000000.507500 3 00 05 00", "E: 000000.507500 3 00 5 00")));
    assertEquals(6, e.line());
    assertEquals(23, e.column(), "the \"5\" after \"E: 000000.507500 3 00 \"");
  }

  @Test
  void theProfilePresentsAsTheRecordedDevice() {
    HidProfile p = RecordingPlayback.profile(HidRecording.parse(BOOT_MOUSE));
    assertEquals("Boot Mouse", p.name());
    assertEquals(new PnpId(PnpId.VendorIdSource.USB_IF, 0x046d, 0xb025, 0x0100), p.pnpId());
    // Bluetooth Assigned Numbers §2.6: 0x03C2 Mouse, from the first application's usage.
    assertEquals(HidProfile.APPEARANCE_MOUSE, p.appearance());
  }

  @Test
  void playedIntoAHogpDeviceTheReportsAreNotifiedOnItsInputReport() {
    HidRecording rec =
        HidRecording.parse(
            composite(
                "E: 000000.000000 9 01 00 00 04 00 00 00 00 00\nE: 000000.008000 9 01 00 00 00 00 00 00 00 00\n"));
    HogpDevice device =
        HogpDevice.create(
            RecordingPlayback.profile(rec),
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
            (h, v) -> {});
    device.notifiableCharacteristics().forEach(c -> device.subscriptionChanged(c, true));
    List<GattEvent.Notification> notified = new ArrayList<>();
    device.addListener(
        e -> {
          if (e instanceof GattEvent.Notification n) {
            notified.add(n);
          }
        });
    new Replayer(new SimulatedTimebase(), ReportSink.of(device))
        .play(RecordingPlayback.reports(rec));
    var input1 = device.reportCharacteristic(ReportType.INPUT, 1);
    assertEquals(2, notified.size());
    assertEquals(input1, notified.get(0).handle());
    assertEquals(Bytes.of(0, 0, 4, 0, 0, 0, 0, 0), notified.get(0).value());
    assertEquals(Bytes.of(0, 0, 0, 0, 0, 0, 0, 0), notified.get(1).value());
  }
}
