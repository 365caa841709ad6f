package dev.hogrig.gatt;

/**
 * Characteristic properties: what a client may do with a characteristic value (Core 5.4 Vol 3 Part
 * G §3.3.1.1, Table 3.5, and the extended properties of §3.3.3.1).
 *
 * <p>{@link #flag()} is the word BlueZ's {@code org.bluez.GattCharacteristic1.Flags} uses for the
 * same property ({@code doc/org.bluez.GattCharacteristic.rst}), so a backend maps 1:1. BlueZ adds
 * the Client Characteristic Configuration descriptor for NOTIFY/INDICATE and the Extended
 * Properties descriptor for RELIABLE_WRITE/WRITABLE_AUXILIARIES itself.
 */
public enum Property {
  BROADCAST("broadcast", 0x01),
  READ("read", 0x02),
  WRITE_WITHOUT_RESPONSE("write-without-response", 0x04),
  WRITE("write", 0x08),
  NOTIFY("notify", 0x10),
  INDICATE("indicate", 0x20),
  AUTHENTICATED_SIGNED_WRITES("authenticated-signed-writes", 0x40),
  EXTENDED_PROPERTIES("extended-properties", 0x80),
  /** Extended property bit 0 (Core Vol 3 Part G §3.3.3.1); BlueZ sets bit 0x80 for it. */
  RELIABLE_WRITE("reliable-write", 0),
  /** Extended property bit 1; BlueZ sets bit 0x80 for it. */
  WRITABLE_AUXILIARIES("writable-auxiliaries", 0);

  private final String flag;
  private final int bit;

  Property(String flag, int bit) {
    this.flag = flag;
    this.bit = bit;
  }

  /** The BlueZ flag word, e.g. {@code "write-without-response"}. */
  public String flag() {
    return flag;
  }

  /** The bit in the Characteristic Properties octet of the declaration; 0 for extended ones. */
  public int bit() {
    return bit;
  }

  /** True for the properties that let a client write the value in some way. */
  public boolean isWrite() {
    return this == WRITE
        || this == WRITE_WITHOUT_RESPONSE
        || this == AUTHENTICATED_SIGNED_WRITES
        || this == RELIABLE_WRITE;
  }
}
