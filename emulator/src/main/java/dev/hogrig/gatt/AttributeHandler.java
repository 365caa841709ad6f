package dev.hogrig.gatt;

import dev.hogrig.util.Bytes;

/**
 * The value and behaviour behind one attribute. {@link GattServer} has already checked the handle,
 * the properties and the link security when these are called, and cuts reads at the requested
 * offset itself; a handler deals in whole values.
 */
public interface AttributeHandler {
  /** The whole current value. */
  Bytes read(ConnectionInfo connection);

  /**
   * Applies a write of {@code value} at {@code offset}; answers with an error and changes nothing
   * when the value is not acceptable. The default refuses every write.
   */
  default AttResult write(
      int offset, Bytes value, boolean withResponse, ConnectionInfo connection) {
    return AttResult.error(AttError.WRITE_NOT_PERMITTED);
  }

  /** A read-only attribute whose value never changes. */
  static AttributeHandler constant(Bytes value) {
    return c -> value;
  }
}
