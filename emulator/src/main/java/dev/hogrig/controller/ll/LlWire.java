package dev.hogrig.controller.ll;

import dev.hogrig.util.Bytes;
import java.io.ByteArrayOutputStream;

/**
 * Little-endian readers and writers for link-layer PDUs. All multi-octet LL fields are sent least
 * significant octet first (Core 5.4 Vol 6 Part B §1.2).
 */
final class LlWire {
  private LlWire() {}

  /** A cursor over a PDU that throws {@link LlPduException} naming the field it could not read. */
  static final class Reader {
    private final String pdu;
    private final Bytes b;
    private final int base;
    private int pos;

    Reader(String pdu, Bytes b, int start, int base) {
      this.pdu = pdu;
      this.b = b;
      this.pos = start;
      this.base = base;
    }

    int pos() {
      return pos;
    }

    private void need(int n, String field) {
      if (pos + n > b.size()) {
        throw new LlPduException(
            pdu,
            base + pos,
            field,
            "needs " + n + " octet(s), " + Math.max(0, b.size() - pos) + " left");
      }
    }

    int u8(String field) {
      need(1, field);
      return b.get(pos++);
    }

    int u16(String field) {
      need(2, field);
      int v = b.get(pos) | (b.get(pos + 1) << 8);
      pos += 2;
      return v;
    }

    int u24(String field) {
      need(3, field);
      int v = b.get(pos) | (b.get(pos + 1) << 8) | (b.get(pos + 2) << 16);
      pos += 3;
      return v;
    }

    long u32(String field) {
      need(4, field);
      long v = 0;
      for (int i = 3; i >= 0; i--) {
        v = (v << 8) | b.get(pos + i);
      }
      pos += 4;
      return v;
    }

    long u40(String field) {
      need(5, field);
      long v = 0;
      for (int i = 4; i >= 0; i--) {
        v = (v << 8) | b.get(pos + i);
      }
      pos += 5;
      return v;
    }

    long u64(String field) {
      need(8, field);
      long v = 0;
      for (int i = 7; i >= 0; i--) {
        v = (v << 8) | b.get(pos + i);
      }
      pos += 8;
      return v;
    }

    Bytes bytes(int n, String field) {
      need(n, field);
      Bytes out = b.slice(pos, pos + n);
      pos += n;
      return out;
    }

    Bytes rest() {
      Bytes out = b.slice(pos, b.size());
      pos = b.size();
      return out;
    }

    void end(String field) {
      if (pos != b.size()) {
        throw new LlPduException(
            pdu, base + pos, field, (b.size() - pos) + " unexpected trailing octet(s)");
      }
    }

    LlPduException bad(int at, String field, String problem) {
      return new LlPduException(pdu, base + at, field, problem);
    }
  }

  /** Builds a PDU little-endian. */
  static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Writer u8(int v) {
      out.write(v & 0xff);
      return this;
    }

    Writer u16(int v) {
      return u8(v).u8(v >>> 8);
    }

    Writer u24(int v) {
      return u8(v).u8(v >>> 8).u8(v >>> 16);
    }

    Writer u32(long v) {
      for (int i = 0; i < 4; i++) {
        u8((int) (v >>> (8 * i)));
      }
      return this;
    }

    Writer u40(long v) {
      for (int i = 0; i < 5; i++) {
        u8((int) (v >>> (8 * i)));
      }
      return this;
    }

    Writer u64(long v) {
      for (int i = 0; i < 8; i++) {
        u8((int) (v >>> (8 * i)));
      }
      return this;
    }

    Writer bytes(Bytes b) {
      byte[] a = b.toArray();
      out.write(a, 0, a.length);
      return this;
    }

    Bytes done() {
      return Bytes.copyOf(out.toByteArray());
    }
  }

  static void check(boolean ok, String pdu, String field, String problem) {
    if (!ok) {
      throw new IllegalArgumentException(pdu + "." + field + ": " + problem);
    }
  }
}
