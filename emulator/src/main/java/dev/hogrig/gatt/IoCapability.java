package dev.hogrig.gatt;

/**
 * The device's SMP IO capability (Core 5.4 Vol 3 Part H §2.3.2, Table 2.3; codes from §3.5.1). It
 * decides which pairing methods can give an authenticated (MITM-protected) key: with
 * NoInputNoOutput only Just Works is possible (Table 2.8), so a device with it can never ask for
 * more than an encrypted link.
 *
 * <p>{@link #bluezName()} is the capability string of BlueZ's {@code
 * org.bluez.AgentManager1.RegisterAgent}.
 */
public enum IoCapability {
  DISPLAY_ONLY(0x00, "DisplayOnly"),
  DISPLAY_YES_NO(0x01, "DisplayYesNo"),
  KEYBOARD_ONLY(0x02, "KeyboardOnly"),
  NO_INPUT_NO_OUTPUT(0x03, "NoInputNoOutput"),
  KEYBOARD_DISPLAY(0x04, "KeyboardDisplay");

  private final int code;
  private final String bluezName;

  IoCapability(int code, String bluezName) {
    this.code = code;
    this.bluezName = bluezName;
  }

  /** The SMP Pairing Request IO Capability octet. */
  public int code() {
    return code;
  }

  public String bluezName() {
    return bluezName;
  }

  /** True when some pairing method with some peer can give an authenticated key. */
  public boolean canAuthenticate() {
    return this != NO_INPUT_NO_OUTPUT;
  }
}
