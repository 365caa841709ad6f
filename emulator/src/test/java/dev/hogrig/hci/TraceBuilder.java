package dev.hogrig.hci;

import dev.hogrig.util.Bytes;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds synthetic captures through the writer, so tests read them as they would a file. */
final class TraceBuilder {
  static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");
  private final List<BtsnoopRecord> records = new ArrayList<>();
  private long micros;
  private long drops;

  TraceBuilder at(long millis) {
    micros = millis * 1000;
    return this;
  }

  TraceBuilder drops(long n) {
    drops = n;
    return this;
  }

  TraceBuilder add(int index, Direction d, TracePacket p) {
    Bytes data = MonitorCodec.encode(p);
    records.add(
        new BtsnoopRecord(
            data.size(),
            index,
            MonitorCodec.opcode(p, d),
            drops,
            BtsnoopRecord.micros(T0) + micros,
            data));
    micros += 1000;
    return this;
  }

  TraceBuilder command(int index, int opcode) {
    return add(index, Direction.TO_CONTROLLER, new HciCommand(opcode, Bytes.EMPTY));
  }

  TraceBuilder complete(int index, int opcode) {
    return add(
        index, Direction.FROM_CONTROLLER, new HciEvent.CommandComplete(1, opcode, Bytes.of(0)));
  }

  TraceBuilder event(int index, HciEvent e) {
    return add(index, Direction.FROM_CONTROLLER, e);
  }

  TraceBuilder aclTx(int index, int handle, Bytes l2cap) {
    return add(index, Direction.TO_CONTROLLER, new AclData(handle, 0, 0, l2cap));
  }

  TraceBuilder aclRx(int index, int handle, Bytes l2cap) {
    return add(index, Direction.FROM_CONTROLLER, new AclData(handle, 2, 0, l2cap));
  }

  /**
   * An LE Enhanced Connection Complete v1 with status 0, interval 0x28 (50 ms), latency 0 and
   * supervision timeout 0x2A (420 ms), as btvirt reports them in the lab captures.
   */
  TraceBuilder connected(int index, int handle, int role, BdAddr peer) {
    BdAddr none = new BdAddr(0);
    return event(
        index,
        new HciEvent.LeEnhancedConnectionComplete(
            0, handle, role, 0, peer, none, none, 0x28, 0, 0x2a, 0));
  }

  /** A Disconnection Complete with status 0. */
  TraceBuilder disconnected(int index, int handle, int reason) {
    return event(index, new HciEvent.DisconnectionComplete(0, handle, reason));
  }

  /** An ATT PDU this host sent, in one ACL packet (PB 0b00). */
  TraceBuilder attTx(int index, int handle, AttPdu pdu) {
    return aclTx(index, handle, l2cap(L2capFrame.CID_ATT, AttCodec.encode(pdu)));
  }

  /** An ATT PDU this host received, in one ACL packet (PB 0b10). */
  TraceBuilder attRx(int index, int handle, AttPdu pdu) {
    return aclRx(index, handle, l2cap(L2capFrame.CID_ATT, AttCodec.encode(pdu)));
  }

  /** An L2CAP basic frame (Core Vol 3 Part A §3.1): length(2) channel ID(2), little-endian. */
  static Bytes l2cap(int cid, Bytes payload) {
    int n = payload.size();
    return Bytes.of(n & 0xff, n >> 8, cid & 0xff, cid >> 8).concat(payload);
  }

  /** Records added so far. */
  int size() {
    return records.size();
  }

  Bytes bytes() {
    return BtsnoopWriter.encodeFile(records);
  }

  HciTrace trace() {
    return HciTrace.read(new ByteArrayInputStream(bytes().toArray()));
  }
}
