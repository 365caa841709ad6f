package dev.hogrig.hci;

import dev.hogrig.util.Bytes;
import java.io.ByteArrayOutputStream;

/**
 * Little-endian cursor over a packet (HCI, L2CAP and ATT are little-endian, Core v5.4 Vol 4 Part E
 * §5.2, Vol 3 Part A §3, Vol 3 Part F §3.3). Every short read throws {@link HciFormatException}
 * with the offset and the field that was expected. Public so that the virtual controller reads
 * command parameters the same way the decoders do.
 */
public final class Wire {
  private final Bytes b;
  private final String what;
  private int pos;

  public Wire(Bytes b, String what) {
    this.b = b;
    this.what = what;
  }

  public int position() {
    return pos;
  }

  public int remaining() {
    return b.size() - pos;
  }

  private void need(int n, String field) {
    if (remaining() < n) {
      throw new HciFormatException(
          pos,
          what
              + ": expected "
              + field
              + " ("
              + n
              + (n == 1 ? " byte" : " bytes")
              + "), only "
              + remaining()
              + " left");
    }
  }

  public int u8(String field) {
    need(1, field);
    return b.get(pos++);
  }

  public int u16(String field) {
    need(2, field);
    int v = b.get(pos) | (b.get(pos + 1) << 8);
    pos += 2;
    return v;
  }

  public Bytes bytes(int n, String field) {
    need(n, field);
    Bytes out = b.slice(pos, pos + n);
    pos += n;
    return out;
  }

  public BdAddr addr(String field) {
    need(6, field);
    BdAddr a = BdAddr.fromWire(b, pos);
    pos += 6;
    return a;
  }

  public Bytes rest() {
    Bytes out = b.slice(pos, b.size());
    pos = b.size();
    return out;
  }

  /** Builds little-endian output; checks each value fits its field. */
  public static final class Out {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    public Out u8(int v) {
      check(v, 0xff, "u8");
      out.write(v);
      return this;
    }

    public Out u16(int v) {
      check(v, 0xffff, "u16");
      out.write(v & 0xff);
      out.write(v >>> 8);
      return this;
    }

    public Out bytes(Bytes v) {
      byte[] a = v.toArray();
      out.write(a, 0, a.length);
      return this;
    }

    public Out addr(BdAddr a) {
      return bytes(a.toWire());
    }

    public Bytes build() {
      return Bytes.copyOf(out.toByteArray());
    }

    private static void check(int v, int max, String type) {
      if (v < 0 || v > max) {
        throw new IllegalArgumentException(v + " does not fit a " + type);
      }
    }
  }
}
