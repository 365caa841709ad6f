package dev.hogrig.hci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hogrig.util.Bytes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BtsnoopReaderTest {
  /** A file built by hand from the layout in BlueZ's doc/btsnoop.txt (big-endian fields). */
  static final Bytes HAND_MADE =
      Bytes.fromHex(
          "62 74 73 6e 6f 6f 70 00  00 00 00 01  00 00 07 d1" // "btsnoop\0", v1, 2001
              // record: orig 4, incl 4, flags = index 1 << 16 | 2 (command), drops 0
              + "00 00 00 04  00 00 00 04  00 01 00 02  00 00 00 00"
              + "00 e3 3e a4 05 f2 79 14" // timestamp
              + "03 0c 00 ff" // 4 data bytes
              // record: orig 6, incl 6, index 0xffff opcode 12 (note), drops 3
              + "00 00 00 06  00 00 00 06  ff ff 00 0c  00 00 00 03"
              + "00 e3 3e a4 05 f2 79 15"
              + "68 65 6c 6c 6f 00");

  static Bytes resource(String name) {
    try (InputStream in = BtsnoopReaderTest.class.getResourceAsStream("/hci/" + name)) {
      return Bytes.copyOf(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<BtsnoopRecord> readAll(InputStream in) {
    BtsnoopReader r = new BtsnoopReader(in);
    List<BtsnoopRecord> out = new ArrayList<>();
    Optional<BtsnoopRecord> next;
    while ((next = r.next()).isPresent()) {
      out.add(next.get());
    }
    return out;
  }

  static List<BtsnoopRecord> readAll(Bytes b) {
    return readAll(new ByteArrayInputStream(b.toArray()));
  }

  @Test
  void fieldsComeFromTheirPlacesInTheLayout() {
    BtsnoopReader reader = new BtsnoopReader(new ByteArrayInputStream(HAND_MADE.toArray()));
    BtsnoopRecord a = reader.next().orElseThrow();
    assertEquals(4, a.originalLength());
    assertEquals(1, a.index());
    assertEquals(2, a.opcode());
    assertEquals(Optional.of(MonitorOpcode.COMMAND_PKT), a.monitorOpcode());
    assertEquals(0, a.drops());
    assertEquals(0x00e33ea405f27914L, a.timestamp());
    assertEquals(Bytes.fromHex("03 0c 00 ff"), a.data());
    BtsnoopRecord b = reader.next().orElseThrow();
    assertEquals(0xffff, b.index());
    assertEquals(MonitorOpcode.SYSTEM_NOTE.code(), b.opcode());
    assertEquals(3, b.drops());
    assertEquals(Bytes.fromHex("68 65 6c 6c 6f 00"), b.data());
    assertTrue(reader.next().isEmpty());
    assertFalse(reader.incomplete());
    assertEquals(HAND_MADE.size(), reader.offset());
  }

  /**
   * The first note of the lab capture is stamped 12:45:08.654356 by {@code btmon -r} (the guest
   * runs in UTC): the epoch conversion must agree with BlueZ's.
   */
  @Test
  void timestampsAreMicrosecondsSinceYearZero() {
    BtsnoopRecord first = readAll(resource("lab-boot.btsnoop")).get(0);
    Instant t = first.time();
    assertEquals("12:45:08.654356Z", t.toString().substring(11));
    assertEquals(first.timestamp(), BtsnoopRecord.micros(t));
  }

  @Test
  void labCaptureReadsWhole() {
    Bytes file = resource("lab-boot.btsnoop");
    BtsnoopReader reader = new BtsnoopReader(new ByteArrayInputStream(file.toArray()));
    int n = 0;
    while (reader.next().isPresent()) {
      n++;
    }
    // btmon -r prints 418 records for this file (96 commands, 96 events, 193 control, 33 notes).
    assertEquals(418, n);
    assertFalse(reader.incomplete());
    assertEquals(file.size(), reader.offset());
  }

  @Test
  void chunkedAndOneByteAtATimeStreamsGiveTheSameRecords() {
    Bytes file = resource("lab-boot.btsnoop");
    List<BtsnoopRecord> whole = readAll(file);
    assertEquals(whole, readAll(new ChunkedStream(file.toArray(), new Random(1), 1)));
    for (long seed = 0; seed < 5; seed++) {
      assertEquals(whole, readAll(new ChunkedStream(file.toArray(), new Random(seed), 9)));
    }
  }

  /** Every cut of the file: the whole records before the cut, "incomplete" unless on a boundary. */
  @Test
  void aCutFileIsIncompleteNotMalformed() {
    Bytes file = resource("lab-boot.btsnoop");
    List<BtsnoopRecord> whole = readAll(file);
    List<Long> boundaries = new ArrayList<>();
    long at = BtsnoopReader.HEADER_SIZE;
    boundaries.add(at);
    for (BtsnoopRecord r : whole) {
      at += BtsnoopReader.RECORD_HEADER_SIZE + r.data().size();
      boundaries.add(at);
    }
    for (int cut = 0; cut < 3000; cut++) {
      BtsnoopReader reader =
          new BtsnoopReader(new ByteArrayInputStream(file.slice(0, cut).toArray()));
      int n = 0;
      while (reader.next().isPresent()) {
        n++;
      }
      int expected = 0;
      while (expected + 1 < boundaries.size() && boundaries.get(expected + 1) <= cut) {
        expected++;
      }
      assertEquals(expected, n, "records in the first " + cut + " bytes");
      assertEquals(cut != 0 && !boundaries.contains((long) cut), reader.incomplete(), "cut " + cut);
    }
  }

  /** A file still being written: the reader picks up where it stopped once more bytes arrive. */
  @Test
  void readerContinuesAfterTheFileGrows() throws IOException {
    Bytes file = resource("lab-boot.btsnoop");
    GrowingStream in = new GrowingStream();
    BtsnoopReader reader = new BtsnoopReader(in);
    List<BtsnoopRecord> got = new ArrayList<>();
    Random random = new Random(7);
    int fed = 0;
    while (fed < file.size()) {
      int n = Math.min(file.size() - fed, 1 + random.nextInt(100));
      in.append(file.slice(fed, fed + n).toArray());
      fed += n;
      Optional<BtsnoopRecord> r;
      while ((r = reader.next()).isPresent()) {
        got.add(r.get());
      }
    }
    assertEquals(readAll(file), got);
    assertFalse(reader.incomplete());
  }

  @Test
  void writerOutputReadsBackToTheSameRecords() {
    List<BtsnoopRecord> whole = readAll(resource("lab-boot.btsnoop"));
    Bytes written = BtsnoopWriter.encodeFile(whole);
    assertEquals(resource("lab-boot.btsnoop"), written, "byte-identical to btmon's file");
    assertEquals(whole, readAll(written));
  }

  @Test
  void aTruncatedPacketKeepsItsOriginalLength() {
    BtsnoopRecord r = new BtsnoopRecord(100, 0, 3, 0, 5, Bytes.of(1, 2));
    BtsnoopRecord back = readAll(BtsnoopWriter.encodeFile(List.of(r))).get(0);
    assertEquals(r, back);
    assertTrue(back.truncated());
  }

  @Test
  void wrongMagicIsReportedAtTheFirstWrongByte() {
    Bytes bad = Bytes.fromHex("62 74 73 6e 6f 6f 71 00 00 00 00 01 00 00 07 d1");
    HciFormatException e = assertThrows(HciFormatException.class, () -> readAll(bad));
    assertEquals(6, e.offset(), "'q' where btsnoop has 'p'");
    assertTrue(e.getMessage().contains("not a btsnoop file"), e.getMessage());
  }

  @Test
  void wrongVersionIsReportedAtByteEight() {
    Bytes bad = Bytes.fromHex("62 74 73 6e 6f 6f 70 00 00 00 00 02 00 00 07 d1");
    HciFormatException e = assertThrows(HciFormatException.class, () -> readAll(bad));
    assertEquals(8, e.offset());
    assertTrue(e.getMessage().contains("version 2"), e.getMessage());
  }

  /** Datalink 1002 is HCI UART (H4), e.g. Android's snoop log: flags mean something else there. */
  @Test
  void otherDatalinksAreRefusedAtByteTwelve() {
    Bytes bad = Bytes.fromHex("62 74 73 6e 6f 6f 70 00 00 00 00 01 00 00 03 ea");
    HciFormatException e = assertThrows(HciFormatException.class, () -> readAll(bad));
    assertEquals(12, e.offset());
    assertTrue(e.getMessage().contains("1002"), e.getMessage());
  }

  @Test
  void includedLongerThanOriginalIsReportedAtItsField() {
    Bytes bad =
        HAND_MADE
            .slice(0, 16)
            .concat(Bytes.fromHex("00 00 00 02 00 00 00 04 00 00 00 02 00 00 00 00"))
            .concat(Bytes.fromHex("00 00 00 00 00 00 00 00 01 02 03 04"));
    HciFormatException e = assertThrows(HciFormatException.class, () -> readAll(bad));
    assertEquals(20, e.offset());
  }

  @Test
  void absurdLengthIsReportedNotAllocated() {
    Bytes bad =
        HAND_MADE
            .slice(0, 16)
            .concat(Bytes.fromHex("7f ff ff ff 7f ff ff ff 00 00 00 02 00 00 00 00"))
            .concat(Bytes.fromHex("00 00 00 00 00 00 00 00"));
    HciFormatException e = assertThrows(HciFormatException.class, () -> readAll(bad));
    assertEquals(20, e.offset());
  }

  @Test
  void readsAFileFromDisk() throws IOException {
    Path tmp = Files.createTempFile("hci", ".btsnoop");
    try {
      Files.write(tmp, HAND_MADE.toArray());
      HciTrace t = HciTrace.read(tmp);
      assertEquals(2, t.records().size());
      assertFalse(t.incomplete());
    } finally {
      Files.delete(tmp);
    }
  }

  /** Returns the bytes in random chunks of 1..max. */
  static final class ChunkedStream extends InputStream {
    private final byte[] data;
    private final Random random;
    private final int max;
    private int pos;

    ChunkedStream(byte[] data, Random random, int max) {
      this.data = data;
      this.random = random;
      this.max = max;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(Math.min(len, 1 + random.nextInt(max)), data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }

  /** Like a FileInputStream on a file another process appends to: -1 until more arrives. */
  static final class GrowingStream extends InputStream {
    private byte[] data = new byte[0];
    private int pos;

    void append(byte[] more) {
      byte[] d = java.util.Arrays.copyOf(data, data.length + more.length);
      System.arraycopy(more, 0, d, data.length, more.length);
      data = d;
    }

    @Override
    public int read() {
      return pos < data.length ? data[pos++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (pos >= data.length) {
        return -1;
      }
      int n = Math.min(len, data.length - pos);
      System.arraycopy(data, pos, b, off, n);
      pos += n;
      return n;
    }
  }
}
