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

  Bytes bytes() {
    return BtsnoopWriter.encodeFile(records);
  }

  HciTrace trace() {
    return HciTrace.read(new ByteArrayInputStream(bytes().toArray()));
  }
}
