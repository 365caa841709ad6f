package dev.hogrig.gatt;

import dev.hogrig.util.Bytes;

/**
 * What a transport backend calls for each client access. The BlueZ backend will call it from {@code
 * GattCharacteristic1.ReadValue/WriteValue} and {@code GattDescriptor1.ReadValue/ WriteValue}; unit
 * tests call it directly.
 */
public interface GattServerLogic {
  /** The declared database the backend exports. */
  GattDatabase database();

  /**
   * A read (ATT Read Request at offset 0, or Read Blob Request at {@code offset}).
   *
   * @return the value from {@code offset} to its end (the backend or BlueZ cuts it to ATT_MTU − 1
   *     octets), or the error to answer with
   */
  AttResult read(AttributeHandle handle, int offset, ConnectionInfo connection);

  /**
   * A write: Write Request when {@code withResponse}, Write Command otherwise (whose result is
   * never sent; see {@link AttResult}).
   */
  AttResult write(
      AttributeHandle handle,
      int offset,
      Bytes value,
      boolean withResponse,
      ConnectionInfo connection);

  /** A client connected; profiles reset per-connection state here (HIDS: Protocol Mode). */
  default void connected(ConnectionInfo connection) {}

  /** A client disconnected. */
  default void disconnected(String peer) {}

  /**
   * The first client enabled notifications of {@code characteristic} in its CCC descriptor ({@code
   * subscribed} true), or the last one disabled them or disconnected (false). The backend tracks
   * the clients; the model only learns whether anyone listens, which is what decides whether a
   * value can be sent now (see {@link UnsubscribedPolicy}). BlueZ: {@code StartNotify}/{@code
   * StopNotify}, called with the same meaning (src/gatt-database.c, {@code ccc_write_cb}).
   */
  default void subscriptionChanged(CharacteristicHandle characteristic, boolean subscribed) {}
}
