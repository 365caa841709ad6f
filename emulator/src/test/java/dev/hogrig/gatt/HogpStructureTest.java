package dev.hogrig.gatt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.collect.ImmutableSet;
import dev.hogrig.hid.DescriptorLibrary;
import dev.hogrig.hid.ReportType;
import dev.hogrig.util.Bytes;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Service, characteristic and descriptor layout of the built-in profiles (HIDS.TS groups SGGIT/SER,
 * SGGIT/CHA and SGGIT/DES: services, characteristics with their properties, descriptors and their
 * values). Expected UUIDs from Assigned Numbers, properties from HIDS 1.0 (characteristic
 * requirements).
 */
class HogpStructureTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
  static final ConnectionInfo SECURE = ConnectionInfo.of("host", SecurityLevel.SECURE);

  static HogpDevice device(HidProfile p) {
    return HogpDevice.create(p, CLOCK, NotificationSink.none());
  }

  static List<String> uuids(GattService s) {
    return s.characteristics().stream()
        .map(c -> c.uuid().shortString())
        .collect(Collectors.toList());
  }

  static GattCharacteristic ch(HogpDevice d, CharacteristicHandle h) {
    return d.database().characteristic(h).orElseThrow();
  }

  static Bytes read(HogpDevice d, AttributeHandle h) {
    AttResult r = d.read(h, 0, SECURE);
    assertTrue(r.isOk(), h + ": " + r);
    return ((AttResult.Value) r).value();
  }

  @Test
  @DisplayName("HIDS/SR/SGGIT/SER style: HID, Battery and Device Information are primary services")
  void servicesOfEveryBuiltInProfile() {
    for (HidProfile p : List.of(HidProfile.keyboard(), HidProfile.mouse(), HidProfile.touchpad())) {
      List<GattService> services = device(p).database().services();
      assertEquals(
          List.of(
              "00001812-0000-1000-8000-00805f9b34fb",
              "0000180f-0000-1000-8000-00805f9b34fb",
              "0000180a-0000-1000-8000-00805f9b34fb"),
          services.stream().map(s -> s.uuid().toString()).collect(Collectors.toList()),
          p.name());
      assertTrue(services.stream().allMatch(GattService::primary));
      assertEquals(List.of("0x2A19"), uuids(services.get(1)));
      assertEquals(List.of("0x2A29", "0x2A24", "0x2A26", "0x2A50"), uuids(services.get(2)));
    }
  }

  @Test
  @DisplayName("HIDS/SR/SGGIT/CHA style: keyboard HID Service characteristics and properties")
  void keyboardHidServiceLayout() {
    HogpDevice d = device(HidProfile.keyboard());
    GattService hid = d.database().service(d.hidService()).orElseThrow();
    // Protocol Mode, Report Map, Report (in), Report (out), Boot KB In, Boot KB Out, HID Info, CP
    assertEquals(
        List.of("0x2A4E", "0x2A4B", "0x2A4D", "0x2A4D", "0x2A22", "0x2A32", "0x2A4A", "0x2A4C"),
        uuids(hid));
    assertEquals(
        EnumSet.of(Property.READ, Property.WRITE_WITHOUT_RESPONSE),
        ch(d, d.protocolMode().orElseThrow()).properties());
    assertEquals(EnumSet.of(Property.READ), ch(d, d.reportMap()).properties());
    assertEquals(
        EnumSet.of(Property.READ, Property.NOTIFY),
        ch(d, d.reportCharacteristic(ReportType.INPUT, 0)).properties());
    assertEquals(
        EnumSet.of(Property.READ, Property.WRITE, Property.WRITE_WITHOUT_RESPONSE),
        ch(d, d.reportCharacteristic(ReportType.OUTPUT, 0)).properties());
    assertEquals(
        EnumSet.of(Property.READ, Property.NOTIFY),
        ch(d, d.bootKeyboardInput().orElseThrow()).properties());
    assertEquals(
        EnumSet.of(Property.READ, Property.WRITE, Property.WRITE_WITHOUT_RESPONSE),
        ch(d, d.bootKeyboardOutput().orElseThrow()).properties());
    assertEquals(EnumSet.of(Property.READ), ch(d, d.hidInformation()).properties());
    assertEquals(EnumSet.of(Property.WRITE_WITHOUT_RESPONSE), ch(d, d.controlPoint()).properties());
    assertTrue(d.bootMouseInput().isEmpty());
  }

  @Test
  @DisplayName(
      "HOGP 1.0 §6.1: keyboard (KeyboardDisplay) asks for authenticated encryption everywhere")
  void keyboardPermissionsAreAuthenticated() {
    HogpDevice d = device(HidProfile.keyboard());
    assertEquals(
        ImmutableSet.of("read", "notify", "encrypt-authenticated-read"),
        ch(d, d.reportCharacteristic(ReportType.INPUT, 0)).bluezFlags());
    assertEquals(
        ImmutableSet.of(
            "read",
            "write-without-response",
            "write",
            "encrypt-authenticated-read",
            "encrypt-authenticated-write"),
        ch(d, d.reportCharacteristic(ReportType.OUTPUT, 0)).bluezFlags());
    for (GattService s : d.database().services()) {
      for (GattCharacteristic c : s.characteristics()) {
        assertFalse(c.permissions().isEmpty(), c.label());
        for (Permission p : c.permissions()) {
          assertEquals(SecurityLevel.AUTHENTICATED, p.level(), c.label() + " " + p);
        }
        for (GattDescriptor de : c.descriptors()) {
          assertEquals(EnumSet.of(Permission.ENCRYPT_AUTHENTICATED_READ), de.permissions());
        }
      }
    }
  }

  @Test
  @DisplayName("HIDS/SR/SGGIT/DES style: Report Reference per report; no CCC in the model")
  void reportReferencesAndNoCccDescriptor() {
    HogpDevice d = device(HidProfile.keyboard());
    // HIDS 1.0, Report Reference: [report ID, type]; no report IDs -> 0; 1 Input, 2 Output.
    assertEquals(Bytes.of(0, 1), read(d, d.reportReference(ReportType.INPUT, 0)));
    assertEquals(Bytes.of(0, 2), read(d, d.reportReference(ReportType.OUTPUT, 0)));
    assertEquals(Bytes.of(0x19, 0x2A), read(d, d.externalReportReference()));
    for (GattService s : d.database().services()) {
      for (GattCharacteristic c : s.characteristics()) {
        assertTrue(c.descriptor(GattUuids.CLIENT_CHARACTERISTIC_CONFIGURATION).isEmpty());
      }
    }
  }

  @Test
  @DisplayName("Mouse: boot mouse derived from a 16-bit report; encrypted, not authenticated")
  void mouseLayout() {
    HogpDevice d = device(HidProfile.mouse());
    GattService hid = d.database().service(d.hidService()).orElseThrow();
    assertEquals(List.of("0x2A4E", "0x2A4B", "0x2A4D", "0x2A33", "0x2A4A", "0x2A4C"), uuids(hid));
    assertTrue(d.bootKeyboardInput().isEmpty());
    assertEquals(Bytes.of(0, 1), read(d, d.reportReference(ReportType.INPUT, 0)));
    assertEquals(
        ImmutableSet.of("read", "notify", "encrypt-read"),
        ch(d, d.bootMouseInput().orElseThrow()).bluezFlags());
    assertEquals(IoCapability.NO_INPUT_NO_OUTPUT, d.profile().ioCapability());
    assertEquals(HidProfile.APPEARANCE_MOUSE, d.profile().appearance());
  }

  @Test
  @DisplayName("Touchpad: no boot characteristics, one Report per report ID and type")
  void touchpadLayout() {
    HogpDevice d = device(HidProfile.touchpad());
    GattService hid = d.database().service(d.hidService()).orElseThrow();
    assertTrue(d.protocolMode().isEmpty());
    assertTrue(d.bootKeyboardInput().isEmpty() && d.bootMouseInput().isEmpty());
    assertEquals(
        List.of("0x2A4B", "0x2A4D", "0x2A4D", "0x2A4D", "0x2A4D", "0x2A4D", "0x2A4A", "0x2A4C"),
        uuids(hid));
    assertEquals(Bytes.of(2, 1), read(d, d.reportReference(ReportType.INPUT, 2)));
    for (int id = 3; id <= 6; id++) {
      assertEquals(Bytes.of(id, 3), read(d, d.reportReference(ReportType.FEATURE, id)));
      assertEquals(
          EnumSet.of(Property.READ, Property.WRITE),
          ch(d, d.reportCharacteristic(ReportType.FEATURE, id)).properties());
    }
    assertEquals(HidProfile.APPEARANCE_TOUCHPAD, d.profile().appearance());
  }

  @Test
  @DisplayName("HIDS/SR/CR style: constant values of HID Information, PnP ID, strings, battery")
  void constantValues() {
    HogpDevice d = device(HidProfile.keyboard());
    assertEquals(Bytes.of(0x11, 0x01, 0x00, 0x03), read(d, d.hidInformation()));
    // USB-IF source 0x02, VID 0x1209 -> 09 12, PID 0x0001 -> 01 00, version 0x0100 -> 00 01.
    assertEquals(Bytes.of(0x02, 0x09, 0x12, 0x01, 0x00, 0x00, 0x01), read(d, d.pnpId()));
    assertEquals(HogpCodec.utf8("hogrig"), read(d, d.manufacturerName()));
    assertEquals(Bytes.of(100), read(d, d.batteryLevel()));
    assertEquals(
        DescriptorLibrary.get("boot-keyboard").orElseThrow().bytes(), read(d, d.reportMap()));
  }

  @Test
  void withBootEmptyRemovesProtocolModeAndBootCharacteristics() {
    HogpDevice d = device(HidProfile.keyboard().withBoot(Set.of()));
    assertTrue(d.protocolMode().isEmpty());
    assertTrue(d.bootKeyboardInput().isEmpty() && d.bootKeyboardOutput().isEmpty());
  }

  @Test
  void fromDescriptorDerivesAppearanceIoAndBoot() {
    HidProfile p =
        HidProfile.fromDescriptor(
            "kt", DescriptorLibrary.get("keyboard-touchpad").orElseThrow().bytes());
    assertEquals(HidProfile.APPEARANCE_KEYBOARD, p.appearance());
    assertEquals(IoCapability.KEYBOARD_DISPLAY, p.ioCapability());
    assertEquals(EnumSet.of(BootDevice.KEYBOARD), p.boot());
    assertEquals(SecurityLevel.AUTHENTICATED, p.security().hid());
  }
}
