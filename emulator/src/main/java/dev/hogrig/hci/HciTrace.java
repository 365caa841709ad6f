package dev.hogrig.hci;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSortedSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A whole btmon capture, decoded, in file order (which is the order the monitor delivered the
 * records, not always timestamp order: see {@link TraceRecord#time()}).
 *
 * <p>BlueZ 5.66 has no {@code Device1.Disconnected(reason)} signal: {@link #connections()} is where
 * the rig takes disconnect reasons from.
 *
 * @param records every whole record
 * @param incomplete true when the file ended inside a record (btmon still writing or killed)
 * @param length bytes of whole records including the file header
 */
public record HciTrace(ImmutableList<TraceRecord> records, boolean incomplete, long length) {
  /**
   * Reads a capture file.
   *
   * @throws HciFormatException if it is not a btsnoop monitor file
   * @throws UncheckedIOException if it cannot be read
   */
  public static HciTrace read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads a capture from a stream to its end (the stream is not closed). */
  public static HciTrace read(InputStream in) {
    BtsnoopReader reader = new BtsnoopReader(in);
    ImmutableList.Builder<TraceRecord> out = ImmutableList.builder();
    Optional<BtsnoopRecord> r;
    while ((r = reader.next()).isPresent()) {
      out.add(decode(r.get()));
    }
    return new HciTrace(out.build(), reader.incomplete(), reader.offset());
  }

  /** Decodes one btsnoop record. */
  public static TraceRecord decode(BtsnoopRecord r) {
    return new TraceRecord(
        r.index(),
        MonitorCodec.direction(r.opcode()),
        r.time(),
        MonitorCodec.decode(r.opcode(), r.data()),
        r.drops());
  }

  /** Controller indexes that appear in any record (system records excluded). */
  public ImmutableSortedSet<Integer> controllers() {
    ImmutableSortedSet.Builder<Integer> out = ImmutableSortedSet.naturalOrder();
    for (TraceRecord r : records) {
      if (r.index() != BtsnoopRecord.NO_INDEX) {
        out.add(r.index());
      }
    }
    return out.build();
  }

  /** Packets per kind for one controller, over the whole capture. */
  public PacketCounts counts(int index) {
    long cmd = 0;
    long evt = 0;
    long aclTx = 0;
    long aclRx = 0;
    long scoTx = 0;
    long scoRx = 0;
    for (TraceRecord r : records) {
      if (r.index() != index) {
        continue;
      }
      int op = MonitorCodec.opcode(r.packet(), r.direction());
      if (op == MonitorOpcode.COMMAND_PKT.code()) {
        cmd++;
      } else if (op == MonitorOpcode.EVENT_PKT.code()) {
        evt++;
      } else if (op == MonitorOpcode.ACL_TX_PKT.code()) {
        aclTx++;
      } else if (op == MonitorOpcode.ACL_RX_PKT.code()) {
        aclRx++;
      } else if (op == MonitorOpcode.SCO_TX_PKT.code()) {
        scoTx++;
      } else if (op == MonitorOpcode.SCO_RX_PKT.code()) {
        scoRx++;
      }
    }
    return new PacketCounts(cmd, evt, aclTx, aclRx, scoTx, scoRx);
  }

  /**
   * Every successful LE connection in the capture, in the order they were made, with its
   * disconnection if the capture holds it. A failed connection complete event (status != 0) makes
   * no connection.
   */
  public ImmutableList<Connection> connections() {
    List<Connection> out = new ArrayList<>();
    Map<Long, Integer> open = new HashMap<>(); // (index << 16 | handle) -> position in out
    for (TraceRecord r : records) {
      TracePacket p = r.packet();
      if (p instanceof HciEvent.LeConnectionComplete c && c.status() == 0) {
        add(out, open, r, c.handle(), c.peerAddress(), c.peerAddressType(), c.role());
      } else if (p instanceof HciEvent.LeEnhancedConnectionComplete c && c.status() == 0) {
        add(out, open, r, c.handle(), c.peerAddress(), c.peerAddressType(), c.role());
      } else if (p instanceof HciEvent.LeEnhancedConnectionCompleteV2 c && c.status() == 0) {
        add(out, open, r, c.handle(), c.peerAddress(), c.peerAddressType(), c.role());
      } else if (p instanceof HciEvent.DisconnectionComplete d && d.status() == 0) {
        Integer at = open.remove(key(r.index(), d.handle()));
        if (at != null) {
          Connection c = out.get(at);
          out.set(
              at,
              new Connection(
                  c.index(),
                  c.handle(),
                  c.peer(),
                  c.peerAddressType(),
                  c.role(),
                  c.connected(),
                  Optional.of(r.time()),
                  Optional.of(d.reason())));
        }
      }
    }
    return ImmutableList.copyOf(out);
  }

  private static void add(
      List<Connection> out,
      Map<Long, Integer> open,
      TraceRecord r,
      int handle,
      BdAddr peer,
      int peerType,
      int role) {
    Connection.Role rl =
        role == 0
            ? Connection.Role.CENTRAL
            : role == 1 ? Connection.Role.PERIPHERAL : Connection.Role.UNKNOWN;
    open.put(key(r.index(), handle), out.size());
    out.add(
        new Connection(
            r.index(), handle, peer, peerType, rl, r.time(), Optional.empty(), Optional.empty()));
  }

  private static long key(int index, int handle) {
    return ((long) index << 16) | handle;
  }

  /**
   * The ATT PDUs one controller sent and received on the fixed ATT channel (0x0004), rebuilt from
   * ACL fragments. Frames whose PDU does not decode are left out; EATT (credit-based channels) is
   * not followed: the lab runs BlueZ with {@code [GATT] Channels = 1}.
   */
  public ImmutableList<AttRecord> attPdus(int index) {
    L2capReassembler tx = new L2capReassembler();
    L2capReassembler rx = new L2capReassembler();
    ImmutableList.Builder<AttRecord> out = ImmutableList.builder();
    for (TraceRecord r : records) {
      if (r.index() != index || !(r.packet() instanceof AclData acl)) {
        continue;
      }
      L2capReassembler re = r.direction() == Direction.TO_CONTROLLER ? tx : rx;
      Optional<L2capFrame> f = re.accept(acl);
      if (f.isPresent() && f.get().channelId() == L2capFrame.CID_ATT) {
        try {
          out.add(
              new AttRecord(
                  index,
                  r.direction(),
                  r.time(),
                  acl.handle(),
                  AttCodec.decode(f.get().payload())));
        } catch (HciFormatException e) {
          // A malformed ATT PDU is left out; the audit does not judge ATT.
        }
      }
    }
    return out.build();
  }
}
