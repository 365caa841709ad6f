package dev.hogrig.gatt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.ReportCodec;
import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.util.Bytes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** HIDS 1.0 behaviour of {@link HogpDevice}, driven as a backend would drive it. */
class HogpBehaviourTest {
  static final Usage LEFT_SHIFT = new Usage(Usages.PAGE_KEYBOARD, 0xE1);
  static final Usage KEY_A = new Usage(Usages.PAGE_KEYBOARD, 0x04);

  final TestClock clock = new TestClock(Instant.parse("2026-03-01T10:00:00Z"));
  final List<GattEvent> events = new ArrayList<>();
  final List<String> notified = new ArrayList<>();

  HogpDevice device(HidProfile p) {
    HogpDevice d = HogpDevice.create(p, clock, (h, v) -> notified.add(h.label() + " " + v.toHex()));
    // A host subscribed to everything, as after its CCC writes; what happens before that is
    // UnsubscribedPolicyTest's subject.
    d.notifiableCharacteristics().forEach(c -> d.subscriptionChanged(c, true));
    d.addListener(events::add);
    return d;
  }

  static ConnectionInfo at(SecurityLevel level) {
    return ConnectionInfo.of("AA:BB:CC:DD:EE:FF", level);
  }

  static final ConnectionInfo SECURE = at(SecurityLevel.SECURE);

  static Bytes ok(AttResult r) {
    assertTrue(r instanceof AttResult.Value, "expected a value, got " + r);
    return ((AttResult.Value) r).value();
  }

  static void error(AttError expected, AttResult r) {
    assertEquals(AttResult.error(expected), r);
  }

  <T extends GattEvent> List<T> eventsOf(Class<T> type) {
    List<T> out = new ArrayList<>();
    for (GattEvent e : events) {
      if (type.isInstance(e)) {
        out.add(type.cast(e));
      }
    }
    return out;
  }

  @Test
  @DisplayName("Report Map long read: Read Blob at successive offsets reassembles the descriptor")
  void reportMapLongReadWithOffsets() {
    HogpDevice d = device(HidProfile.touchpad());
    Bytes expected = DescriptorLibrary.get("ptp-clickpad").orElseThrow().bytes();
    assertTrue(expected.size() > 22, "needs more than one ATT_MTU 23 read");
    // Step 1: a client reads ATT_MTU - 1 = 22 octets per Read / Read Blob (Core Vol 3 Part F
    // §3.4.4.3, §3.4.4.5) until a short part arrives.
    Bytes got = Bytes.EMPTY;
    int offset = 0;
    while (true) {
      Bytes part = ok(d.read(d.reportMap(), offset, SECURE));
      Bytes sent = part.slice(0, Math.min(22, part.size()));
      got = got.concat(sent);
      offset += sent.size();
      if (sent.size() < 22) {
        break;
      }
    }
    assertEquals(expected, got);
    // Step 2: offset == length reads an empty part; past it is Invalid Offset (0x07).
    assertEquals(Bytes.EMPTY, ok(d.read(d.reportMap(), expected.size(), SECURE)));
    error(AttError.INVALID_OFFSET, d.read(d.reportMap(), expected.size() + 1, SECURE));
  }

  @Test
  @DisplayName(
      "HIDS Protocol Mode: boot mode routes the next keyboard input to Boot Keyboard Input")
  void protocolModeSwitchRoutesInputToBootCharacteristic() {
    HogpDevice d = device(HidProfile.keyboard());
    CharacteristicHandle pm = d.protocolMode().orElseThrow();
    ReportData shiftA = new ReportData().press(LEFT_SHIFT, KEY_A);

    // Step 1: report mode (the default, value 1) -> Report characteristic.
    assertEquals(Bytes.of(0x01), ok(d.read(pm, 0, SECURE)));
    assertEquals(
        d.reportCharacteristic(ReportType.INPUT, 0),
        d.sendInput(ReportType.INPUT, 0, shiftA).orElseThrow().characteristic());

    // Step 2: host writes Boot (0) as a Write Command.
    ok(d.write(pm, 0, Bytes.of(0x00), false, SECURE));
    assertEquals(ProtocolMode.BOOT, d.currentProtocolMode());
    assertEquals(Bytes.of(0x00), ok(d.read(pm, 0, SECURE)));
    assertEquals(
        List.of(ProtocolMode.REPORT),
        eventsOf(GattEvent.ProtocolModeChanged.class).stream()
            .map(GattEvent.ProtocolModeChanged::from)
            .toList());

    // Step 3: the same data now goes to Boot Keyboard Input (HID 1.11 App. B.1 layout).
    HogpDevice.SentInput sent = d.sendInput(ReportType.INPUT, 0, shiftA).orElseThrow();
    assertEquals(d.bootKeyboardInput().orElseThrow(), sent.characteristic());
    assertEquals(Bytes.fromHex("02 00 04 00 00 00 00 00"), sent.value());
    assertEquals(sent.value(), ok(d.read(d.bootKeyboardInput().orElseThrow(), 0, SECURE)));
    assertEquals(
        "Boot Keyboard Input Report 02 00 04 00 00 00 00 00", notified.get(notified.size() - 1));

    // Step 4: the boot keyboard's report layout is the boot layout, so raw bytes work too.
    assertEquals(
        d.bootKeyboardInput().orElseThrow(),
        d.sendInput(ReportType.INPUT, 0, Bytes.fromHex("01 00 05 00 00 00 00 00"))
            .orElseThrow()
            .characteristic());

    // Step 5: back to Report mode, and a new connection also resets to Report.
    ok(d.write(pm, 0, Bytes.of(0x01), false, SECURE));
    assertEquals(
        d.reportCharacteristic(ReportType.INPUT, 0),
        d.sendInput(ReportType.INPUT, 0, shiftA).orElseThrow().characteristic());
    ok(d.write(pm, 0, Bytes.of(0x00), false, SECURE));
    d.connected(SECURE);
    assertEquals(ProtocolMode.REPORT, d.currentProtocolMode());
  }

  @Test
  @DisplayName("Boot mouse from a 16-bit report: ReportData clamps; raw bytes are refused")
  void bootMouseFromReportDataAndRawBytesRefused() {
    HogpDevice d = device(HidProfile.mouse());
    ok(d.write(d.protocolMode().orElseThrow(), 0, Bytes.of(0x00), false, SECURE));
    ReportData move = new ReportData().set(Usages.BUTTON_1, 1).set(Usages.X, 300).set(Usages.Y, -5);
    HogpDevice.SentInput sent = d.sendInput(ReportType.INPUT, 0, move).orElseThrow();
    assertEquals(d.bootMouseInput().orElseThrow(), sent.characteristic());
    assertEquals(Bytes.of(0x01, 0x7f, 0xfb), sent.value());
    // mouse-5btn's report is not the boot layout (16-bit X/Y): its bytes cannot be cut to 3.
    assertThrows(
        IllegalStateException.class, () -> d.sendInput(ReportType.INPUT, 0, Bytes.of(new int[7])));
  }

  @Test
  @DisplayName("Boot mode drops input reports that belong to no boot device")
  void bootModeDropsNonBootReports() {
    HogpDevice d =
        device(
            HidProfile.fromDescriptor(
                "kt", DescriptorLibrary.get("keyboard-touchpad").orElseThrow().bytes()));
    ok(d.write(d.protocolMode().orElseThrow(), 0, Bytes.of(0x00), false, SECURE));
    int before = notified.size();
    assertEquals(Optional.empty(), d.sendInput(ReportType.INPUT, 2, new ReportData()));
    assertEquals(before, notified.size());
    assertEquals(2, eventsOf(GattEvent.InputDropped.class).get(0).reportId());
    // The keyboard (report 1) still goes to Boot Keyboard Input.
    assertEquals(
        d.bootKeyboardInput().orElseThrow(),
        d.sendInput(ReportType.INPUT, 1, new ReportData().press(KEY_A))
            .orElseThrow()
            .characteristic());
  }

  @Test
  @DisplayName("HIDS Control Point: Suspend and Exit Suspend recorded; reserved values ignored")
  void controlPointSuspendRecorded() {
    HogpDevice d = device(HidProfile.keyboard());
    ok(d.write(d.controlPoint(), 0, Bytes.of(0x00), false, SECURE));
    assertTrue(d.suspended());
    ok(d.write(d.controlPoint(), 0, Bytes.of(0x01), false, SECURE));
    assertFalse(d.suspended());
    assertEquals(
        List.of(ControlPointCommand.SUSPEND, ControlPointCommand.EXIT_SUSPEND),
        eventsOf(GattEvent.ControlPoint.class).stream()
            .map(GattEvent.ControlPoint::command)
            .toList());
    // 0x02..0xFF are reserved (HIDS 1.0, HID Control Point): nothing changes, no ControlPoint
    // event.
    ok(d.write(d.controlPoint(), 0, Bytes.of(0x00), false, SECURE));
    error(AttError.VALUE_NOT_ALLOWED, d.write(d.controlPoint(), 0, Bytes.of(0x02), false, SECURE));
    assertTrue(d.suspended());
    assertEquals(3, eventsOf(GattEvent.ControlPoint.class).size());
    // Read is not a property of the Control Point.
    error(AttError.READ_NOT_PERMITTED, d.read(d.controlPoint(), 0, SECURE));
  }

  @Test
  @DisplayName("LED output report: write recorded, hooked, readable; wrong length refused")
  void ledOutputWriteRecordedAndHooked() {
    HogpDevice d = device(HidProfile.keyboard());
    List<String> hooked = new ArrayList<>();
    d.onOutputReport((id, boot, v, c) -> hooked.add(id + " " + boot + " " + v.toHex()));
    CharacteristicHandle out = d.reportCharacteristic(ReportType.OUTPUT, 0);
    // Caps Lock is LED usage 2 -> bit 1 -> 0x02 (HID 1.11 App. B.1).
    ok(d.write(out, 0, Bytes.of(0x02), true, SECURE));
    assertEquals(Bytes.of(0x02), ok(d.read(out, 0, SECURE)));
    GattEvent.OutputReport e = eventsOf(GattEvent.OutputReport.class).get(0);
    assertEquals(0, e.reportId());
    assertFalse(e.boot());
    assertEquals(Bytes.of(0x02), e.value());
    // Boot Keyboard Output Report takes the same byte, as a Write Command.
    ok(d.write(d.bootKeyboardOutput().orElseThrow(), 0, Bytes.of(0x01), false, SECURE));
    assertEquals(List.of("0 false 02", "0 true 01"), hooked);
    // A 2-octet LED report: Invalid Attribute Value Length (0x0D), value unchanged, not hooked.
    error(
        AttError.INVALID_ATTRIBUTE_VALUE_LENGTH,
        d.write(out, 0, Bytes.of(0x07, 0x00), true, SECURE));
    assertEquals(Bytes.of(0x02), d.reportValue(ReportType.OUTPUT, 0));
    assertEquals(2, hooked.size());
  }

  @Test
  @DisplayName("Feature reports: initial values, Input Mode = 3, wrong length and hook refusal")
  void featureReadWrite() {
    HogpDevice d = device(HidProfile.touchpad());
    CharacteristicHandle caps = d.reportCharacteristic(ReportType.FEATURE, 3);
    CharacteristicHandle blob = d.reportCharacteristic(ReportType.FEATURE, 4);
    CharacteristicHandle mode = d.reportCharacteristic(ReportType.FEATURE, 5);

    // Step 1: Contact Count Maximum 5 in bits 0-3, Pad Type 0 in bits 4-7 -> 0x05.
    assertEquals(Bytes.of(0x05), ok(d.read(caps, 0, SECURE)));
    // Step 2: the 256-octet certification blob reads long; zeros = not certified.
    assertEquals(Bytes.of(new int[256]), ok(d.read(blob, 0, SECURE)));
    assertEquals(56, ok(d.read(blob, 200, SECURE)).size());

    // Step 3: Windows writes Input Mode = 3 (touchpad) to Feature 5. The descriptor wraps Input
    // Mode in a Finger collection (as Microsoft's sample does), which ReportCodec counts as a
    // contact, hence contact(0).
    ReportData setMode = new ReportData();
    setMode.contact(0).set(Usages.INPUT_MODE, 3);
    Bytes inputMode3 =
        ReportCodec.encodePayload(d.profile().descriptor(), ReportType.FEATURE, 5, setMode);
    assertEquals(Bytes.of(0x03), inputMode3);
    assertEquals(Bytes.of(0x00), ok(d.read(mode, 0, SECURE)));
    ok(d.write(mode, 0, inputMode3, true, SECURE));
    assertEquals(Bytes.of(0x03), ok(d.read(mode, 0, SECURE)));
    GattEvent.FeatureWrite fw = eventsOf(GattEvent.FeatureWrite.class).get(0);
    assertEquals(5, fw.reportId());
    assertEquals(Bytes.of(0x03), fw.value());

    // Step 4: wrong length -> 0x0D, state unchanged, no FeatureWrite event.
    error(
        AttError.INVALID_ATTRIBUTE_VALUE_LENGTH,
        d.write(mode, 0, Bytes.of(0x00, 0x00), true, SECURE));
    error(AttError.INVALID_ATTRIBUTE_VALUE_LENGTH, d.write(mode, 0, Bytes.EMPTY, true, SECURE));
    assertEquals(Bytes.of(0x03), d.reportValue(ReportType.FEATURE, 5));
    assertEquals(1, eventsOf(GattEvent.FeatureWrite.class).size());

    // Step 5: a hook refuses a value; the store keeps the old one.
    d.onFeatureWrite(
        (id, v, c) ->
            id == 5 && v.get(0) > 3 ? Optional.of(AttError.OUT_OF_RANGE) : Optional.empty());
    error(AttError.OUT_OF_RANGE, d.write(mode, 0, Bytes.of(0x07), true, SECURE));
    assertEquals(Bytes.of(0x03), d.reportValue(ReportType.FEATURE, 5));

    // Step 6: a long-write segment at offset 250 replaces octets 250..255 of the blob.
    ok(d.write(blob, 250, Bytes.of(1, 2, 3, 4, 5, 6), true, SECURE));
    assertEquals(Bytes.of(1, 2, 3, 4, 5, 6), ok(d.read(blob, 250, SECURE)));
    error(
        AttError.INVALID_ATTRIBUTE_VALUE_LENGTH,
        d.write(blob, 251, Bytes.of(1, 2, 3, 4, 5, 6), true, SECURE));
  }

  @Test
  @DisplayName("Security: unencrypted access refused with the BlueZ error, state unchanged")
  void unencryptedAccessRejected() {
    // Mouse asks for encryption (level 2): Insufficient Encryption (0x0F).
    HogpDevice mouse = device(HidProfile.mouse());
    error(
        AttError.INSUFFICIENT_ENCRYPTION, mouse.read(mouse.reportMap(), 0, at(SecurityLevel.NONE)));
    error(
        AttError.INSUFFICIENT_ENCRYPTION,
        mouse.write(
            mouse.protocolMode().orElseThrow(), 0, Bytes.of(0x00), false, at(SecurityLevel.NONE)));
    assertEquals(ProtocolMode.REPORT, mouse.currentProtocolMode());
    ok(mouse.read(mouse.reportMap(), 0, at(SecurityLevel.ENCRYPTED)));
    error(AttError.INSUFFICIENT_ENCRYPTION, mouse.read(mouse.pnpId(), 0, at(SecurityLevel.NONE)));

    // Keyboard asks for authentication (level 3): Insufficient Authentication (0x05), also on an
    // encrypted but unauthenticated (Just Works) link.
    HogpDevice kb = device(HidProfile.keyboard());
    error(AttError.INSUFFICIENT_AUTHENTICATION, kb.read(kb.reportMap(), 0, at(SecurityLevel.NONE)));
    error(
        AttError.INSUFFICIENT_AUTHENTICATION,
        kb.read(kb.reportMap(), 0, at(SecurityLevel.ENCRYPTED)));
    ok(kb.read(kb.reportMap(), 0, at(SecurityLevel.AUTHENTICATED)));
    CharacteristicHandle leds = kb.reportCharacteristic(ReportType.OUTPUT, 0);
    error(
        AttError.INSUFFICIENT_AUTHENTICATION,
        kb.write(leds, 0, Bytes.of(0x02), true, at(SecurityLevel.ENCRYPTED)));
    assertEquals(Bytes.of(0x00), kb.reportValue(ReportType.OUTPUT, 0));

    // A scenario can play an unprotected device.
    HogpDevice open =
        device(HidProfile.keyboard().withSecurity(HogpSecurity.all(SecurityLevel.NONE)));
    ok(open.read(open.reportMap(), 0, at(SecurityLevel.NONE)));
  }

  @Test
  @DisplayName("Invalid Protocol Mode value: nothing changes; a Write Request is not permitted")
  void invalidProtocolModeRejected() {
    HogpDevice d = device(HidProfile.keyboard());
    CharacteristicHandle pm = d.protocolMode().orElseThrow();
    // HIDS 1.0, Protocol Mode: 0x02..0xFF reserved. Protocol Mode only has Write Without Response,
    // so no
    // ATT_ERROR_RSP can reach the host (Core Vol 3 Part F §3.4.5.3); the result is for the log.
    error(AttError.VALUE_NOT_ALLOWED, d.write(pm, 0, Bytes.of(0x02), false, SECURE));
    error(
        AttError.INVALID_ATTRIBUTE_VALUE_LENGTH,
        d.write(pm, 0, Bytes.of(0x00, 0x00), false, SECURE));
    // A Write Request: the characteristic has no Write property -> Write Not Permitted (0x03).
    error(AttError.WRITE_NOT_PERMITTED, d.write(pm, 0, Bytes.of(0x00), true, SECURE));
    assertEquals(ProtocolMode.REPORT, d.currentProtocolMode());
    assertTrue(eventsOf(GattEvent.ProtocolModeChanged.class).isEmpty());
    assertEquals(3, eventsOf(GattEvent.Write.class).size());
  }

  @Test
  @DisplayName("Input reports cannot be written; unknown handles are Invalid Handle")
  void inputWriteAndUnknownHandle() {
    HogpDevice d = device(HidProfile.keyboard());
    error(
        AttError.WRITE_NOT_PERMITTED,
        d.write(
            d.reportCharacteristic(ReportType.INPUT, 0), 0, Bytes.of(new int[8]), true, SECURE));
    CharacteristicHandle stranger =
        new CharacteristicHandle(9999, GattUuids.REPORT, "not in this database");
    error(AttError.INVALID_HANDLE, d.read(stranger, 0, SECURE));
    assertThrows(
        IllegalArgumentException.class, () -> d.reportCharacteristic(ReportType.FEATURE, 1));
  }

  @Test
  @DisplayName("Battery Level: set, notified, readable")
  void batteryLevelNotified() {
    HogpDevice d = device(HidProfile.mouse());
    d.setBatteryLevel(42);
    assertEquals("Battery Level 2a", notified.get(0));
    assertEquals(Bytes.of(42), ok(d.read(d.batteryLevel(), 0, SECURE)));
    assertThrows(GattModelException.class, () -> d.setBatteryLevel(101));
  }

  @Test
  @DisplayName("Events carry the injected clock's time, in the order things happened")
  void eventsCarryInjectedClockTime() {
    HogpDevice d = device(HidProfile.keyboard());
    Instant t0 = clock.instant();
    d.read(d.reportMap(), 0, SECURE);
    clock.advance(Duration.ofMillis(1500));
    d.write(d.protocolMode().orElseThrow(), 0, Bytes.of(0x00), false, SECURE);
    clock.advance(Duration.ofSeconds(2));
    d.sendInput(ReportType.INPUT, 0, new ReportData().press(KEY_A));

    assertEquals(4, events.size(), events.toString());
    GattEvent.Read read = (GattEvent.Read) events.get(0);
    assertEquals(t0, read.time());
    assertEquals(d.reportMap(), read.handle());
    assertEquals("AA:BB:CC:DD:EE:FF", read.peer());
    assertTrue(events.get(1) instanceof GattEvent.ProtocolModeChanged);
    assertEquals(t0.plusMillis(1500), events.get(1).time());
    assertTrue(events.get(2) instanceof GattEvent.Write);
    assertEquals(t0.plusMillis(1500), events.get(2).time());
    GattEvent.Notification n = (GattEvent.Notification) events.get(3);
    assertEquals(t0.plusMillis(3500), n.time());
    assertEquals(d.bootKeyboardInput().orElseThrow(), n.handle());
  }
}
