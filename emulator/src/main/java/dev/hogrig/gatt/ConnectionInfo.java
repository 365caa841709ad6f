package dev.hogrig.gatt;

/**
 * What the model needs to know about the client behind one ATT request. The backend fills it from
 * BlueZ's {@code ReadValue}/{@code WriteValue} options ({@code device}, {@code mtu}, {@code link})
 * and the device's pairing state.
 *
 * @param peer the client's address or object path, for events; never interpreted
 * @param security the link's current security
 * @param mtu the ATT_MTU of the bearer (23 until an Exchange MTU)
 */
public record ConnectionInfo(String peer, SecurityLevel security, int mtu) {
  /** The LE default ATT_MTU (Core 5.4 Vol 3 Part F §3.2.8). */
  public static final int DEFAULT_MTU = 23;

  public ConnectionInfo {
    if (peer == null || security == null) {
      throw new GattModelException("peer and security must not be null");
    }
    if (mtu < DEFAULT_MTU) {
      throw new GattModelException("ATT_MTU must be >= 23, got " + mtu);
    }
  }

  /** A client at {@code security} with the default MTU. */
  public static ConnectionInfo of(String peer, SecurityLevel security) {
    return new ConnectionInfo(peer, security, DEFAULT_MTU);
  }
}
