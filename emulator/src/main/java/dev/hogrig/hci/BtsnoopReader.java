package dev.hogrig.hci;

import dev.hogrig.util.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Reads a btsnoop file one record at a time from a stream, the way {@code btmon -w} writes it.
 *
 * <pre>
 * file header (16 bytes, big-endian):
 *  0                               8               12              16
 * +-------------------------------+---------------+---------------+
 * | "btsnoop\0"                   | version = 1   | datalink      |  2001 = Linux monitor
 * +-------------------------------+---------------+---------------+
 * then records (see {@link BtsnoopRecord}), each a 24-byte header and its included bytes.
 * </pre>
 *
 * <p>The reader tolerates a file that is still being written: when the stream ends in the middle of
 * the header or a record, {@link #next()} returns empty and {@link #incomplete()} is true; the
 * bytes read so far are kept, so calling {@link #next()} again after the file grew (a {@code
 * FileInputStream} that reached its end returns more on a later read) continues where it stopped.
 * BlueZ writes a record's header and data with two separate {@code write(2)} calls, so a reader
 * racing btmon often sees half a record.
 *
 * <p>Input that is not a btsnoop monitor file throws {@link HciFormatException} naming the byte
 * offset: a wrong magic or version, a datalink other than 2001, an included length larger than the
 * original length or than {@link #MAX_RECORD} bytes.
 *
 * <p>Not thread-safe; {@link #close()} closes the stream.
 */
public final class BtsnoopReader implements AutoCloseable {
  public static final int HEADER_SIZE = 16;
  public static final int RECORD_HEADER_SIZE = 24;

  /** The datalink type of Linux monitor captures (BlueZ {@code BTSNOOP_FORMAT_MONITOR}). */
  public static final int DATALINK_MONITOR = 2001;

  /**
   * Largest record this reader accepts. The biggest monitor packet is an ACL packet of 4 + 65535
   * bytes; anything much larger means the length field is garbage.
   */
  public static final int MAX_RECORD = 1 << 17;

  static final byte[] MAGIC = "btsnoop\0".getBytes(StandardCharsets.US_ASCII);

  private final InputStream in;
  private byte[] pending = new byte[64];
  private int pendingLength;
  private boolean headerRead;
  private long offset;
  private long records;

  public BtsnoopReader(InputStream in) {
    this.in = in;
  }

  /**
   * The next whole record, or empty when the stream has none (yet). Check {@link #incomplete()} to
   * tell a clean end from one inside a record.
   *
   * @throws HciFormatException for input that is not a btsnoop monitor file
   * @throws UncheckedIOException when the stream fails
   */
  public Optional<BtsnoopRecord> next() {
    if (!headerRead) {
      if (!fill(HEADER_SIZE)) {
        return Optional.empty();
      }
      checkHeader();
      consume(HEADER_SIZE);
      headerRead = true;
    }
    if (!fill(RECORD_HEADER_SIZE)) {
      return Optional.empty();
    }
    long original = u32(0);
    long included = u32(4);
    if (included > original) {
      throw new HciFormatException(
          offset + 4,
          "record "
              + records
              + ": included length "
              + included
              + " is larger than the original length "
              + original);
    }
    if (included > MAX_RECORD) {
      throw new HciFormatException(
          offset + 4,
          "record " + records + ": included length " + included + " exceeds " + MAX_RECORD);
    }
    if (!fill(RECORD_HEADER_SIZE + (int) included)) {
      return Optional.empty();
    }
    long flags = u32(8);
    long drops = u32(12);
    long ts = 0;
    for (int i = 16; i < 24; i++) {
      ts = (ts << 8) | (pending[i] & 0xff);
    }
    BtsnoopRecord r =
        new BtsnoopRecord(
            original,
            (int) (flags >>> 16),
            (int) (flags & 0xffff),
            drops,
            ts,
            Bytes.copyOf(pending, RECORD_HEADER_SIZE, (int) included));
    consume(RECORD_HEADER_SIZE + (int) included);
    records++;
    return Optional.of(r);
  }

  /** True when the stream ended inside the file header or a record (bytes are held back). */
  public boolean incomplete() {
    return pendingLength > 0;
  }

  /** Whether the 16-byte file header has been read and checked. */
  public boolean headerRead() {
    return headerRead;
  }

  /** Offset in the stream of the first byte not yet returned in a record. */
  public long offset() {
    return offset;
  }

  /** Records returned so far. */
  public long recordCount() {
    return records;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void checkHeader() {
    for (int i = 0; i < MAGIC.length; i++) {
      if (pending[i] != MAGIC[i]) {
        throw new HciFormatException(
            offset + i,
            "not a btsnoop file: expected the identification pattern \"btsnoop\\0\", found "
                + Bytes.copyOf(pending, 0, 8).toHex());
      }
    }
    long version = u32(8);
    if (version != 1) {
      throw new HciFormatException(offset + 8, "btsnoop version " + version + ", expected 1");
    }
    long datalink = u32(12);
    if (datalink != DATALINK_MONITOR) {
      throw new HciFormatException(
          offset + 12,
          "datalink "
              + datalink
              + ", expected "
              + DATALINK_MONITOR
              + " (Linux monitor, as btmon -w writes)");
    }
  }

  /** Reads until {@code n} bytes are pending; false on end of stream before that. */
  private boolean fill(int n) {
    if (pending.length < n) {
      pending = Arrays.copyOf(pending, Math.max(n, pending.length * 2));
    }
    try {
      while (pendingLength < n) {
        int got = in.read(pending, pendingLength, n - pendingLength);
        if (got < 0) {
          return false;
        }
        pendingLength += got;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "reading btsnoop at byte " + (offset + pendingLength) + ": " + e.getMessage(), e);
    }
    return true;
  }

  private void consume(int n) {
    System.arraycopy(pending, n, pending, 0, pendingLength - n);
    pendingLength -= n;
    offset += n;
  }

  private long u32(int at) {
    return ((pending[at] & 0xffL) << 24)
        | ((pending[at + 1] & 0xffL) << 16)
        | ((pending[at + 2] & 0xffL) << 8)
        | (pending[at + 3] & 0xffL);
  }
}
