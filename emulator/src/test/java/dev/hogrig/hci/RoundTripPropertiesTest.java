package dev.hogrig.hci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hogrig.util.Bytes;
import java.io.ByteArrayInputStream;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random values through encode and decode: what comes out is what went in. */
class RoundTripPropertiesTest {
  @Provide
  Arbitrary<BtsnoopRecord> records() {
    Arbitrary<byte[]> data = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    return Combinators.combine(
            data,
            Arbitraries.integers().between(0, 0xffff),
            Arbitraries.integers().between(0, 0xffff),
            Arbitraries.longs().between(0, 0xffff_ffffL),
            Arbitraries.longs(),
            Arbitraries.integers().between(0, 1000))
        .as(
            (d, index, opcode, drops, ts, extra) ->
                new BtsnoopRecord(d.length + extra, index, opcode, drops, ts, Bytes.copyOf(d)));
  }

  @Property(tries = 200)
  void btsnoopRecordsRoundTripThroughAFile(@ForAll("recordLists") List<BtsnoopRecord> records) {
    Bytes file = BtsnoopWriter.encodeFile(records);
    assertEquals(
        records,
        BtsnoopReaderTest.readAll(
            new BtsnoopReaderTest.ChunkedStream(
                file.toArray(), new java.util.Random(records.size()), 9)));
  }

  @Provide
  Arbitrary<List<BtsnoopRecord>> recordLists() {
    return records().list().ofMaxSize(20);
  }

  @Property(tries = 300)
  void disconnectionCompleteRoundTrips(
      @ForAll @IntRange(max = 255) int status,
      @ForAll @IntRange(max = 0xfff) int handle,
      @ForAll @IntRange(max = 255) int reason) {
    HciEvent e = new HciEvent.DisconnectionComplete(status, handle, reason);
    assertEquals(e, HciCodec.decodeEvent(HciCodec.encodeEvent(e)));
  }

  @Property(tries = 300)
  void leConnectionCompleteRoundTrips(
      @ForAll @IntRange(max = 0xfff) int handle,
      @ForAll @IntRange(max = 1) int role,
      @ForAll("addresses") BdAddr peer,
      @ForAll @IntRange(max = 0xffff) int interval,
      @ForAll @IntRange(max = 0xffff) int timeout) {
    HciEvent e =
        new HciEvent.LeConnectionComplete(0, handle, role, 1, peer, interval, 0, timeout, 5);
    assertEquals(e, HciCodec.decodeEvent(HciCodec.encodeEvent(e)));
  }

  @Provide
  Arbitrary<BdAddr> addresses() {
    return Arbitraries.longs().between(0, 0xffff_ffff_ffffL).map(BdAddr::new);
  }

  @Property(tries = 300)
  void commandsAclAndAttWritesRoundTrip(
      @ForAll @IntRange(max = 0xffff) int opcode,
      @ForAll @Size(max = 255) byte[] params,
      @ForAll @IntRange(max = 0xfff) int handle,
      @ForAll @IntRange(max = 3) int pb) {
    HciCommand c = new HciCommand(opcode, Bytes.copyOf(params));
    assertEquals(c, HciCodec.decodeCommand(HciCodec.encodeCommand(c)));
    AclData a = new AclData(handle, pb, 0, Bytes.copyOf(params));
    assertEquals(a, HciCodec.decodeAcl(HciCodec.encodeAcl(a)));
    AttPdu w = new AttPdu.HandleValueNotification(handle, Bytes.copyOf(params));
    assertEquals(w, AttCodec.decode(AttCodec.encode(w)));
    L2capFrame f = new L2capFrame(handle, L2capFrame.CID_ATT, AttCodec.encode(w));
    L2capReassembler r = new L2capReassembler();
    Bytes whole = f.encode();
    int cut = Math.min(whole.size(), 1 + params.length / 2);
    r.accept(new AclData(handle, AclData.PB_FIRST_NON_FLUSHABLE, 0, whole.slice(0, cut)));
    java.util.Optional<L2capFrame> got =
        cut == whole.size()
            ? r.accept(new AclData(handle, AclData.PB_FIRST_NON_FLUSHABLE, 0, whole))
            : r.accept(
                new AclData(handle, AclData.PB_CONTINUING, 0, whole.slice(cut, whole.size())));
    assertEquals(java.util.Optional.of(f), got);
  }

  @Property(tries = 100)
  void traceOfSyntheticRecordsDecodesEveryPacketBack(@ForAll @IntRange(max = 0xfff) int handle) {
    HciEvent e = new HciEvent.DisconnectionComplete(0, handle, 0x08);
    HciTrace t = new TraceBuilder().event(3, e).trace();
    assertEquals(e, t.records().get(0).packet());
    assertEquals(3, t.records().get(0).index());
    assertEquals(Direction.FROM_CONTROLLER, t.records().get(0).direction());
    HciTrace again =
        HciTrace.read(new ByteArrayInputStream(new TraceBuilder().event(3, e).bytes().toArray()));
    assertEquals(t, again);
  }
}
