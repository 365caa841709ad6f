package dev.hogrig.controller;

import dev.hogrig.hci.AclData;
import dev.hogrig.hci.HciCodec;
import dev.hogrig.hci.HciEvent;
import dev.hogrig.util.Bytes;
import java.io.ByteArrayOutputStream;

/**
 * H4, the UART transport layer (Core v5.4 Vol 4 Part A §2): every HCI packet on the byte stream is
 * preceded by one packet indicator octet, and nothing else frames it. The receiver therefore has to
 * know each packet type's header to find the end of a packet:
 *
 * <pre>
 *  indicator  header                                   payload
 *  0x01 cmd   opcode(2 LE)  plen(1)                    plen bytes      (Vol 4 Part E §5.4.1)
 *  0x02 ACL   handle+PB+BC(2 LE)  dlen(2 LE)           dlen bytes      (§5.4.2)
 *  0x03 SCO   handle+flags(2 LE)  dlen(1)              dlen bytes      (§5.4.3)
 *  0x04 event code(1)  plen(1)                         plen bytes      (§5.4.4)
 *  0x05 ISO   handle+flags(2 LE)  dlen(2 LE, 14 bits)  dlen bytes      (§5.4.5)
 * </pre>
 *
 * Linux's {@code hci_uart} (drivers/bluetooth/hci_h4.c) writes exactly this to the tty that {@code
 * btattach -P h4} attached, and reads events and ACL data back the same way. There is no
 * resynchronisation in H4: an octet that is not a packet indicator where one is expected means the
 * stream is out of step, and the {@link Decoder} reports it and tries the next octet.
 */
public final class H4 {
  public static final int COMMAND = 0x01;
  public static final int ACL = 0x02;
  public static final int SCO = 0x03;
  public static final int EVENT = 0x04;
  public static final int ISO = 0x05;

  private H4() {}

  /** An event as H4 carries it: {@code 0x04 code plen parameters}. */
  public static Bytes event(HciEvent e) {
    return Bytes.of(EVENT).concat(HciCodec.encodeEvent(e));
  }

  /** ACL data as H4 carries it: {@code 0x02 handle+flags dlen data}. */
  public static Bytes acl(AclData a) {
    return Bytes.of(ACL).concat(HciCodec.encodeAcl(a));
  }

  /** What the {@link Decoder} finds in the stream. */
  public interface Listener {
    /**
     * One whole packet.
     *
     * @param type the packet indicator (0x01..0x05)
     * @param packet the packet without its indicator: header and payload
     */
    void packet(int type, Bytes packet);

    /** An octet where a packet indicator belongs that is not one; the decoder skips it. */
    void malformed(H4FormatException problem);
  }

  /**
   * Reassembles H4 packets from reads of any size: a read may end in the middle of a header or a
   * payload, or hold many packets. Not thread-safe: one reader feeds it.
   */
  public static final class Decoder {
    private final Listener listener;
    private final ByteArrayOutputStream current = new ByteArrayOutputStream();
    private long offset;
    private long packetStart;
    private int type = -1;
    private int need;
    private boolean headerDone;

    public Decoder(Listener listener) {
      this.listener = listener;
    }

    /** Octets consumed so far. */
    public long offset() {
      return offset;
    }

    public void feed(byte[] b, int off, int len) {
      for (int i = off; i < off + len; i++) {
        int v = b[i] & 0xff;
        if (type < 0) {
          int header = headerLength(v);
          if (header < 0) {
            listener.malformed(
                new H4FormatException(
                    offset,
                    String.format(
                        "0x%02x is not an H4 packet indicator (0x01 command, 0x02 ACL, 0x03 SCO,"
                            + " 0x04 event, 0x05 ISO)",
                        v)));
          } else {
            type = v;
            need = header;
            headerDone = false;
            packetStart = offset;
            current.reset();
          }
          offset++;
          continue;
        }
        current.write(v);
        offset++;
        need--;
        if (need == 0) {
          if (!headerDone) {
            headerDone = true;
            need = payloadLength(type, current.toByteArray());
          }
          if (need == 0) {
            Bytes p = Bytes.copyOf(current.toByteArray());
            int t = type;
            type = -1;
            listener.packet(t, p);
          }
        }
      }
    }

    /** Where the packet being read began, for messages. */
    public long packetStart() {
      return packetStart;
    }

    private static int headerLength(int indicator) {
      switch (indicator) {
        case COMMAND:
        case SCO:
          return 3;
        case ACL:
        case ISO:
          return 4;
        case EVENT:
          return 2;
        default:
          return -1;
      }
    }

    private static int payloadLength(int type, byte[] h) {
      switch (type) {
        case COMMAND:
        case SCO:
          return h[2] & 0xff;
        case EVENT:
          return h[1] & 0xff;
        case ACL:
          return (h[2] & 0xff) | ((h[3] & 0xff) << 8);
        case ISO:
          return ((h[2] & 0xff) | ((h[3] & 0xff) << 8)) & 0x3fff;
        default:
          throw new IllegalStateException("type " + type);
      }
    }
  }
}
