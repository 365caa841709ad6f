package dev.hogrig.gatt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hogrig.hid.ReportData;
import dev.hogrig.hid.ReportType;
import dev.hogrig.hid.Usage;
import dev.hogrig.hid.Usages;
import dev.hogrig.util.Bytes;
import org.junit.jupiter.api.Test;

/** Byte layouts from HIDS 1.0, DIS 1.1, BAS 1.0 and HID 1.11 Appendix B. */
class HogpCodecTest {
  @Test
  void hidInformationIsBcdHidLittleEndianCountryThenFlags() {
    // HIDS 1.0, HID Information: bcdHID 0x0111 -> 11 01; flags bit 0 RemoteWake, bit 1
    // NormallyConnectable.
    assertEquals(
        Bytes.of(0x11, 0x01, 0x00, 0x03), HogpCodec.hidInformation(HidInformation.DEFAULT));
    assertEquals(
        Bytes.of(0x11, 0x01, 0x21, 0x02),
        HogpCodec.hidInformation(new HidInformation(0x0111, 0x21, false, true)));
  }

  @Test
  void pnpIdIsSourceThenThreeLittleEndianWords() {
    // DIS 1.1, PnP ID: source 0x02 USB-IF, VID, PID, version, each uint16 LE.
    PnpId id = new PnpId(PnpId.VendorIdSource.USB_IF, 0x05AC, 0x0256, 0x0110);
    assertEquals(Bytes.of(0x02, 0xAC, 0x05, 0x56, 0x02, 0x10, 0x01), HogpCodec.pnpId(id));
  }

  @Test
  void reportReferenceIsIdThenType123() {
    // HIDS 1.0, Report Reference: Report Type 1 Input, 2 Output, 3 Feature.
    assertEquals(Bytes.of(0x00, 0x01), HogpCodec.reportReference(0, ReportType.INPUT));
    assertEquals(Bytes.of(0x01, 0x02), HogpCodec.reportReference(1, ReportType.OUTPUT));
    assertEquals(Bytes.of(0x05, 0x03), HogpCodec.reportReference(5, ReportType.FEATURE));
  }

  @Test
  void externalReportReferenceIsBatteryLevelUuidLittleEndian() {
    assertEquals(Bytes.of(0x19, 0x2A), HogpCodec.externalReportReference(GattUuids.BATTERY_LEVEL));
  }

  @Test
  void decodersInvertEncoders() {
    HidInformation info = new HidInformation(0x0101, 7, true, false);
    assertEquals(info, HogpCodec.decodeHidInformation(HogpCodec.hidInformation(info)));
    PnpId id = new PnpId(PnpId.VendorIdSource.BLUETOOTH_SIG, 0x004C, 0xFFFF, 0);
    assertEquals(id, HogpCodec.decodePnpId(HogpCodec.pnpId(id)));
    assertThrows(GattModelException.class, () -> HogpCodec.decodePnpId(Bytes.of(1, 2)));
  }

  @Test
  void batteryLevelIsOnePercentOctet() {
    assertEquals(Bytes.of(0x64), HogpCodec.batteryLevel(100));
    assertThrows(GattModelException.class, () -> HogpCodec.batteryLevel(101));
  }

  @Test
  void bootKeyboardReportFollowsAppendixB1() {
    // Left Shift (0xE1, bit 1) + 'a' (0x04): 02 00 04 00 00 00 00 00.
    ReportData d =
        new ReportData()
            .press(new Usage(Usages.PAGE_KEYBOARD, 0xE1), new Usage(Usages.PAGE_KEYBOARD, 0x04));
    assertEquals(Bytes.fromHex("02 00 04 00 00 00 00 00"), BootReports.keyboard(d));
  }

  @Test
  void moreThanSixKeysIsErrorRollOverInEverySlot() {
    // HUT 1.5 §10: 0x01 ErrorRollOver.
    ReportData d = new ReportData();
    for (int k = 0x04; k < 0x04 + 7; k++) {
      d.press(new Usage(Usages.PAGE_KEYBOARD, k));
    }
    assertEquals(Bytes.fromHex("00 00 01 01 01 01 01 01"), BootReports.keyboard(d));
  }

  @Test
  void bootMouseReportFollowsAppendixB2AndClampsTo8Bits() {
    // Button 1 + Button 3 = 0b101; X 300 -> 127 (0x7f); Y -5 -> 0xfb.
    ReportData d =
        new ReportData()
            .set(Usages.BUTTON_1, 1)
            .press(new Usage(Usages.PAGE_BUTTON, 3))
            .set(Usages.X, 300)
            .set(Usages.Y, -5);
    assertEquals(Bytes.of(0x05, 0x7f, 0xfb), BootReports.mouse(d));
  }
}
