package dev.hogrig.hci;

import dev.hogrig.util.Bytes;
import java.time.Instant;
import java.util.Optional;

/**
 * One record of a btsnoop file, as written by {@code btmon -w}:
 *
 * <pre>
 *  0               4               8              12              16                      24
 * +---------------+---------------+---------------+---------------+-----------------------+----
 * | original len  | included len  |    flags      | cumul. drops  | timestamp (us since   | data
 * |  (uint32 BE)  |  (uint32 BE)  |  (uint32 BE)  |  (uint32 BE)  | 0000-01-01 00:00 UTC) | ...
 * +---------------+---------------+---------------+---------------+-----------------------+----
 *                                  datalink 2001: flags = (controller index << 16) | opcode
 * </pre>
 *
 * @param originalLength the packet's length when captured; {@code data} may hold fewer bytes
 * @param index the controller index (0xffff for records about no controller, e.g. system notes)
 * @param opcode a {@link MonitorOpcode} value
 * @param drops the writer's cumulative count of packets it lost before this record
 * @param timestamp microseconds since midnight, 1 January of year 0 (proleptic Gregorian, UTC)
 * @param data the included bytes
 */
public record BtsnoopRecord(
    long originalLength, int index, int opcode, long drops, long timestamp, Bytes data) {
  /** Index of records that concern no controller (monitor {@code HCI_DEV_NONE}). */
  public static final int NO_INDEX = 0xffff;

  /**
   * Microseconds from 0000-01-01 to 1970-01-01: BlueZ writes {@code (unix us - 946684800e6) +
   * 0x00E03AB44A676000}, the latter being the microseconds from year 0 to 2000-01-01.
   */
  public static final long UNIX_EPOCH_MICROS = 0x00E03AB44A676000L - 946_684_800_000_000L;

  public BtsnoopRecord {
    if (index < 0 || index > 0xffff || opcode < 0 || opcode > 0xffff) {
      throw new IllegalArgumentException("index and opcode are 16-bit: " + index + ", " + opcode);
    }
    if (originalLength < data.size() || originalLength > 0xffff_ffffL) {
      throw new IllegalArgumentException(
          "original length " + originalLength + " < included " + data.size());
    }
    if (drops < 0 || drops > 0xffff_ffffL) {
      throw new IllegalArgumentException("drops is a uint32: " + drops);
    }
  }

  /** A record whose data is the whole packet, at {@code time}, with no drops. */
  public static BtsnoopRecord of(int index, MonitorOpcode opcode, Instant time, Bytes data) {
    return new BtsnoopRecord(data.size(), index, opcode.code(), 0, micros(time), data);
  }

  /** The timestamp as an instant. */
  public Instant time() {
    long unixMicros = timestamp - UNIX_EPOCH_MICROS;
    return Instant.ofEpochSecond(
        Math.floorDiv(unixMicros, 1_000_000L), Math.floorMod(unixMicros, 1_000_000L) * 1000L);
  }

  /** The btsnoop timestamp of an instant (truncated to microseconds). */
  public static long micros(Instant t) {
    return t.getEpochSecond() * 1_000_000L + t.getNano() / 1000 + UNIX_EPOCH_MICROS;
  }

  /** The flags word: {@code (index << 16) | opcode}. */
  public int flags() {
    return (index << 16) | opcode;
  }

  public Optional<MonitorOpcode> monitorOpcode() {
    return MonitorOpcode.of(opcode);
  }

  /** True when the writer cut the packet short ({@code included < original}). */
  public boolean truncated() {
    return data.size() < originalLength;
  }
}
