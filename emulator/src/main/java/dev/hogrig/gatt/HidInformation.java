package dev.hogrig.gatt;

/**
 * The HID Information characteristic (HIDS 1.0, HID Information). Encoded by {@link
 * HogpCodec#hidInformation}.
 *
 * @param bcdHid HID class specification release, BCD; 0x0111 for HID 1.11
 * @param countryCode bCountryCode of HID 1.11 §6.2.1; 0 for not localized
 * @param remoteWake the device may wake the host from suspend
 * @param normallyConnectable the device advertises when idle instead of waiting for a user action
 */
public record HidInformation(
    int bcdHid, int countryCode, boolean remoteWake, boolean normallyConnectable) {

  /** HID 1.11, not localized, RemoteWake and NormallyConnectable both set. */
  public static final HidInformation DEFAULT = new HidInformation(0x0111, 0, true, true);

  public HidInformation {
    if (bcdHid < 0 || bcdHid > 0xffff) {
      throw new GattModelException("bcdHID must be 0..0xFFFF, got " + bcdHid);
    }
    if (countryCode < 0 || countryCode > 0xff) {
      throw new GattModelException("bCountryCode must be 0..255, got " + countryCode);
    }
  }
}
