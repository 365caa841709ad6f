package dev.hogrig.hid;

import com.google.common.collect.ImmutableList;

/**
 * All fields of one report ID and type, in declaration order.
 *
 * <pre>
 *   on the wire:  [report ID, only when id != 0] [payload: fields packed LSB first]
 * </pre>
 *
 * @param id the report ID, or 0 when the descriptor uses no report IDs
 */
public record Report(ReportType type, int id, ImmutableList<Field> fields) {
  /** Payload length in bits (fields are packed back to back). */
  public long bitLength() {
    long bits = 0;
    for (Field f : fields) {
      bits = Math.max(bits, f.bitOffset() + f.bitLength());
    }
    return bits;
  }

  /** Payload length in bytes, rounded up, excluding the report ID. */
  public int payloadLength() {
    return (int) ((bitLength() + 7) / 8);
  }

  /** Length as carried over USB or in a hid-tools recording: payload plus report ID byte. */
  public int wireLength() {
    return payloadLength() + (id != 0 ? 1 : 0);
  }
}
