package dev.hogrig.gatt;

/**
 * The link security each service of a HOGP device asks for, on every read and write of its
 * characteristics and descriptors.
 *
 * <p>HOGP 1.0 §6.1 (Security Considerations): a HID Device uses LE Security Mode 1, level 2 or 3,
 * for the characteristics of the HID Service, i.e. an encrypted link. HOGP 1.0 §3 also sets
 * security requirements for the Battery and Device Information Services beyond their own
 * specifications; the rig applies the HID level to all three by default. The rig asks for level 3
 * (authenticated) when the device's IO capability can give an authenticated key and level 2
 * otherwise; a scenario overrides any of the three, down to {@link SecurityLevel#NONE} to play a
 * device that does not protect its reports (BLESA, CVE-2020-0556 checks on the host).
 */
public record HogpSecurity(
    SecurityLevel hid, SecurityLevel battery, SecurityLevel deviceInformation) {

  public HogpSecurity {
    if (hid == null || battery == null || deviceInformation == null) {
      throw new GattModelException("security levels must not be null");
    }
  }

  /** Every service at {@code level}. */
  public static HogpSecurity all(SecurityLevel level) {
    return new HogpSecurity(level, level, level);
  }

  /** AUTHENTICATED everywhere when {@code io} can authenticate, ENCRYPTED otherwise. */
  public static HogpSecurity forIoCapability(IoCapability io) {
    return all(io.canAuthenticate() ? SecurityLevel.AUTHENTICATED : SecurityLevel.ENCRYPTED);
  }
}
