package dev.hogrig.gatt;

/**
 * The PnP ID characteristic of the Device Information Service (DIS 1.1, PnP ID characteristic),
 * mandatory for HOGP devices (HOGP 1.0, Device Information Service requirements). Hosts use vendor
 * and product to pick drivers and quirks. Encoded by {@link HogpCodec#pnpId}.
 *
 * @param source who assigned {@code vendorId}
 * @param vendorId 0..0xFFFF
 * @param productId 0..0xFFFF, chosen by the vendor
 * @param version 0..0xFFFF, by convention 0xJJMN for version JJ.M.N
 */
public record PnpId(VendorIdSource source, int vendorId, int productId, int version) {

  /** Vendor ID Source field values (DIS 1.1, PnP ID). */
  public enum VendorIdSource {
    /** Bluetooth SIG company identifier (Assigned Numbers, Company Identifiers). */
    BLUETOOTH_SIG(0x01),
    /** USB Implementer's Forum vendor ID. */
    USB_IF(0x02);

    private final int value;

    VendorIdSource(int value) {
      this.value = value;
    }

    public int value() {
      return value;
    }

    public static VendorIdSource of(int value) {
      for (VendorIdSource s : values()) {
        if (s.value == value) {
          return s;
        }
      }
      throw new GattModelException(
          "Vendor ID Source must be 1 (Bluetooth SIG) or 2 (USB-IF), got " + value);
    }
  }

  public PnpId {
    if (source == null) {
      throw new GattModelException("PnP ID vendor ID source must not be null");
    }
    check("vendor ID", vendorId);
    check("product ID", productId);
    check("product version", version);
  }

  private static void check(String what, int v) {
    if (v < 0 || v > 0xffff) {
      throw new GattModelException(
          "PnP ID " + what + " must be 0..0xFFFF, got 0x" + Integer.toHexString(v));
    }
  }
}
