package dev.hogrig.gatt;

import dev.hogrig.hid.ReportType;
import dev.hogrig.util.Bytes;
import java.nio.charset.StandardCharsets;

/**
 * Byte layouts of the HIDS, BAS and DIS values a HOGP device serves. Stateless. Every multi-octet
 * field is little-endian, as each value's specification says.
 */
public final class HogpCodec {
  private HogpCodec() {}

  /**
   * HID Information (HIDS 1.0, HID Information), 4 octets.
   *
   * <pre>
   *   octet 0-1  bcdHID        uint16 LE, e.g. 11 01 for 0x0111
   *   octet 2    bCountryCode  uint8
   *   octet 3    Flags         bit 0 RemoteWake, bit 1 NormallyConnectable, bits 2-7 reserved
   * </pre>
   */
  public static Bytes hidInformation(HidInformation info) {
    int flags = (info.remoteWake() ? 0x01 : 0) | (info.normallyConnectable() ? 0x02 : 0);
    return Bytes.of(info.bcdHid() & 0xff, info.bcdHid() >> 8, info.countryCode(), flags);
  }

  /** Inverse of {@link #hidInformation(HidInformation)}; reserved flag bits are ignored. */
  public static HidInformation decodeHidInformation(Bytes b) {
    requireLength("HID Information", b, 4);
    return new HidInformation(le16(b, 0), b.get(2), (b.get(3) & 0x01) != 0, (b.get(3) & 0x02) != 0);
  }

  /**
   * PnP ID (DIS 1.1, PnP ID characteristic), 7 octets.
   *
   * <pre>
   *   octet 0    Vendor ID Source  0x01 Bluetooth SIG, 0x02 USB-IF
   *   octet 1-2  Vendor ID         uint16 LE
   *   octet 3-4  Product ID        uint16 LE
   *   octet 5-6  Product Version   uint16 LE
   * </pre>
   */
  public static Bytes pnpId(PnpId id) {
    return Bytes.of(
        id.source().value(),
        id.vendorId() & 0xff,
        id.vendorId() >> 8,
        id.productId() & 0xff,
        id.productId() >> 8,
        id.version() & 0xff,
        id.version() >> 8);
  }

  public static PnpId decodePnpId(Bytes b) {
    requireLength("PnP ID", b, 7);
    return new PnpId(PnpId.VendorIdSource.of(b.get(0)), le16(b, 1), le16(b, 3), le16(b, 5));
  }

  /**
   * Report Reference descriptor (HIDS 1.0, Report Reference), 2 octets: which report of the Report
   * Map a Report characteristic carries.
   *
   * <pre>
   *   octet 0  Report ID    uint8; 0 when the Report Map declares no report IDs
   *   octet 1  Report Type  0x01 Input, 0x02 Output, 0x03 Feature
   * </pre>
   */
  public static Bytes reportReference(int reportId, ReportType type) {
    if (reportId < 0 || reportId > 0xff) {
      throw new GattModelException("report ID must be 0..255, got " + reportId);
    }
    return Bytes.of(reportId, reportTypeValue(type));
  }

  /** The Report Type octet of a Report Reference: 1 Input, 2 Output, 3 Feature. */
  public static int reportTypeValue(ReportType type) {
    return switch (type) {
      case INPUT -> 0x01;
      case OUTPUT -> 0x02;
      case FEATURE -> 0x03;
    };
  }

  /**
   * External Report Reference descriptor (HIDS 1.0, External Report Reference): the 16-bit UUID,
   * LE, of a characteristic outside the HID Service whose value the Report Map describes.
   *
   * <pre>
   *   octet 0-1  UUID  uint16 LE, e.g. 19 2a for Battery Level 0x2A19
   * </pre>
   */
  public static Bytes externalReportReference(BtUuid uuid) {
    int v =
        uuid.short16()
            .orElseThrow(
                () ->
                    new GattModelException(
                        "External Report Reference takes a 16-bit UUID, got " + uuid));
    return Bytes.of(v & 0xff, v >> 8);
  }

  /** Battery Level (BAS 1.0, Battery Level): one octet, percent 0..100. */
  public static Bytes batteryLevel(int percent) {
    if (percent < 0 || percent > 100) {
      throw new GattModelException("battery level must be 0..100 %, got " + percent);
    }
    return Bytes.of(percent);
  }

  /** DIS string characteristics: UTF-8, no terminator (DIS 1.1 §3.1-§3.6; Core Vol 3 Part G). */
  public static Bytes utf8(String s) {
    return Bytes.copyOf(s.getBytes(StandardCharsets.UTF_8));
  }

  private static int le16(Bytes b, int at) {
    return b.get(at) | (b.get(at + 1) << 8);
  }

  private static void requireLength(String what, Bytes b, int n) {
    if (b.size() != n) {
      throw new GattModelException(what + " is " + n + " octets, got " + b.size() + ": " + b);
    }
  }
}
