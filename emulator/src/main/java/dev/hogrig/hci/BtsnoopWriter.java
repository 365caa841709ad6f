package dev.hogrig.hci;

import dev.hogrig.util.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Writes a btsnoop monitor file (datalink 2001) in the layout {@link BtsnoopReader} documents: the
 * 16-byte header when constructed, then one record per {@link #write(BtsnoopRecord)}, each header
 * and data in one {@code write} call so a concurrent reader never sees the gap BlueZ's two writes
 * leave. Used by tests and, later, by the virtual controller.
 */
public final class BtsnoopWriter implements AutoCloseable {
  private final OutputStream out;

  public BtsnoopWriter(OutputStream out) {
    this.out = out;
    ByteBuffer h = ByteBuffer.allocate(BtsnoopReader.HEADER_SIZE);
    h.put(BtsnoopReader.MAGIC).putInt(1).putInt(BtsnoopReader.DATALINK_MONITOR);
    put(h.array());
  }

  public void write(BtsnoopRecord r) {
    put(encodeRecord(r));
  }

  /** The 24-byte record header and the data of one record. */
  public static byte[] encodeRecord(BtsnoopRecord r) {
    ByteBuffer b = ByteBuffer.allocate(BtsnoopReader.RECORD_HEADER_SIZE + r.data().size());
    b.putInt((int) r.originalLength())
        .putInt(r.data().size())
        .putInt(r.flags())
        .putInt((int) r.drops())
        .putLong(r.timestamp())
        .put(r.data().toArray());
    return b.array();
  }

  /** A whole file holding {@code records}. */
  public static Bytes encodeFile(Iterable<BtsnoopRecord> records) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (BtsnoopWriter w = new BtsnoopWriter(bytes)) {
      for (BtsnoopRecord r : records) {
        w.write(r);
      }
    }
    return Bytes.copyOf(bytes.toByteArray());
  }

  public void flush() {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void put(byte[] b) {
    try {
      out.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
