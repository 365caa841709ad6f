package dev.hogrig.hci;

import dev.hogrig.util.Bytes;
import java.io.ByteArrayInputStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Random and mutated input: the decoders either return a value or throw {@link HciFormatException};
 * nothing else (IndexOutOfBounds, IllegalArgument, NegativeArraySize) may escape. jqwik fails the
 * property on any other exception.
 */
class HciFuzzTest {
  private static final byte[] LAB = BtsnoopReaderTest.resource("lab-boot.btsnoop").toArray();

  @Property(tries = 2000)
  void eventDecoderThrowsOnlyTheTypedException(
      @ForAll @Size(max = 80) byte[] params, @ForAll @IntRange(max = 255) int code) {
    byte[] p = new byte[params.length + 2];
    p[0] = (byte) code;
    p[1] = (byte) params.length;
    System.arraycopy(params, 0, p, 2, params.length);
    typed(() -> HciCodec.decodeEvent(Bytes.copyOf(p)));
    typed(() -> HciCodec.decodeEvent(Bytes.copyOf(params)));
  }

  @Property(tries = 1000)
  void leMetaDecoderThrowsOnlyTheTypedException(
      @ForAll @Size(max = 60) byte[] params, @ForAll("subevents") int sub) {
    byte[] p = new byte[params.length + 3];
    p[0] = 0x3e;
    p[1] = (byte) (params.length + 1);
    p[2] = (byte) sub;
    System.arraycopy(params, 0, p, 3, params.length);
    typed(() -> HciCodec.decodeEvent(Bytes.copyOf(p)));
  }

  @Provide
  Arbitrary<Integer> subevents() {
    return Arbitraries.of(0x01, 0x03, 0x04, 0x05, 0x07, 0x0a, 0x29, 0x02, 0xff);
  }

  @Property(tries = 1000)
  void otherDecodersThrowOnlyTheTypedException(
      @ForAll @Size(max = 40) byte[] data, @ForAll("attOpcodes") int att) {
    typed(() -> HciCodec.decodeCommand(Bytes.copyOf(data)));
    typed(() -> HciCodec.decodeAcl(Bytes.copyOf(data)));
    byte[] pdu = new byte[data.length + 1];
    pdu[0] = (byte) att;
    System.arraycopy(data, 0, pdu, 1, data.length);
    typed(() -> AttCodec.decode(Bytes.copyOf(pdu)));
    typed(() -> HciCounters.parse(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1)));
    for (int op = 0; op < 20; op++) {
      int o = op;
      typed(() -> MonitorCodec.decode(o, Bytes.copyOf(data)));
    }
  }

  @Provide
  Arbitrary<Integer> attOpcodes() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            1, 2, 3, 8, 9, 0x0a, 0x0b, 0x0c, 0x0d, 0x10, 0x11, 0x12, 0x13, 0x1b, 0x1d, 0x1e, 0x52),
        Arbitraries.integers().between(0, 255));
  }

  /**
   * The lab capture with a few bytes overwritten: read, decode, audit, without a stray exception.
   */
  @Property(tries = 300)
  void mutatedCaptureThrowsOnlyTheTypedException(
      @ForAll @Size(min = 1, max = 8) java.util.List<@IntRange(max = 20682) Integer> positions,
      @ForAll byte value,
      @ForAll @IntRange(min = 0, max = 20683) int cut) {
    byte[] b = java.util.Arrays.copyOf(LAB, cut);
    for (int p : positions) {
      if (p < b.length) {
        b[p] = value;
      }
    }
    typed(
        () -> {
          HciTrace t = HciTrace.read(new ByteArrayInputStream(b));
          t.connections();
          for (int i : t.controllers()) {
            t.attPdus(i);
          }
          return CaptureAudit.check(t);
        });
  }

  private static void typed(java.util.function.Supplier<?> decode) {
    try {
      decode.get();
    } catch (HciFormatException expected) {
      // the one exception bad input may raise
    }
  }
}
